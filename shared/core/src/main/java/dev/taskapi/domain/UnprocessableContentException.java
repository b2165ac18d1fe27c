package dev.taskapi.domain;

/**
 * The request is well formed but cannot be applied as sent, such as an Idempotency-Key reused with another
 * body: 422.
 */
public final class UnprocessableContentException extends DomainException {
  public UnprocessableContentException(String detail) {
    super(detail);
  }
}
