package dev.taskapi.domain;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code reminders}: up to {@value TaskFields#MAX_REMINDERS} of {@code {"before": "PT15M"}} (an ISO 8601 duration of
 * 0 to {@value Reminder#MAX_BEFORE_DAYS} days) or {@code {"at": "2026-12-24T08:45:00Z"}} (an RFC 3339 date-time
 * with its offset), as {@link Reminder#parse} reads them. Two reminders for the same offset
 * or the same moment are refused, not merged. {@code []} and {@code null} both mean none. Stored as a list of
 * one-member maps of the texts as sent.
 *
 * <p>A {@code before} needs a due that is a moment (a {@code time} and a {@code time_zone}): a whole day or a
 * floating time has no moment on the server, which does not know where its user is. {@link #check} holds that for
 * the task as every write leaves it.
 */
final class RemindersField extends TaskField<List<Reminder>> {
  RemindersField(String name) {
    super(name, Access.CREATE_AND_PATCH, true);
  }

  @Override
  public List<Reminder> absent() {
    return List.of();
  }

  @Override
  protected List<Reminder> parse(JsonNode node, String path, List<FieldError> errors) {
    if (!node.isArray()) {
      errors.add(new FieldError(path, "must be an array of reminders, or null"));
      return null;
    }
    int before = errors.size();
    if (node.size() > TaskFields.MAX_REMINDERS) {
      errors.add(new FieldError(path, "must hold at most " + TaskFields.MAX_REMINDERS + " reminders"));
      return null;
    }
    List<Reminder> reminders = new ArrayList<>();
    Set<Object> seen = new HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      String item = path + "[" + i + "]";
      Reminder reminder = reminder(node.get(i), item, errors);
      if (reminder != null && !seen.add(sameness(reminder))) {
        errors.add(new FieldError(item, "repeats an earlier reminder"));
      } else if (reminder != null) {
        reminders.add(reminder);
      }
    }
    return errors.size() > before ? null : List.copyOf(reminders);
  }

  private static Reminder reminder(JsonNode node, String path, List<FieldError> errors) {
    if (!node.isObject() || node.size() != 1 || !(node.has(Reminder.Before.KIND) || node.has(Reminder.At.KIND))) {
      errors.add(new FieldError(path, "must be an object with one member, \"before\" or \"at\""));
      return null;
    }
    boolean before = node.has(Reminder.Before.KIND);
    String member = path + "." + (before ? Reminder.Before.KIND : Reminder.At.KIND);
    String text = TaskFields.string(node.get(before ? Reminder.Before.KIND : Reminder.At.KIND), member, errors);
    if (text == null) {
      return null;
    }
    Reminder reminder = Reminder.parse(before ? Reminder.Before.KIND : Reminder.At.KIND, text).orElse(null);
    if (reminder == null) {
      errors.add(new FieldError(member, before
          ? "must be an ISO 8601 duration of 0 to " + Reminder.MAX_BEFORE_DAYS + " days, such as PT15M, PT1H30M or P1D"
          : "must be an RFC 3339 date-time with an offset, such as 2026-12-24T08:45:00Z"));
    }
    return reminder;
  }

  /** What two reminders that are one share: the offset before the due, or the moment. */
  private static Object sameness(Reminder reminder) {
    return switch (reminder) {
      case Reminder.Before before -> before.offset();
      case Reminder.At at -> at.at();
    };
  }

  /**
   * Adds to {@code errors} each {@code before} reminder that {@code due} gives no moment: a task as a write leaves
   * it must have a due with a time zone while it has one.
   */
  static void check(List<Reminder> reminders, Optional<Due> due, List<FieldError> errors) {
    boolean moment = due.flatMap(Due::instant).isPresent();
    for (int i = 0; i < reminders.size(); i++) {
      if (reminders.get(i) instanceof Reminder.Before && !moment) {
        errors.add(new FieldError(TaskFields.REMINDERS.name() + "[" + i + "]." + Reminder.Before.KIND,
            "needs a due with a time and a time_zone (a whole day or a floating time is no moment)"));
      }
    }
  }

  @Override
  protected void write(JsonGenerator json, List<Reminder> value) throws IOException {
    json.writeStartArray();
    for (Reminder reminder : value) {
      json.writeStartObject();
      json.writeStringField(reminder.kind(), reminder.text());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  @Override
  protected Object store(List<Reminder> value) {
    if (value.isEmpty()) {
      return null;
    }
    List<Map<String, String>> stored = new ArrayList<>();
    for (Reminder reminder : value) {
      stored.add(Map.of(reminder.kind(), reminder.text()));
    }
    return stored;
  }

  @Override
  protected List<Reminder> load(Object stored) {
    List<Reminder> reminders = new ArrayList<>();
    for (Object item : (List<?>) stored) {
      Map<?, ?> map = (Map<?, ?>) item;
      String kind = map.containsKey(Reminder.Before.KIND) ? Reminder.Before.KIND : Reminder.At.KIND;
      reminders.add(Reminder.parse(kind, (String) map.get(kind)).orElseThrow());
    }
    return List.copyOf(reminders);
  }
}
