package dev.taskapi.domain;

import java.util.Objects;

/**
 * How a task recurs: an RFC 5545 {@code rule} (an RRULE value, such as {@code FREQ=WEEKLY;BYDAY=MO}) counted
 * {@link From from} the due or from the completion. {@code completions} is the server's own count of the
 * occurrences completed since the rule was last set: a rule's {@code COUNT} is the number of occurrences of the
 * series that starts at the due the task had when the rule was set, so the {@code COUNT}th completion completes the
 * task for good. It is stored but never on the wire, and a client that sets the rule (even to the same text)
 * starts a new series at 0.
 */
public record Recurrence(String rule, From from, long completions) {
  /** Where the next occurrence is counted from. */
  public enum From {
    /** The occurrence just completed: the next one in the series, however late the completion. */
    DUE("due"),
    /** The day the task was completed, at the due's time of day. */
    COMPLETION("completion");

    private final String wire;

    From(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  public Recurrence {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(from, "from");
    if (completions < 0) {
      throw new IllegalArgumentException("completions: " + completions);
    }
  }

  /** This recurrence after one more occurrence was completed. */
  public Recurrence completedOnce() {
    return new Recurrence(rule, from, completions + 1);
  }
}
