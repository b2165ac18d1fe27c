package dev.taskapi.webhooks.testing;

import dev.taskapi.webhooks.Delivery;
import dev.taskapi.webhooks.DeliveryQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A delivery queue for the tests of what only adds to it (the publisher, the reminder): it keeps what was sent, or
 * refuses every send once told to, as SQS refusing an entry twice makes {@code SqsDeliveryQueue} do.
 */
public final class RecordingDeliveryQueue implements DeliveryQueue {
  private final List<Delivery> queued = new ArrayList<>();
  private boolean refusing;

  public List<Delivery> queued() {
    return queued;
  }

  public void refuseEverySend() {
    refusing = true;
  }

  @Override
  public void send(List<Delivery> deliveries) {
    if (refusing) {
      throw new IllegalStateException("SQS refused a delivery twice");
    }
    queued.addAll(deliveries);
  }

  @Override
  public void retryAfter(String receiptHandle, Duration pause) {
    throw new AssertionError("what only adds to the queue postpones nothing");
  }
}
