package dev.taskapi.mail;

import dev.taskapi.snapstart.Priming;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Refuses every SES request while SnapStart priming runs, at the last step before it would be sent: the request has
 * been marshalled and signed (the classes priming is for), and nothing leaves the function, so priming never sends
 * mail. The DynamoDB clients' guard refuses earlier, as they may still read while priming; SES has no read to prime.
 */
final class SendEmailPrimingGuard implements ExecutionInterceptor {
  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    if (Priming.active()) {
      throw new RefusedWhilePriming(context.request().getClass().getSimpleName());
    }
  }

  /** What {@link SendEmailPrimer} expects to meet. */
  static final class RefusedWhilePriming extends RuntimeException {
    RefusedWhilePriming(String request) {
      super("SES " + request + " refused: nothing is sent while priming");
    }
  }
}
