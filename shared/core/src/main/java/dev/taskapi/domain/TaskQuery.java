package dev.taskapi.domain;

import dev.taskapi.domain.InvalidRequestException.FieldError;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@code GET /tasks} asks for, parsed and checked: the filters (each empty when not given) and the order. Both
 * stores answer it through {@link #matches} and {@link #sortKey}, so they filter and order alike; {@link #canonical}
 * names the query for its cursors.
 *
 * <ul>
 *   <li>{@code due_before} and {@code due_after} are exclusive and compare the due's {@code date} as written, with no
 *       time-zone arithmetic (a due on 2026-12-24 at 23:00 in Pacific/Auckland is on the 24th); a task without a
 *       due matches neither.
 *   <li>{@code label} is normalized as a task's labels are ({@link LabelsField}) and matches a task holding a label
 *       that is the same label.
 *   <li>{@code q} matches a task whose title or description contains it, case-insensitively: both sides
 *       NFKC-normalized, then upper- then lower-cased in {@link Locale#ROOT} (so "STRASSE" finds "Straße" and
 *       "ﬁle" finds "FILE"); at most {@value #MAX_Q} characters.
 *   <li>{@code parent_id} matches a parent's direct sub-tasks; without it, tasks at every level match.
 * </ul>
 */
public record TaskQuery(
    Optional<String> listId,
    Optional<String> parentId,
    Optional<Boolean> completed,
    Optional<String> label,
    Optional<Priority> priority,
    Optional<String> dueBefore,
    Optional<String> dueAfter,
    Optional<String> q,
    TaskSort sort,
    boolean descending) {
  public static final int MAX_Q = 100;

  /**
   * One page of a query's answer; {@code next}, present exactly when more matching tasks may follow, is the
   * position the next page continues after (opaque outside the store that issued it).
   */
  public record Page(List<Task> tasks, Optional<String> next) {
    public Page {
      tasks = List.copyOf(tasks);
    }
  }

  /**
   * The query of {@code parameter} (a query-string parameter's value by name), or a 400 naming every wrong
   * parameter. The order defaults to {@code position} with a {@code list_id}, else {@code -created}.
   */
  public static TaskQuery parse(Function<String, Optional<String>> parameter) {
    return parse(parameter, List.of());
  }

  /** The same, where {@code earlier} are errors the caller found in its own parameters: the 400 names them too. */
  public static TaskQuery parse(Function<String, Optional<String>> parameter, List<FieldError> earlier) {
    List<FieldError> errors = new ArrayList<>(earlier);
    Optional<String> listId = parameter.apply("list_id").map(v -> uuid("list_id", v, errors));
    Optional<String> parentId = parameter.apply("parent_id").map(v -> uuid("parent_id", v, errors));
    Optional<Boolean> completed = parameter.apply("completed").map(v -> flag(v, errors));
    Optional<String> label = parameter.apply("label").map(v -> label(v, errors));
    Optional<Priority> priority = parameter.apply("priority").map(v -> priority(v, errors));
    Optional<String> dueBefore = parameter.apply("due_before").map(v -> date("due_before", v, errors));
    Optional<String> dueAfter = parameter.apply("due_after").map(v -> date("due_after", v, errors));
    Optional<String> q = parameter.apply("q").map(v -> q(v, errors));
    String sort = parameter.apply("sort").orElse(listId.isPresent() ? "position" : "-created");
    boolean descending = sort.startsWith("-");
    TaskSort order = sort(descending ? sort.substring(1) : sort, errors);
    if (order == TaskSort.POSITION && parameter.apply("list_id").isEmpty()) {
      errors.add(new FieldError("sort", "position needs a list_id: positions order the tasks of one list"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("The query parameters are not valid.", errors);
    }
    return new TaskQuery(listId, parentId, completed, label, priority, dueBefore, dueAfter, q, order, descending);
  }

  /** Whether the task passes every filter of this query. */
  public boolean matches(Task task) {
    return listId.map(id -> id.equals(TaskPlacement.listId(task))).orElse(true)
        && parentId.map(id -> id.equals(TaskPlacement.parentId(task))).orElse(true)
        && completed.map(state -> state == task.completed()).orElse(true)
        && label.map(key -> task.get(TaskFields.LABELS).stream().anyMatch(l -> LabelsField.key(l).equals(key))).orElse(true)
        && priority.map(p -> p == task.get(TaskFields.PRIORITY)).orElse(true)
        && dueBefore.map(d -> task.get(TaskFields.DUE).map(due -> due.date().compareTo(d) < 0).orElse(false)).orElse(true)
        && dueAfter.map(d -> task.get(TaskFields.DUE).map(due -> due.date().compareTo(d) > 0).orElse(false)).orElse(true)
        && q.map(text -> fold(task.title()).contains(text) || fold(task.description()).contains(text)).orElse(true);
  }

  /** The task's key in this query's sort ({@link TaskSort}), ascending in {@link String#compareTo} order. */
  public String sortKey(Task task) {
    return sort.key(task);
  }

  /** Whether a task of sort key {@code key} comes after {@code position} in this query's direction. */
  public boolean isAfter(String key, String position) {
    int order = key.compareTo(position);
    return descending ? order < 0 : order > 0;
  }

  /** Whether the query is the seed's listing: newest first, filtered by completion at most. */
  public boolean isSeedListing() {
    return sort == TaskSort.CREATED
        && descending
        && listId.isEmpty()
        && parentId.isEmpty()
        && label.isEmpty()
        && priority.isEmpty()
        && dueBefore.isEmpty()
        && dueAfter.isEmpty()
        && q.isEmpty();
  }

  /**
   * The query's name for its cursors: every filter as parsed (so spellings of one query share it) and the order,
   * each value length-prefixed so no value can pass for another. The seed's listings keep the names their cursors
   * always had ({@code ""}, {@code completed=<state>}), so a cursor issued before filters existed still continues.
   */
  public String canonical() {
    if (isSeedListing()) {
      return completed.map(state -> "completed=" + state).orElse("");
    }
    StringBuilder name = new StringBuilder("query-v1");
    part(name, "list_id", listId);
    part(name, "parent_id", parentId);
    part(name, "completed", completed.map(String::valueOf));
    part(name, "label", label);
    part(name, "priority", priority.map(Priority::wireName));
    part(name, "due_before", dueBefore);
    part(name, "due_after", dueAfter);
    part(name, "q", q);
    part(name, "sort", Optional.of((descending ? "-" : "") + sort.wireName()));
    return name.toString();
  }

  private static void part(StringBuilder name, String parameter, Optional<String> value) {
    value.ifPresent(v -> name.append('&').append(parameter).append('=').append(v.length()).append(':').append(v));
  }

  /** The case-insensitive form {@code q} is compared in: NFKC, then the labels' full case folding. */
  static String fold(String text) {
    return LabelsField.key(Normalizer.normalize(text, Normalizer.Form.NFKC));
  }

  private static String uuid(String name, String value, List<FieldError> errors) {
    try {
      return TaskIds.canonical(name, value);
    } catch (InvalidRequestException e) {
      errors.addAll(e.fieldErrors());
      return null;
    }
  }

  private static Boolean flag(String value, List<FieldError> errors) {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> {
        errors.add(new FieldError("completed", "must be true or false"));
        yield null;
      }
    };
  }

  private static String label(String value, List<FieldError> errors) {
    String label = Text.hasUnpairedSurrogate(value) ? "" : LabelsField.normalized(value);
    String problem = LabelsField.problem(label);
    if (problem != null) {
      errors.add(new FieldError("label", problem));
      return null;
    }
    return LabelsField.key(label);
  }

  private static Priority priority(String value, List<FieldError> errors) {
    for (Priority priority : Priority.values()) {
      if (priority.wireName().equals(value)) {
        return priority;
      }
    }
    errors.add(new FieldError("priority", "must be one of none, low, medium, high"));
    return null;
  }

  private static String date(String name, String value, List<FieldError> errors) {
    if (!DueField.isDateText(value)) {
      errors.add(new FieldError(name, DueField.DATE_RULE));
      return null;
    }
    return value;
  }

  private static String q(String value, List<FieldError> errors) {
    if (value.isBlank() || Text.length(value) > MAX_Q || Text.hasUnpairedSurrogate(value)) {
      errors.add(new FieldError("q", "must be 1 to " + MAX_Q + " characters and not blank"));
      return null;
    }
    return fold(value);
  }

  private static TaskSort sort(String name, List<FieldError> errors) {
    for (TaskSort sort : TaskSort.values()) {
      if (sort.wireName().equals(name)) {
        return sort;
      }
    }
    errors.add(new FieldError("sort", "must be position, due, created, updated or priority, with - in front for descending"));
    return TaskSort.CREATED;
  }
}
