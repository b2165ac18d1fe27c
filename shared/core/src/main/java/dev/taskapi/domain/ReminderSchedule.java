package dev.taskapi.domain;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One reminder of one task at the moment it fires: what one one-time schedule stands for. Its {@link #name()} is
 * derived from all four, so a reminder whose moment moves (the due changed, the task recurred, its zone changed)
 * is another schedule, and the one it replaces can be named from the old image of the task alone.
 */
public record ReminderSchedule(String userId, String taskId, Reminder reminder, Instant remindAt) {
  /** EventBridge Scheduler's names: 1 to 64 of {@code [0-9a-zA-Z-_.]}; this prefix and 32 hex digits. */
  private static final String NAME_PREFIX = "reminder-";
  private static final String USER_ID = "user_id";
  private static final String TASK_ID = "task_id";
  private static final String REMINDER = "reminder";
  private static final String REMIND_AT = "remind_at";
  private static final JsonFactory JSON = new JsonFactory();

  public ReminderSchedule {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(reminder, "reminder");
    Objects.requireNonNull(remindAt, "remindAt");
  }

  /**
   * The schedules a task has: one per reminder with a moment, none for a task that is completed (a completion
   * cancels them; reopening it brings back those still to come) or absent (deleted).
   */
  public static Set<ReminderSchedule> of(Optional<Task> task) {
    Set<ReminderSchedule> schedules = new LinkedHashSet<>();
    if (task.isEmpty() || task.get().completed()) {
      return schedules;
    }
    Optional<Due> due = task.get().get(TaskFields.DUE);
    for (Reminder reminder : task.get().get(TaskFields.REMINDERS)) {
      Optional<Instant> moment = reminder.moment(due);
      if (moment.isPresent()) {
        schedules.add(new ReminderSchedule(task.get().userId(), task.get().id(), reminder, moment.get()));
      }
    }
    return schedules;
  }

  /**
   * The schedule's input, which EventBridge Scheduler hands its target as the event: {@code {"user_id",
   * "task_id", "reminder": {"before" | "at": text}, "remind_at"}}.
   */
  public String toJson() {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField(USER_ID, userId);
      json.writeStringField(TASK_ID, taskId);
      json.writeObjectFieldStart(REMINDER);
      json.writeStringField(reminder.kind(), reminder.text());
      json.writeEndObject();
      json.writeStringField(REMIND_AT, remindAt.toString());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  /**
   * The schedule whose {@link #toJson} is {@code input}.
   *
   * @throws IllegalArgumentException when it is not one (an event no schedule of ours sent)
   */
  public static ReminderSchedule fromJson(JsonNode input) {
    JsonNode reminder = input.path(REMINDER);
    Optional<Reminder> parsed = reminder.has(Reminder.Before.KIND)
        ? Reminder.parse(Reminder.Before.KIND, reminder.path(Reminder.Before.KIND).asText())
        : Reminder.parse(Reminder.At.KIND, reminder.path(Reminder.At.KIND).asText());
    try {
      return new ReminderSchedule(text(input, USER_ID), text(input, TASK_ID),
          parsed.orElseThrow(() -> new IllegalArgumentException("no reminder in " + input)),
          Instant.parse(text(input, REMIND_AT)));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a reminder schedule's input: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode input, String member) {
    JsonNode node = input.get(member);
    if (node == null || !node.isTextual()) {
      throw new IllegalArgumentException("not a reminder schedule's input: no " + member);
    }
    return node.textValue();
  }

  /** The schedule's name: the same for the same reminder of the same task at the same moment, unique otherwise. */
  public String name() {
    String identity = String.join("\n", userId, taskId, reminder.kind(), reminder.text(), remindAt.toString());
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return NAME_PREFIX + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
