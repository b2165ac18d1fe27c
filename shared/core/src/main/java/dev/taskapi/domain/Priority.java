package dev.taskapi.domain;

import java.util.Locale;

/** How urgent a task is; {@link #NONE} unless the client says. Its wire and stored form is its lower-case name. */
public enum Priority {
  NONE,
  LOW,
  MEDIUM,
  HIGH;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
