package dev.taskapi.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A web app in a real headless Chromium, served from the API's allowed origin (CorsAllowOrigin), calls the API
 * cross-origin with an expired token and can read API Gateway's own 401: status, problem body and the
 * WWW-Authenticate challenge, so it can send its user to log in again rather than see a network error. The same
 * page from any other origin cannot read it.
 */
class CorsBrowserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The app's one script: calls the API and hands back what the page can read of the answer. */
  private static final String PAGE = """
      <!doctype html><html><head><meta charset="utf-8"><title>Task app</title><script>
      async function callApi(url, token) {
        try {
          const response = await fetch(url, token ? {headers: {Authorization: 'Bearer ' + token}} : {});
          return {status: response.status, body: await response.text(),
                  challenge: response.headers.get('WWW-Authenticate')};
        } catch (e) {
          return {error: String(e)};
        }
      }
      </script></head><body>Task app</body></html>
      """;

  private static HttpServer allowedOrigin;
  private static HttpServer otherOrigin;
  private static LocalApi local;
  private static HeadlessChromium chromium;

  @BeforeAll
  static void start() throws IOException {
    chromium = HeadlessChromium.start();
    allowedOrigin = PageServer.serve(PAGE);
    otherOrigin = PageServer.serve(PAGE);
    local = LocalApi.startPrivate(
        options -> options.withParameterOverrides(Map.of("CorsAllowOrigin", PageServer.origin(allowedOrigin))));
  }

  @AfterAll
  static void stop() throws IOException {
    if (local != null) {
      local.close();
    }
    for (HttpServer server : new HttpServer[] {allowedOrigin, otherOrigin}) {
      if (server != null) {
        server.stop(0);
      }
    }
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void theAllowedOriginReadsTheGateways401ForAnExpiredToken() throws IOException {
    JsonNode answer = callFrom(allowedOrigin, "/tasks", expiredToken());

    assertEquals(401, answer.path("status").asInt(), answer.toString());
    JsonNode problem = JSON.readTree(answer.path("body").asText());
    assertEquals("Unauthorized", problem.path("title").asText(), answer.toString());
    assertEquals(401, problem.path("status").asInt());
    assertEquals("Bearer", answer.path("challenge").asText(), "exposed to the page");
  }

  @Test
  void theAllowedOriginReadsTheGateways404ForAnUnknownRoute() throws IOException {
    JsonNode answer = callFrom(allowedOrigin, "/no-such-route", null);

    assertEquals(404, answer.path("status").asInt(), answer.toString());
    assertEquals("Not Found", JSON.readTree(answer.path("body").asText()).path("title").asText());
  }

  @Test
  void anotherOriginCannotReadIt() {
    JsonNode answer = callFrom(otherOrigin, "/tasks", expiredToken());

    assertTrue(answer.path("error").asText().contains("Failed to fetch"), answer.toString());
  }

  private static JsonNode callFrom(HttpServer origin, String path, String token) {
    ChromeDriver browser = chromium.driver();
    browser.get(PageServer.origin(origin) + "/app.html");
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    Object result = browser.executeAsyncScript(
        "const done = arguments[arguments.length - 1]; callApi(arguments[0], arguments[1]).then(done);",
        local.client().base().resolve(path).toString(), token);
    return JSON.valueToTree(result);
  }

  private static String expiredToken() {
    return local.expiredToken(local.client().newAccount());
  }
}
