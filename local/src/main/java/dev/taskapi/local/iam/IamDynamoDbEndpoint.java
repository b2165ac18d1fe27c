package dev.taskapi.local.iam;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.taskapi.local.aws.LoopbackServer;
import dev.taskapi.local.template.TableDef;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The DynamoDB endpoint the functions talk to, DynamoDB Streams included (the same port, as dynalite serves both): it authenticates each request (SigV4 with the calling function's
 * own credentials), authorizes it against that function's policies, and forwards what IAM allows to the real
 * backend (dynalite, or DYNAMODB_ENDPOINT) signed with the backend's credentials. What IAM refuses never reaches
 * the table and gets DynamoDB's own error answer.
 *
 * <p>A backend that cannot be reached, drops the connection or stalls makes this endpoint drop the function's
 * connection too, so the function's SDK sees the same kind of network failure (and retries) as without it.
 */
public final class IamDynamoDbEndpoint implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TARGET_PREFIX = "DynamoDB_20120810.";
  private static final Duration BACKEND_TIMEOUT = Duration.ofSeconds(30);
  private static final int ACCEPT_BACKLOG = 1024;
  private static final Set<String> RELAYED_RESPONSE_HEADERS =
      Set.of("content-type", "x-amzn-requestid", "x-amz-crc32", "x-amzn-errortype");

  private final URI backend;
  private final AwsCredentialsIdentity backendCredentials;
  private final String region;
  private final SignedCallers callers;
  private final IamAuthorizer authorizer;
  private final DynamoDbRequests requests;
  private final DynamoDbStreamsRequests streamsRequests;
  private final ExecutorService clientExecutor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient http;
  private final LoopbackServer server;

  private IamDynamoDbEndpoint(URI backend, AwsCredentialsIdentity backendCredentials, String region,
      List<TableDef> tables, Principals principals, IamAuthorizer authorizer) throws IOException {
    this.backend = backend;
    this.backendCredentials = backendCredentials;
    this.region = region;
    this.callers = new SignedCallers(principals, "dynamodb", Clock.systemUTC());
    this.authorizer = authorizer;
    this.requests = new DynamoDbRequests(region, tables);
    this.streamsRequests = new DynamoDbStreamsRequests(region);
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientExecutor)
        .connectTimeout(Duration.ofSeconds(2)).build();
    // A deep accept queue: every concurrent function call may open a connection at once, and a full queue drops
    // SYNs, which the client retries only after a second, past the functions' 1.5 s attempt timeout.
    this.server = LoopbackServer.start(0, ACCEPT_BACKLOG, this::handle);
  }

  /** Serves on a free port of 127.0.0.1 in front of {@code backend}. */
  public static IamDynamoDbEndpoint start(URI backend, AwsCredentialsIdentity backendCredentials, String region,
      List<TableDef> tables, Principals principals, IamAuthorizer authorizer) throws IOException {
    return new IamDynamoDbEndpoint(backend, backendCredentials, region, tables, principals, authorizer);
  }

  public URI endpoint() {
    return server.endpoint();
  }

  @Override
  public void close() {
    server.close(); // the exchanges under way end first: they may be waiting for the backend through the client
    http.close();
    clientExecutor.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Optional<String> caller = authenticate(exchange, body);
      if (caller.isEmpty()) {
        return; // already answered with DynamoDB's authentication error
      }
      String function = caller.get();
      String target = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target")).orElse("");
      if (!target.startsWith(TARGET_PREFIX) && !target.startsWith(DynamoDbStreamsRequests.TARGET_PREFIX)) {
        error(exchange, "com.amazon.coral.service#UnknownOperationException", "message", null);
        return;
      }
      JsonNode request;
      try {
        request = JSON.readTree(body);
      } catch (JacksonException e) {
        error(exchange, "com.amazon.coral.service#SerializationException", "Message", null);
        return;
      }
      if (request == null || !request.isObject()) {
        error(exchange, "com.amazon.coral.service#SerializationException", "Message", null);
        return;
      }
      List<IamAuthorizer.Request> asked = target.startsWith(TARGET_PREFIX)
          ? requests.requests(target.substring(TARGET_PREFIX.length()), request)
          : streamsRequests.requests(target.substring(DynamoDbStreamsRequests.TARGET_PREFIX.length()), request);
      Optional<IamAuthorizer.Denial> denial = authorizer.authorize(function, asked);
      if (denial.isPresent()) {
        // DynamoDB capitalizes Message in AccessDeniedException bodies, unlike its other errors
        // (e.g. github:aristidb/aws pull request 149; raw bodies quoted in github:baopham/laravel-dynamodb issue 32).
        error(exchange, "com.amazon.coral.service#AccessDeniedException", "Message", denial.get().message());
        return;
      }
      forward(exchange, target, body);
    }
  }

  /** The function whose credentials signed the request; empty when it is not one, after answering so. */
  private Optional<String> authenticate(HttpExchange exchange, byte[] body) throws IOException {
    return switch (callers.authenticate(exchange, body)) {
      case SignedCallers.Authentication.Caller caller -> Optional.of(caller.function());
      case SignedCallers.Authentication.Refused refused -> switch (refused.refusal()) {
        case MISSING_AUTHENTICATION -> answered(exchange,
            "com.amazon.coral.service#MissingAuthenticationTokenException", "Request is missing Authentication Token");
        case INCOMPLETE_SIGNATURE -> answered(exchange, "com.amazon.coral.service#IncompleteSignatureException",
            "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.");
        // DynamoDB's answer to an unknown access key or session token.
        case UNRECOGNIZED_CLIENT -> answered(exchange, "com.amazon.coral.service#UnrecognizedClientException",
            "The security token included in the request is invalid.");
        case INVALID_SIGNATURE -> answered(exchange, "com.amazon.coral.service#InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
                + "Access Key and signing method. Consult the service documentation for details.");
      };
    };
  }

  private static Optional<String> answered(HttpExchange exchange, String type, String message) throws IOException {
    error(exchange, type, "message", message);
    return Optional.empty();
  }

  private void forward(HttpExchange exchange, String target, byte[] body) throws IOException {
    HttpRequest request =
        SignedJsonRequests.post(backend, target, body, backendCredentials, "dynamodb", region, BACKEND_TIMEOUT);
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      return; // closing the exchange unanswered drops the function's connection, as the backend dropped ours
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    response.headers().map().forEach((name, values) -> {
      if (RELAYED_RESPONSE_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        exchange.getResponseHeaders().put(name, values);
      }
    });
    LoopbackServer.send(exchange, response.statusCode(), response.body());
  }

  /** DynamoDB's error shape: HTTP 400, x-amzn-ErrorType and a JSON body with __type and the message. */
  private static void error(HttpExchange exchange, String type, String messageField, String message)
      throws IOException {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("__type", type);
    if (message != null) {
      body.put(messageField, message);
    }
    byte[] bytes = JSON.writeValueAsBytes(body);
    String shortType = type.substring(type.indexOf('#') + 1);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
    exchange.getResponseHeaders().set("x-amzn-ErrorType",
        shortType + ":http://internal.amazon.com/coral/com.amazon.coral.service/");
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    LoopbackServer.send(exchange, 400, bytes);
  }
}
