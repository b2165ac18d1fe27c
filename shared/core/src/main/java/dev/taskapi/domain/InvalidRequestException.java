package dev.taskapi.domain;

import java.util.List;

/** The request is malformed or a field breaks a rule: 400, with the offending fields named. */
public final class InvalidRequestException extends DomainException {
  private final List<FieldError> fieldErrors;

  public InvalidRequestException(String detail) {
    this(detail, List.of());
  }

  public InvalidRequestException(String detail, List<FieldError> fieldErrors) {
    super(detail);
    this.fieldErrors = List.copyOf(fieldErrors);
  }

  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }

  /** One field that broke a rule, and the rule in words. */
  public record FieldError(String name, String reason) {}
}
