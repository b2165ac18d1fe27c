package dev.taskapi.store.dynamodb;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Once armed, loses DynamoDB's answer to the client's next request after DynamoDB applied it, as a timeout or a
 * reset connection would: the SDK sees an I/O error, which its retry strategy (the production client's) resends.
 */
final class LostAnswer implements ExecutionInterceptor {
  private final AtomicBoolean armed = new AtomicBoolean();

  void armForNextRequest() {
    armed.set(true);
  }

  /** Whether the armed answer has been lost (and the request resent). */
  boolean lost() {
    return !armed.get();
  }

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    if (armed.compareAndSet(true, false)) {
      throw SdkClientException.create("the answer was lost", new IOException("Connection reset"));
    }
  }
}
