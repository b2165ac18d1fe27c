package dev.taskapi.store.dynamodb;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Counts the HTTP requests the SDK sends, retries included, into {@code count}. */
final class RoundTripCounter implements ExecutionInterceptor {
  private final AtomicInteger count;

  RoundTripCounter(AtomicInteger count) {
    this.count = count;
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    count.incrementAndGet();
  }
}
