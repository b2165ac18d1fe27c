package dev.taskapi.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The fields of a task, each defined once ({@link TaskField}); their order is the order of the JSON members and of
 * {@code invalid_params}. A task's identity ({@code uuid}, {@code user_id}, {@code created_at}), its
 * {@code updated_at} and its version are not fields: the server sets them on every write ({@link Task}).
 */
public final class TaskFields {
  public static final int MAX_TITLE = 200;
  public static final int MAX_DESCRIPTION = 10_000;
  /** At most this many labels per task (after duplicates collapse), each of 1 to {@link #MAX_LABEL_LENGTH}. */
  public static final int MAX_LABELS = 20;
  public static final int MAX_LABEL_LENGTH = 50;
  /** At most this many reminders per task. */
  public static final int MAX_REMINDERS = 5;

  public static final TaskField<String> TITLE = new TextField("title", MAX_TITLE, true);
  public static final TaskField<String> DESCRIPTION = new TextField("description", MAX_DESCRIPTION, false);
  public static final TaskField<Boolean> COMPLETED = new FlagField("completed");
  /** When the task was last completed; set when {@code completed} becomes true, cleared when it becomes false. */
  public static final TaskField<Optional<Instant>> COMPLETED_AT = new TimestampField("completed_at");
  public static final TaskField<Optional<Due>> DUE = new DueField("due");
  public static final TaskField<Priority> PRIORITY = new PriorityField("priority");
  public static final TaskField<List<String>> LABELS = new LabelsField("labels");
  /** How the task recurs; completing a recurring task advances it ({@link RecurringCompletion}). */
  public static final TaskField<Optional<Recurrence>> RECURRENCE = new RecurrenceField("recurrence");
  /** When a recurring task's occurrence was last completed (the advance leaves {@code completed_at} cleared). */
  public static final TaskField<Optional<Instant>> LAST_COMPLETED_AT = new TimestampField("last_completed_at");

  /** When the owner is reminded: each fires once as a {@code reminder.fired} webhook event. */
  public static final TaskField<List<Reminder>> REMINDERS = new RemindersField("reminders");

  /** Every field, in wire order. */
  public static final List<TaskField<?>> ALL = List.of(
      TITLE, DESCRIPTION, COMPLETED, COMPLETED_AT, DUE, PRIORITY, LABELS, RECURRENCE, LAST_COMPLETED_AT, REMINDERS);

  /**
   * Adds to {@code errors} what breaks a rule between fields in {@code task} as a create makes it: a recurrence
   * needs a due that allows it ({@link RecurringCompletion#check}), a {@code before} reminder a due that is a moment.
   */
  public static void checkTogether(TaskValues task, List<FieldError> errors) {
    RecurringCompletion.check(task.get(RECURRENCE), task.get(DUE), errors);
    RemindersField.check(task.get(REMINDERS), task.get(DUE), errors);
  }

  private TaskFields() {}

  /**
   * A string member: null, with the error recorded, when it is not a string or not valid Unicode (an unpaired
   * surrogate would be stored as '?', so what is stored would differ from what was acknowledged).
   */
  static String string(JsonNode node, String path, List<FieldError> errors) {
    if (!node.isTextual()) {
      errors.add(new FieldError(path, "must be a string"));
      return null;
    }
    String value = node.textValue();
    if (Text.hasUnpairedSurrogate(value)) {
      errors.add(new FieldError(path, "must be valid Unicode (no unpaired surrogate)"));
      return null;
    }
    return value;
  }
}
