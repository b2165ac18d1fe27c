package dev.taskapi.domain;

import java.time.Instant;
import java.util.Objects;

/** A task owned by one user. {@code id} is a UUIDv7, so ids sort in creation order. */
public record Task(String id, String userId, String title, String description, Instant createdAt) {
  public Task {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
