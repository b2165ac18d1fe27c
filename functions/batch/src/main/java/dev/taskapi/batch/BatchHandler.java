package dev.taskapi.batch;

import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.http.IdempotencyKey;
import dev.taskapi.services.Batch;
import dev.taskapi.services.BatchRequest;
import dev.taskapi.services.IdempotentBatch;
import dev.taskapi.services.ListDeletion;
import dev.taskapi.services.ListWrites;
import dev.taskapi.services.Services;
import dev.taskapi.services.TaskCreation;
import dev.taskapi.services.TaskWrites;
import dev.taskapi.store.IdempotencyStore;
import dev.taskapi.store.ListStore;
import dev.taskapi.store.TaskStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code POST /batch}: up to 100 task and list writes in order, each atomic and answered as its own route would
 * ({@link Batch}); a malformed batch is a 400 that applies nothing ({@link BatchRequest}); with an
 * {@code Idempotency-Key}, applied at most once, a retry answering the kept results ({@link IdempotentBatch}).
 */
public final class BatchHandler extends ApiHandler {
  private final Batch batch;
  private final IdempotentBatch idempotent;

  /** Lambda's entry point: production wiring from the function's environment. */
  public BatchHandler() {
    Services services = Services.fromEnvironment();
    services.primeTransactions();
    services.primeBatchGets();
    this(services.taskStore(), services.listStore(), services.idempotencyStore(), services.clock(),
        services.deletionBudget(), services.cors());
  }

  /** {@code budget}: how long the batch may start operations (the function's deletion budget). */
  public BatchHandler(
      TaskStore tasks, ListStore lists, IdempotencyStore records, Clock clock, Duration budget, Cors cors) {
    super(cors);
    this.batch = new Batch(new TaskCreation(tasks, records, clock), new TaskWrites(tasks, clock),
        new ListWrites(lists, clock), new ListDeletion(lists, budget), clock, budget);
    this.idempotent = new IdempotentBatch(records, clock);
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    Optional<String> key = IdempotencyKey.of(request);
    BatchRequest operations = BatchRequest.parse(request.jsonObjectBody());
    String userId = request.userId();
    String callerEmail = request.callerEmail();
    if (key.isEmpty()) {
      return ApiResponse.ok(batch.apply(userId, callerEmail, operations.operations()));
    }
    return idempotent.apply(
        userId, key.get(), operations.fingerprint(), () -> batch.apply(userId, callerEmail, operations.operations()));
  }
}
