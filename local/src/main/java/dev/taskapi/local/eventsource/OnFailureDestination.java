package dev.taskapi.local.eventsource;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where a mapping sends the record of a batch it gives up on (DestinationConfig.OnFailure): Lambda sends an
 * invocation record describing the batch, not the records themselves (Lambda Developer Guide, "Retaining discarded
 * batches for a DynamoDB event source"). One interface so an SQS or SNS destination can be wired in later.
 */
public interface OnFailureDestination {
  /**
   * @param destinationArn the mapping's {@code DestinationConfig.OnFailure.Destination}
   * @param invocationRecord what Lambda sends there
   */
  void send(String destinationArn, ObjectNode invocationRecord);
}
