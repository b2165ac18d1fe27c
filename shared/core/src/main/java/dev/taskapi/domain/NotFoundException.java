package dev.taskapi.domain;

/** No such resource for this caller (absent or someone else's: never revealed which): 404. */
public final class NotFoundException extends DomainException {
  public NotFoundException(String detail) {
    super(detail);
  }

  /** The caller has no task with the requested id: absent and someone else's read alike, by design. */
  public static NotFoundException noSuchTask() {
    return new NotFoundException("No task with this id.");
  }

  /** The caller has no list with the requested id (absent, someone else's, or being deleted). */
  public static NotFoundException noSuchList() {
    return new NotFoundException("No list with this id.");
  }

  /** The caller has no webhook with the requested id (absent, someone else's, or deleted). */
  public static NotFoundException noSuchWebhook() {
    return new NotFoundException("No webhook with this id.");
  }

  /** The caller has no task with the id in {@code parent_id} (absent, someone else's, or deleted meanwhile). */
  public static NotFoundException noSuchParent() {
    return new NotFoundException("No task with the id in parent_id.");
  }
}
