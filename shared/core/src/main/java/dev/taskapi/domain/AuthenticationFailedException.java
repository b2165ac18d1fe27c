package dev.taskapi.domain;

/** Credentials or token not accepted: 401. The detail never says which part was wrong. */
public final class AuthenticationFailedException extends DomainException {
  public AuthenticationFailedException(String detail) {
    super(detail);
  }
}
