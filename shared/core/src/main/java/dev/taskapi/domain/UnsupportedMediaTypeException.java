package dev.taskapi.domain;

/** The body was declared as something other than JSON: 415. */
public final class UnsupportedMediaTypeException extends DomainException {
  public UnsupportedMediaTypeException(String detail) {
    super(detail);
  }
}
