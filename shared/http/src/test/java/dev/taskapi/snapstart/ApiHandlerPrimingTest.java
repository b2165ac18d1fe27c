package dev.taskapi.snapstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.api.MessageResponse;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every ApiHandler registers itself for SnapStart priming and, before the snapshot, runs its own path. (Only a
 * CRaC JVM can run org.crac's global context, so the test calls the registered hook as that context would.)
 */
class ApiHandlerPrimingTest {
  /** Records what its endpoint logic saw. */
  private static final class Recording extends ApiHandler {
    final List<String> callers = new ArrayList<>();
    final List<Boolean> priming = new ArrayList<>();

    Recording() {
      super(Cors.none());
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
      callers.add(request.userId());
      priming.add(Priming.active());
      request.jsonObjectBody();
      return ApiResponse.ok(new MessageResponse("primed"));
    }
  }

  @Test
  void everyHandlerRegistersAndPrimesItsPathAsANonexistentCallerWhilePrimingIsActive() throws Exception {
    Recording handler = new Recording();
    assertTrue(Priming.registered().contains(handler), "registered on construction");

    handler.beforeCheckpoint(null);

    assertEquals(1, handler.callers.size(), "primed before the snapshot");
    assertEquals(Priming.USER_ID, handler.callers.getFirst());
    assertTrue(handler.priming.getFirst());
    assertFalse(Priming.active(), "only while priming");
  }
}
