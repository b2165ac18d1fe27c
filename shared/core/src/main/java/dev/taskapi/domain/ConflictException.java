package dev.taskapi.domain;

/** The request conflicts with the stored state, such as an email already registered: 409. */
public final class ConflictException extends DomainException {
  public ConflictException(String detail) {
    super(detail);
  }
}
