package dev.taskapi.domain;

/**
 * The fields a {@code PATCH} sets; {@code null} means "leave as it is". At least one is set (the request parser
 * refuses an empty change).
 */
public record TaskChanges(String title, String description, Boolean completed) {
  public boolean isEmpty() {
    return title == null && description == null && completed == null;
  }
}
