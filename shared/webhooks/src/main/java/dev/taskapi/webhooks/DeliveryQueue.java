package dev.taskapi.webhooks;

import java.time.Duration;
import java.util.List;

/** The queue deliveries wait in (Amazon SQS on AWS and locally): the publisher adds, the deliverer postpones. */
public interface DeliveryQueue {
  /**
   * Adds every delivery, or throws: when this returns, each is in the queue (at least once).
   *
   * @throws IllegalStateException when any could not be added (the caller's batch is then retried whole)
   */
  void send(List<Delivery> deliveries);

  /** Makes the received message {@code receiptHandle} visible again after {@code pause}: its next attempt. */
  void retryAfter(String receiptHandle, Duration pause);
}
