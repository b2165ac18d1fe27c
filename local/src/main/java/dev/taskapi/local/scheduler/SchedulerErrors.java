package dev.taskapi.local.scheduler;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.taskapi.local.aws.LoopbackServer;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;

/**
 * EventBridge Scheduler's errors in its REST-JSON protocol: the status, {@code x-amzn-ErrorType: <code>} (where
 * the SDK reads the error code) and {@code {"Message": ...}}, the member of Scheduler's exception shapes
 * (EventBridge Scheduler API Reference, "Common Errors" and each action's "Errors"; the Java SDK's scheduler model).
 */
final class SchedulerErrors {
  /** One error: its HTTP status and code. */
  record SchedulerError(int status, String code) {}

  static final SchedulerError VALIDATION = new SchedulerError(400, "ValidationException");
  static final SchedulerError NOT_FOUND = new SchedulerError(404, "ResourceNotFoundException");
  static final SchedulerError CONFLICT = new SchedulerError(409, "ConflictException");
  static final SchedulerError ACCESS_DENIED = new SchedulerError(403, "AccessDeniedException");
  static final SchedulerError UNKNOWN_OPERATION = new SchedulerError(404, "UnknownOperationException");

  private static final ObjectMapper JSON = new ObjectMapper();

  private SchedulerErrors() {}

  /** A request refused with one of these errors. */
  static final class Refusal extends RuntimeException {
    private final SchedulerError error;

    Refusal(SchedulerError error, String message) {
      super(message, null, false, false);
      this.error = error;
    }

    SchedulerError error() {
      return error;
    }
  }

  static Refusal validation(String message) {
    return new Refusal(VALIDATION, message);
  }

  static void send(HttpExchange exchange, SchedulerError error, String message) throws IOException {
    exchange.getResponseHeaders().set("x-amzn-ErrorType", error.code());
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    LoopbackServer.send(exchange, error.status(), JSON.writeValueAsBytes(Map.of("Message", message)));
  }
}
