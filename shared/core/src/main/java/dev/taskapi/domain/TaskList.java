package dev.taskapi.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One of a user's task lists. {@code id} is a UUIDv7 (its creation time, as a task's), except the account's
 * default list, whose id is {@link TaskLists#defaultListId}. {@code version} counts the list's writes and is its
 * entity tag; the default list reads as version 0 until it is first written.
 */
public record TaskList(String id, String userId, String title, Instant createdAt, Instant updatedAt, long version) {
  public static final long FIRST_VERSION = 1;

  public TaskList {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** Whether this is the account's default list ("Inbox"), which cannot be deleted. */
  public boolean isDefault() {
    return id.equals(TaskLists.defaultListId(userId));
  }
}
