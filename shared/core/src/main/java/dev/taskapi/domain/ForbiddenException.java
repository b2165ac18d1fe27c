package dev.taskapi.domain;

/**
 * The caller is authenticated but what it sent does not allow the action: 403. Used for a wrong password entered
 * again to confirm a sensitive action; a 401 would tell the client to log in again, which would not help.
 */
public final class ForbiddenException extends DomainException {
  public ForbiddenException(String detail) {
    super(detail);
  }
}
