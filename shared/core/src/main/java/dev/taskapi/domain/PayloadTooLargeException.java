package dev.taskapi.domain;

/** The request body is larger than the API accepts: 413. */
public final class PayloadTooLargeException extends DomainException {
  public PayloadTooLargeException(String detail) {
    super(detail);
  }
}
