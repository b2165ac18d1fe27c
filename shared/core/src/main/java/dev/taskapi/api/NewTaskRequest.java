package dev.taskapi.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.Placement;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskField;
import dev.taskapi.domain.TaskFields;
import dev.taskapi.domain.TaskValues;
import dev.taskapi.domain.TaskIds;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST /tasks}: every {@link TaskField#creatable() creatable} field, each read by its own
 * definition (absent: its absent value). {@code uuid} is the id the client chose ({@link ClientIds}; empty: the
 * server chooses). Fields the server owns ({@code user_id}, {@code created_at}, the read-only fields) and unknown
 * members are not read at all, so sending them changes nothing; except {@code position}, which is a 400 ({@link
 * PlacementMembers}). {@code list_id} names the list (empty: the caller's default list, or the parent's list for a
 * sub-task); {@code parent_id} the parent task (absent or null: a top-level task).
 */
public record NewTaskRequest(
    Optional<String> uuid, Optional<String> listId, Optional<String> parentId, TaskValues values) {
  public NewTaskRequest(Optional<String> listId, Optional<String> parentId, TaskValues values) {
    this(Optional.empty(), listId, parentId, values);
  }

  public static NewTaskRequest parse(ObjectNode body) {
    List<FieldError> errors = new ArrayList<>();
    Optional<String> uuid = ClientIds.read(body, errors);
    Optional<String> listId = PlacementMembers.listId(body, errors);
    Optional<String> parentId = PlacementMembers.parentId(body, errors);
    PlacementMembers.refusePosition(body, errors);
    if (uuid.isPresent() && uuid.equals(parentId)) {
      errors.add(new FieldError(ClientIds.MEMBER, "must not be the parent_id: a task is not its own parent"));
    }
    TaskValues values = TaskValues.absent();
    for (TaskField<?> field : TaskFields.ALL) {
      if (field.creatable()) {
        values = read(body, field, values, errors);
      }
    }
    if (errors.isEmpty()) {
      // Only of fields that are valid themselves: a due refused above is not also "required".
      TaskFields.checkTogether(values, errors);
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("The request has invalid fields.", errors);
    }
    return new NewTaskRequest(uuid, listId, parentId, values);
  }

  private static <T> TaskValues read(ObjectNode body, TaskField<T> field, TaskValues values, List<FieldError> errors) {
    JsonNode node = body.get(field.name());
    if (node == null) {
      if (field.requiredOnCreate()) {
        errors.add(new FieldError(field.name(), "is required"));
      }
      return values;
    }
    if (node.isNull() && field.clearable()) {
      return values;
    }
    T value = field.read(node, errors);
    return value == null ? values : values.with(field, value);
  }

  /**
   * The task this request asks for: the one way a create body becomes a task. Its id is the client's {@link #uuid}
   * when it sent one, created at {@code now}; otherwise {@code serverId} (a UUIDv7 from {@link TaskIds}), created at
   * the instant that id carries. {@code parent} is the task {@link #parentId} names, as read (empty for a top-level
   * task).
   */
  public Task task(String serverId, Instant now, String userId, Optional<Task> parent) {
    String taskId = uuid.orElse(serverId);
    Instant createdAt = uuid.isPresent() ? now.truncatedTo(ChronoUnit.MILLIS) : TaskIds.createdAt(serverId);
    Placement placement =
        parent
            .map(p -> Placement.under(p, taskId, createdAt, listId))
            .orElseGet(() -> Placement.initial(userId, taskId, createdAt, listId));
    return Task.created(taskId, createdAt, userId, placement, values);
  }

  /** A top-level task with the server's id {@code taskId} (a UUIDv7), as {@link #task(String, Instant, String, Optional)}. */
  public Task task(String taskId, String userId) {
    return task(taskId, TaskIds.createdAt(taskId), userId, Optional.empty());
  }

  public String title() {
    return values.get(TaskFields.TITLE);
  }

  public String description() {
    return values.get(TaskFields.DESCRIPTION);
  }

  /**
   * A digest of what this request asks for ({@link Fingerprint}), to tell a retry (the same fingerprint) from a
   * reused Idempotency-Key or client id. Each field says what it contributes ({@link TaskValues#fingerprintParts()});
   * the list adds its id when one is named (and the parent's and the client's id likewise), and nothing otherwise, so
   * keys recorded before lists or client ids existed still match.
   */
  public String fingerprint() {
    List<String> parts = new ArrayList<>(values.fingerprintParts());
    listId.ifPresent(id -> parts.add(Placement.LIST_ID + "=" + id));
    parentId.ifPresent(id -> parts.add(Placement.PARENT_ID + "=" + id));
    uuid.ifPresent(id -> parts.add(ClientIds.MEMBER + "=" + id));
    return Fingerprint.of(parts);
  }

  /** What the stored task keeps of this request: its fingerprint when the client chose the id, to recognise a replay. */
  public Optional<String> clientFingerprint() {
    return uuid.map(id -> fingerprint());
  }
}
