package dev.taskapi.services;

import dev.taskapi.api.ListRequest;
import dev.taskapi.api.MoveRequest;
import dev.taskapi.api.NewListRequest;
import dev.taskapi.api.NewTaskRequest;
import dev.taskapi.api.TaskUpdateRequest;
import dev.taskapi.domain.DomainException;
import dev.taskapi.domain.ServiceUnavailableException;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Problems;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies a batch's operations in order, each through the very write its single route makes ({@link TaskCreation},
 * {@link TaskWrites}, {@link ListWrites}, {@link ListDeletion}), so each is atomic as that route is, and each gets that route's answer as its result, its
 * failures as that route's problem ({@link Problems#from}). A failed operation does not stop the ones after it (a
 * 412 or a 404 is that operation's business), except that the data store being unavailable (any 503) or the
 * batch's time running out stops it: the operations after it are not attempted and each is a 503 saying so, so a
 * client knows exactly which ones applied.
 */
public final class Batch {
  private final TaskCreation taskCreation;
  private final TaskWrites tasks;
  private final ListWrites lists;
  private final ListDeletion listDeletion;
  private final Clock clock;
  private final Duration budget;

  /**
   * {@code budget}: how long the batch may start operations, and the most a list's deletion within it may take;
   * with the last operation's time it stays within API Gateway's 29 s.
   */
  public Batch(
      TaskCreation taskCreation, TaskWrites tasks, ListWrites lists, ListDeletion listDeletion, Clock clock,
      Duration budget) {
    this.taskCreation = taskCreation;
    this.tasks = tasks;
    this.lists = lists;
    this.listDeletion = listDeletion;
    this.clock = clock;
    this.budget = budget;
  }

  public BatchResponse apply(String userId, String callerEmail, List<BatchOperation> operations) {
    Instant deadline = clock.instant().plus(budget);
    List<BatchResponse.Result> results = new ArrayList<>(operations.size());
    Optional<String> stopped = Optional.empty();
    for (BatchOperation operation : operations) {
      Duration left = Duration.between(clock.instant(), deadline);
      if (stopped.isEmpty() && !left.isPositive()) {
        stopped = Optional.of("the batch ran out of time before operation " + operation.index());
      }
      if (stopped.isPresent()) {
        results.add(BatchResponse.Result.of(Problems.from(new ServiceUnavailableException(
            "Not attempted: " + stopped.get() + "; send it and the operations after it again.", 1))));
        continue;
      }
      ApiResponse answer;
      try {
        answer = apply(userId, callerEmail, operation, left);
      } catch (ServiceUnavailableException e) {
        answer = Problems.from(e);
        stopped = Optional.of("operation " + operation.index() + " was answered 503");
      } catch (DomainException e) {
        answer = Problems.from(e);
      }
      results.add(BatchResponse.Result.of(answer));
    }
    return new BatchResponse(List.copyOf(results), true);
  }

  private ApiResponse apply(String userId, String callerEmail, BatchOperation op, Duration left) {
    return switch (op.kind()) {
      case CREATE_TASK -> taskCreation.create(userId, callerEmail, NewTaskRequest.parse(op.createData()), Optional.empty());
      case UPDATE_TASK -> tasks.update(userId, op.uuid(), TaskUpdateRequest.parse(op.data()), op.requiredVersion());
      case MOVE_TASK -> tasks.move(userId, op.uuid(), MoveRequest.parse(op.data(), op.uuid()), op.requiredVersion());
      case DELETE_TASK -> tasks.delete(userId, op.uuid());
      case CREATE_LIST -> lists.create(userId, callerEmail, NewListRequest.parse(op.createData()));
      case UPDATE_LIST -> lists.rename(userId, op.uuid(), ListRequest.parse(op.data()), op.requiredVersion());
      case DELETE_LIST -> listDeletion.delete(userId, op.uuid(), left);
    };
  }
}
