package dev.taskapi.store.dynamodb;

import dev.taskapi.snapstart.Priming;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Refuses every request of a client that only acts (SES's mail, Scheduler's schedules) while SnapStart priming runs,
 * at the last step before it would be sent: the request has been marshalled and signed (the classes priming is for),
 * and nothing leaves the function, so priming never mails or schedules. The DynamoDB clients' guard refuses earlier
 * ({@link PrimingWriteGuard}), as they may still read while priming.
 */
public final class PrimingSendGuard implements ExecutionInterceptor {
  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    if (Priming.active()) {
      throw new Refused(context.request().getClass().getSimpleName());
    }
  }

  /** What a primer expects to meet: its request went as far as it can without being sent. */
  public static final class Refused extends RuntimeException {
    Refused(String request) {
      super(request + " refused: nothing is sent while priming");
    }
  }
}
