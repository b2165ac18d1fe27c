package dev.taskapi.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.taskapi.config.Environment;
import dev.taskapi.services.Services;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Services' CORS from ALLOWED_ORIGIN; in Cors's package, whose header method is package-private. */
class ServicesCorsTest {
  private static final String ORIGIN = "https://app.example.com";

  @AfterEach
  void processEnvironmentAgain() {
    Environment.setCurrent(System.getenv());
  }

  @Test
  void theOriginNoneMeansNoCrossOriginAccess() {
    Cors none = servicesWith(Map.of("ALLOWED_ORIGIN", "none")).cors();
    assertEquals(Map.of(), none.headersFor(Optional.of("none")));
    Cors one = servicesWith(Map.of("ALLOWED_ORIGIN", ORIGIN)).cors();
    assertEquals(ORIGIN, one.headersFor(Optional.of(ORIGIN)).get("Access-Control-Allow-Origin"));
  }

  /** The wiring a function whose environment is {@code variables} gets. */
  private static Services servicesWith(Map<String, String> variables) {
    Environment.setCurrent(variables);
    return Services.fromEnvironment();
  }
}
