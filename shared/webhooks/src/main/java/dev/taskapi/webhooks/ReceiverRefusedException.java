package dev.taskapi.webhooks;

/**
 * A receiver URL the {@link ReceiverPolicy} refuses, with the reason in words for the client: a 400 at
 * registration, an undelivered test send after it. Expected control flow, so no stack trace.
 */
public final class ReceiverRefusedException extends RuntimeException {
  public ReceiverRefusedException(String reason) {
    super(reason, null, false, false);
  }

  public String reason() {
    return getMessage();
  }
}
