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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST /tasks}: every {@link TaskField#creatable() creatable} field, each read by its own
 * definition (absent: its absent value). Fields the server owns ({@code user_id}, {@code uuid},
 * {@code created_at}, the read-only fields) and unknown members are not read at all, so sending them changes
 * nothing; except {@code position}, which is a 400 ({@link PlacementMembers}). {@code list_id} names the list
 * (empty: the caller's default list, or the parent's list for a sub-task); {@code parent_id} the parent task
 * (absent or null: a top-level task).
 */
public record NewTaskRequest(Optional<String> listId, Optional<String> parentId, TaskValues values) {
  public static NewTaskRequest parse(ObjectNode body) {
    List<FieldError> errors = new ArrayList<>();
    Optional<String> listId = PlacementMembers.listId(body, errors);
    Optional<String> parentId = PlacementMembers.parentId(body, errors);
    PlacementMembers.refusePosition(body, errors);
    TaskValues values = TaskValues.absent();
    for (TaskField<?> field : TaskFields.ALL) {
      if (field.creatable()) {
        values = read(body, field, values, errors);
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("The request has invalid fields.", errors);
    }
    return new NewTaskRequest(listId, parentId, values);
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
   * The task this request asks for, with the id {@code taskId}: the one way a create body becomes a task. {@code
   * parent} is the task {@link #parentId} names, as read (empty for a top-level task).
   */
  public Task task(String taskId, String userId, Optional<Task> parent) {
    Placement placement =
        parent
            .map(p -> Placement.under(p, taskId, listId))
            .orElseGet(() -> Placement.initial(userId, taskId, listId));
    return Task.created(taskId, userId, placement, values);
  }

  /** A top-level task ({@link #task(String, String, Optional)} without a parent). */
  public Task task(String taskId, String userId) {
    return task(taskId, userId, Optional.empty());
  }

  public String title() {
    return values.get(TaskFields.TITLE);
  }

  public String description() {
    return values.get(TaskFields.DESCRIPTION);
  }

  /**
   * A digest of what this request asks for, to tell an idempotent retry (same fingerprint) from a reused key: the
   * fields as parsed, so JSON spacing or key order do not matter, each part prefixed by its length so no two lists
   * of parts collide. Each field says what it contributes ({@link TaskValues#fingerprintParts()}); the list adds
   * its id when one is named (and the parent's likewise), and nothing otherwise, so keys recorded before lists existed still match.
   */
  public String fingerprint() {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      List<String> parts = new ArrayList<>(values.fingerprintParts());
      listId.ifPresent(id -> parts.add(Placement.LIST_ID + "=" + id));
      parentId.ifPresent(id -> parts.add(Placement.PARENT_ID + "=" + id));
      for (String part : parts) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        sha256.update(bytes);
      }
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
