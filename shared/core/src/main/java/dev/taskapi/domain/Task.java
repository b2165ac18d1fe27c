package dev.taskapi.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A task owned by one user. {@code id} is a UUIDv7, so ids sort in creation order. {@code version} counts the
 * task's writes (1 when created, +1 per update) and is its entity tag: a conditional update names the version it
 * read, so of two clients editing the same state exactly one wins.
 */
public record Task(
    String id,
    String userId,
    String title,
    String description,
    Instant createdAt,
    boolean completed,
    Instant updatedAt,
    long version) {
  /** The version of a task as created. Items stored before versions existed read as 0. */
  public static final long FIRST_VERSION = 1;

  public Task {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** A new task: not completed, never updated, first version. */
  public Task(String id, String userId, String title, String description, Instant createdAt) {
    this(id, userId, title, description, createdAt, false, createdAt, FIRST_VERSION);
  }

  /** This task with {@code changes} applied at {@code now}, one version later. */
  public Task apply(TaskChanges changes, Instant now) {
    return new Task(
        id,
        userId,
        changes.title() == null ? title : changes.title(),
        changes.description() == null ? description : changes.description(),
        createdAt,
        changes.completed() == null ? completed : changes.completed(),
        now,
        version + 1);
  }
}
