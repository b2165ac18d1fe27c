package dev.taskapi.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.taskapi.local.lambda.LambdaEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A web page in a real headless Chromium tries to read a running local stack's table through dynalite's port, as
 * the security review did: cross-origin with a preflight (the DynamoDB headers), cross-origin without one (a simple
 * request), and same-origin after DNS rebinding (the page's own name resolving to 127.0.0.1). It gets nothing: no
 * CORS answer, a foreign Host refused, no signature of the launcher's credentials. Before, dynalite answered
 * {@code Access-Control-Allow-Origin: *} to every origin, served every Host and took any "AWS4-" header on trust, and
 * the page read the whole table, Argon2 hashes included. The stack's other endpoints (the IAM-checked DynamoDB, SES,
 * the secrets extension) answer no CORS either and want a secret a page does not have. The same rules over plain
 * HTTP: local/dynalite's DynaliteAccessTest.
 */
class DynaliteBrowserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** What the page must never see: the Argon2 hashes the table holds. */
  private static final String ARGON2 = "$argon2id$";
  private static final String REBIND_NAME = "rebind.test";
  /** The page's one script: a DynamoDB Scan as a page can send one, with an "AWS4-" header dynalite used to trust. */
  private static final String PAGE = """
      <!doctype html><html><head><meta charset="utf-8"><title>Elsewhere</title><script>
      async function read(url, init) {
        try {
          const response = await fetch(url, init);
          return {status: response.status, body: await response.text()};
        } catch (e) {
          return {error: String(e)};
        }
      }
      function scan(url) {
        return read(url, {method: 'POST', body: JSON.stringify({TableName: 'TasksTable'}), headers: {
          'Content-Type': 'application/x-amz-json-1.0',
          'X-Amz-Target': 'DynamoDB_20120810.Scan',
          'X-Amz-Date': '20260101T000000Z',
          'Authorization': 'AWS4-HMAC-SHA256 Credential=page/20260101/us-east-1/dynamodb/aws4_request, '
              + 'SignedHeaders=host;x-amz-date, Signature=' + '0'.repeat(64)}});
      }
      </script></head><body>Another origin</body></html>
      """;

  private static LocalApi local;
  private static HttpServer otherOrigin;
  private static HeadlessChromium chromium;

  @BeforeAll
  static void start() throws IOException {
    // The rebound name resolves to 127.0.0.1, as an attacker's DNS answers once the page has loaded.
    chromium = HeadlessChromium.start("--host-resolver-rules=MAP " + REBIND_NAME + " 127.0.0.1");
    local = LocalApi.startPrivate();
    local.client().newAccount(); // an Argon2 hash in the table
    otherOrigin = PageServer.serve(PAGE);
  }

  @AfterAll
  static void stop() throws IOException {
    if (otherOrigin != null) {
      otherOrigin.stop(0);
    }
    if (local != null) {
      local.close();
    }
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void theTableHoldsWhatThePageIsAfter() {
    // The fixture's own client, signed with the launcher's credentials, does read it: what the page gets is a refusal.
    try (StackTable table = new StackTable(local.stack())) {
      assertTrue(table.snapshot().toString().contains(ARGON2), "the table holds a password hash");
    }
  }

  @Test
  void aPreflightedScanFromAnotherOriginReadsNothing() {
    JsonNode answer = onPage(otherOrigin(), "scan(arguments[0])", dynalite() + "/");

    assertTrue(answer.path("error").asText().contains("Failed to fetch"), answer.toString());
    assertFalse(answer.toString().contains(ARGON2), answer.toString());
  }

  @Test
  void aRequestWithoutPreflightFromAnotherOriginCannotReadTheAnswer() {
    // GET and a text/plain POST need no preflight; dynalite used to answer both with Access-Control-Allow-Origin: *.
    JsonNode get = onPage(otherOrigin(), "read(arguments[0], {})", dynalite() + "/");
    JsonNode post = onPage(otherOrigin(),
        "read(arguments[0], {method: 'POST', body: JSON.stringify({TableName: 'TasksTable'})})", dynalite() + "/");

    assertTrue(get.path("error").asText().contains("Failed to fetch"), get.toString());
    assertTrue(post.path("error").asText().contains("Failed to fetch"), post.toString());
  }

  @Test
  void aDnsReboundPageOfItsOwnOriginIsMisdirected() throws IOException {
    // Same origin after rebinding: no CORS stands in the way, only the Host check and the signature.
    try (RebindingServer rebinding = new RebindingServer(dynalite().getPort())) {
      String rebound = "http://" + REBIND_NAME + ":" + rebinding.port();
      JsonNode answer = onPage(rebound, "scan(arguments[0])", rebound + "/");

      assertEquals(421, answer.path("status").asInt(), answer.toString());
      assertFalse(answer.toString().contains(ARGON2), answer.toString());
    }
  }

  @Test
  void theStacksOtherEndpointsGiveAPageNothing() throws IOException {
    LambdaEnvironment functions = local.stack().runtime().lambdaEnvironment();
    String signingKey = new String(local.signingKey(), StandardCharsets.UTF_8);
    Map<String, URI> endpoints = Map.of(
        "IAM-checked DynamoDB", functions.dynamoDbEndpoint().resolve("/"),
        "SES", functions.sesEndpoint().resolve("/v2/email/outbound-emails"),
        "secrets extension", URI.create("http://127.0.0.1:" + functions.secretsPort()
            + "/secretsmanager/get?secretId=SigningKeySecret"));
    for (Map.Entry<String, URI> endpoint : endpoints.entrySet()) {
      URI uri = endpoint.getValue();
      JsonNode crossOrigin = onPage(otherOrigin(), "read(arguments[0], {})", uri.toString());
      assertTrue(crossOrigin.path("error").asText().contains("Failed to fetch"),
          endpoint.getKey() + ": " + crossOrigin);
      try (RebindingServer rebinding = new RebindingServer(uri.getPort())) {
        String rebound = "http://" + REBIND_NAME + ":" + rebinding.port();
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        JsonNode sameOrigin = onPage(rebound, "scan(arguments[0])", rebound + path);
        assertTrue(sameOrigin.path("status").asInt() >= 400, endpoint.getKey() + ": " + sameOrigin);
        assertFalse(sameOrigin.toString().contains(signingKey) || sameOrigin.toString().contains(ARGON2),
            endpoint.getKey() + ": " + sameOrigin);
      }
    }
  }

  private static URI dynalite() {
    return local.stack().dynamoDbEndpoint();
  }

  private static String otherOrigin() {
    return PageServer.origin(otherOrigin);
  }

  /** Opens {@code origin}/app.html and runs {@code call} there; what the page could read of the answer. */
  private static JsonNode onPage(String origin, String call, String url) {
    ChromeDriver browser = chromium.driver();
    browser.get(origin + "/app.html");
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    Object result = browser.executeAsyncScript(
        "const done = arguments[arguments.length - 1]; " + call + ".then(done);", url);
    return JSON.valueToTree(result);
  }

  /**
   * What DNS rebinding amounts to, on one port: the attacker's server hands out the page, then its name points at
   * 127.0.0.1, so the page's later requests (same origin, its own name as Host) reach the local service. Here each
   * connection asking for /app.html gets the page (and is closed); every other connection is relayed, bytes
   * unchanged, to dynalite.
   */
  private static final class RebindingServer implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;

    RebindingServer(int targetPort) throws IOException {
      this.targetPort = targetPort;
      this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread.ofVirtual().start(this::acceptAll);
    }

    int port() {
      return listener.getLocalPort();
    }

    private void acceptAll() {
      while (!listener.isClosed()) {
        try {
          Socket client = listener.accept();
          Thread.ofVirtual().start(() -> serve(client));
        } catch (IOException e) {
          return; // closed
        }
      }
    }

    private void serve(Socket client) {
      try (client) {
        InputStream in = client.getInputStream();
        byte[] first = in.readNBytes(16);
        if (new String(first, StandardCharsets.ISO_8859_1).startsWith("GET /app.html")) {
          byte[] page = PAGE.getBytes(StandardCharsets.UTF_8);
          client.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
              + "Content-Length: " + page.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          client.getOutputStream().write(page);
          return;
        }
        try (Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
          target.getOutputStream().write(first);
          Thread upstream = Thread.ofVirtual().start(() -> pipe(in, target));
          pipe(target.getInputStream(), client);
          upstream.join();
        }
      } catch (IOException | InterruptedException e) {
        // the browser or dynalite closed the connection
      }
    }

    private static void pipe(InputStream from, Socket to) {
      try {
        from.transferTo(to.getOutputStream());
        to.shutdownOutput();
      } catch (IOException e) {
        // one side closed
      }
    }

    @Override
    public void close() throws IOException {
      listener.close();
    }
  }
}
