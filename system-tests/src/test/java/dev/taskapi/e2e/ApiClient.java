package dev.taskapi.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A plain HTTP client for the local API, as an app would call it: real requests, real JSON, no shortcuts. Every
 * response it receives must also conform to openapi.yaml ({@link OpenApiContract}), or the test fails.
 */
public final class ApiClient {
  public static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http;

  public ApiClient(URI base) {
    this(base, HttpClient.newBuilder());
  }

  /**
   * A client whose connections leave from {@code localAddress}: another loopback address such as 127.0.0.2 (Linux
   * routes all of 127.0.0.0/8 to the loopback interface) makes it a client IP of its own to the local stack.
   */
  public ApiClient(URI base, InetAddress localAddress) {
    this(base, HttpClient.newBuilder().localAddress(localAddress));
  }

  private ApiClient(URI base, HttpClient.Builder http) {
    this.base = base;
    this.http = http.version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** A response with its body parsed as JSON (a text node when it is not JSON). */
  public record Response(int status, Map<String, java.util.List<String>> headers, String text, JsonNode json) {
    public Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst();
    }

    public String contentType() {
      return header("Content-Type").orElse("");
    }
  }

  /** Credentials and token of a registered user. */
  public record Account(String id, String email, String password, String token) {
    public String bearer() {
      return "Bearer " + token;
    }
  }

  URI base() {
    return base;
  }

  public Response send(String method, String path, String body, String... headers) {
    HttpRequest.Builder request =
        request(path)
            .method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.setHeader(headers[i], headers[i + 1]);
    }
    return exchange(request.build());
  }

  /** A request to {@code path} on the API, for tests that shape every header themselves. */
  public HttpRequest.Builder request(String path) {
    // Appended, not resolved: "//x" would resolve to another host.
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
  }

  /** Sends a request exactly as built; a dropped connection or a timeout is an {@link UncheckedIOException}. */
  public Response exchange(HttpRequest request) {
    try {
      HttpResponse<String> reply = http.send(request, HttpResponse.BodyHandlers.ofString());
      Response response = new Response(reply.statusCode(), reply.headers().map(), reply.body(), parse(reply.body()));
      OpenApiContract.assertConforms(request.method(), request.uri().getRawPath(), response);
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Response post(String path, Object body, String... headers) {
    return send("POST", path, json(body), headers);
  }

  public Response register(String username, String email, String password) {
    return post("/auth/register", Map.of("username", username, "email", email, "password", password));
  }

  public Response login(String email, String password) {
    return post("/auth", Map.of("email", email, "password", password));
  }

  public Response refresh(String refreshToken) {
    return post("/auth/refresh", Map.of("refresh_token", refreshToken));
  }

  public Response logout(Account account, Object body) {
    return post("/auth/logout", body, "Authorization", account.bearer());
  }

  /** Registers a fresh user with a unique email and returns its account. */
  public Account newAccount() {
    String email = "user-" + java.util.UUID.randomUUID() + "@example.com";
    String password = "pa55word-" + java.util.UUID.randomUUID();
    Response response = register("user", email, password);
    if (response.status() != 200) {
      throw new AssertionError("register failed: " + response.status() + " " + response.text());
    }
    return new Account(
        response.json().path("user").path("id").asText(), email, password, response.json().path("token").asText());
  }

  public Response createTask(Account account, Object body) {
    return post("/tasks", body, "Authorization", account.bearer());
  }

  public Response listTasks(Account account, String query) {
    return send("GET", "/tasks" + query, null, "Authorization", account.bearer());
  }

  public Response deleteTask(Account account, String taskId) {
    return send("DELETE", "/tasks/" + taskId, null, "Authorization", account.bearer());
  }

  public static String json(Object body) {
    if (body == null || body instanceof String) {
      return (String) body;
    }
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  private static JsonNode parse(String body) {
    try {
      return body == null || body.isEmpty() ? JSON.missingNode() : JSON.readTree(body);
    } catch (IOException e) {
      return JSON.getNodeFactory().textNode(body);
    }
  }
}
