package dev.taskapi.domain;

/** No such resource for this caller (absent or someone else's: never revealed which): 404. */
public final class NotFoundException extends DomainException {
  public NotFoundException(String detail) {
    super(detail);
  }
}
