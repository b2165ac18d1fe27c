package dev.taskapi.domain;

/** The request's {@code If-Match} names a version the resource no longer has; nothing was changed: 412. */
public final class PreconditionFailedException extends DomainException {
  public PreconditionFailedException(String detail) {
    super(detail);
  }
}
