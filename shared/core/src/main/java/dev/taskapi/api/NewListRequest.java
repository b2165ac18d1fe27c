package dev.taskapi.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.domain.ConflictException;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.TaskList;
import dev.taskapi.domain.TaskLists;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST /lists}: {@link ListRequest}'s {@code title}, and the optional {@code uuid} the client
 * chose ({@link ClientIds}; empty: the server chooses). {@code PATCH /lists/{list_id}} reads no {@code uuid}.
 */
public record NewListRequest(Optional<String> uuid, String title) {
  public static NewListRequest parse(ObjectNode body) {
    List<FieldError> errors = new ArrayList<>();
    Optional<String> uuid = ClientIds.read(body, errors);
    try {
      String title = ListRequest.parse(body).title();
      if (errors.isEmpty()) {
        return new NewListRequest(uuid, title);
      }
    } catch (InvalidRequestException e) {
      errors.addAll(e.fieldErrors());
    }
    throw new InvalidRequestException("The request has invalid fields.", errors);
  }

  /**
   * The list this request asks for: the one way a create body becomes a list. Its id is the client's {@link #uuid},
   * created at {@code now}; otherwise {@code serverId} (a UUIDv7), created at the instant it carries. The default
   * list's id is always taken (the list exists for every account, stored or not): a 409.
   */
  public TaskList list(String serverId, Instant now, String userId) {
    if (uuid.filter(TaskLists.defaultListId(userId)::equals).isPresent()) {
      throw new ConflictException("This uuid is your default list's id; choose a new uuid.");
    }
    String id = uuid.orElse(serverId);
    Instant createdAt = uuid.isPresent() ? now.truncatedTo(ChronoUnit.MILLIS) : TaskIds.createdAt(serverId);
    return new TaskList(id, userId, title, createdAt, createdAt, TaskList.FIRST_VERSION);
  }

  /** The request's fingerprint when the client chose the id ({@link Fingerprint}): what the stored list keeps. */
  public Optional<String> clientFingerprint() {
    return uuid.map(id -> Fingerprint.of(List.of("title=" + title, ClientIds.MEMBER + "=" + id)));
  }
}
