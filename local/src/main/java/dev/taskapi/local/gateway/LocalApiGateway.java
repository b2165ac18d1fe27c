package dev.taskapi.local.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.taskapi.local.aws.FakeAws;
import dev.taskapi.local.lambda.InvocationResult;
import dev.taskapi.local.lambda.LambdaFunctions;
import dev.taskapi.local.template.ApiEventDef;
import dev.taskapi.local.template.CorsConfig;
import dev.taskapi.local.template.FunctionDef;
import dev.taskapi.local.template.RestApiDef;
import dev.taskapi.local.template.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The template's REST API on a local port: routing, CORS preflight, Lambda TOKEN authorizers, the Lambda
 * proxy integration and gateway responses, in the order API Gateway applies them.
 */
public final class LocalApiGateway implements AutoCloseable {
  /** API Gateway's limits: 10 KB for the request line and headers, 10 MB for the payload. */
  static final int MAX_HEADER_BYTES = 10_240;

  static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

  /** API Gateway stops waiting for an integration after 29 seconds ("Amazon API Gateway quotas"). */
  static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(29);

  private final RestApiDef api;
  private final String region;
  private final String apiId;
  private final RouteTable routes;
  private final LambdaFunctions functions;
  private final GatewayResponses gatewayResponses;
  private final ProxyEventFactory events;
  private final Map<String, TokenAuthorizer> authorizers = new LinkedHashMap<>();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Duration integrationTimeout;
  private final HttpServer server;

  private LocalApiGateway(SamTemplate template, LambdaFunctions functions, InetSocketAddress address, Clock clock,
      Duration integrationTimeout) throws IOException {
    this.api = template.api().orElseThrow(() -> new IllegalArgumentException("The template has no API"));
    this.region = template.region();
    this.apiId = apiId(api.logicalId());
    this.functions = functions;
    this.integrationTimeout = integrationTimeout;
    this.routes = new RouteTable(routesOf(template));
    this.gatewayResponses = new GatewayResponses(api.gatewayResponses());
    this.events = new ProxyEventFactory(apiId, api.stageName());
    api.authorizers().forEach((name, definition) -> authorizers.put(name,
        new TokenAuthorizer(definition, functions.get(definition.functionLogicalId()), integrationTimeout, clock)));
    this.server = HttpServer.create(address, 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Serves the template's API on {@code address} (port 0 picks a free port).
   *
   * @throws java.net.BindException when the port is in use
   */
  public static LocalApiGateway start(SamTemplate template, LambdaFunctions functions, InetSocketAddress address)
      throws IOException {
    return new LocalApiGateway(template, functions, address, Clock.systemUTC(), INTEGRATION_TIMEOUT);
  }

  /** With a clock for the authorizer cache and an integration timeout of the caller's (tests use short ones). */
  static LocalApiGateway start(SamTemplate template, LambdaFunctions functions, InetSocketAddress address,
      Clock clock, Duration integrationTimeout) throws IOException {
    return new LocalApiGateway(template, functions, address, clock, integrationTimeout);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String host() {
    return server.getAddress().getHostString();
  }

  /** Each route as {@code METHOD /path -> FunctionLogicalId}, for the startup banner. */
  public List<String> describeRoutes() {
    return routes.routes().stream()
        .map(r -> "%-6s %s -> %s%s".formatted(r.method(), r.resourcePath(), r.functionLogicalId(),
            r.authorizer().map(a -> " (authorizer " + a + ")").orElse("")))
        .toList();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }

  private static List<Route> routesOf(SamTemplate template) {
    List<Route> routes = new ArrayList<>();
    for (FunctionDef function : template.functions().values()) {
      for (ApiEventDef event : function.apiEvents()) {
        routes.add(new Route(event.path(), event.method(), function.logicalId(), event.authorizer()));
      }
    }
    return routes;
  }

  // A stable 10-character id in API Gateway's alphabet, so method ARNs look like the real ones.
  static String apiId(String logicalId) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    long seed = logicalId.hashCode();
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      seed = seed * 6364136223846793005L + 1442695040888963407L; // a fixed LCG step per character
      id.append(alphabet.charAt((int) Long.remainderUnsigned(seed >>> 16, alphabet.length())));
    }
    return id.toString();
  }

  private void handle(HttpExchange exchange) {
    long started = System.nanoTime();
    String requestId = UUID.randomUUID().toString();
    HttpReply reply;
    try {
      reply = process(exchange, requestId);
    } catch (Throwable t) {
      // Whatever broke, the client gets an answer rather than a dropped connection.
      System.err.println("Local API Gateway failed on " + exchange.getRequestURI() + ": " + t);
      t.printStackTrace();
      reply = gatewayResponses.render(GatewayResponseType.DEFAULT_5XX,
          GatewayResponseType.DEFAULT_5XX.defaultMessage(),
          new RequestContextValues(requestId, api.stageName(), null, minimalRequest(exchange), Map.of(), Map.of()));
    }
    try {
      send(exchange, reply, requestId);
    } catch (IOException e) {
      System.err.println("Could not send the response: " + e);
    } finally {
      exchange.close();
    }
    System.err.printf("%s %s -> %d (%d ms)%n", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
        reply.status(), (System.nanoTime() - started) / 1_000_000);
  }

  private HttpReply process(HttpExchange exchange, String requestId) throws IOException {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    exchange.getRequestHeaders().forEach(
        (name, values) -> values.forEach(v -> headers.add(Map.entry(titleCase(name), v))));
    long headerBytes = (exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + exchange.getProtocol()
        + "\r\n").length();
    for (Map.Entry<String, String> header : headers) {
      headerBytes += header.getKey().length() + 2 + header.getValue().length() + 2;
    }
    byte[] body = headerBytes + 2 > MAX_HEADER_BYTES ? null : readBody(exchange.getRequestBody());
    IncomingRequest request = new IncomingRequest(
        exchange.getRequestMethod().toUpperCase(Locale.ROOT),
        exchange.getRequestURI().getRawPath(),
        exchange.getRequestURI().getRawQuery(),
        exchange.getProtocol(),
        headers,
        body == null ? new byte[0] : body,
        exchange.getRemoteAddress().getAddress().getHostAddress());
    Map<String, String> query = new LinkedHashMap<>();
    ProxyEventFactory.queryParameters(request.rawQuery()).forEach((k, v) -> query.put(k, v.getLast()));
    if (body == null) {
      drain(exchange.getRequestBody());
      return gatewayResponse(GatewayResponseType.REQUEST_TOO_LARGE, request, requestId, null, Map.of(), query);
    }

    Optional<RouteTable.ResourceMatch> resource = routes.resourceFor(request.rawPath());
    if (request.method().equals("OPTIONS") && api.cors().isPresent() && resource.isPresent()
        && resource.get().routes().stream().noneMatch(r -> r.method().equals("OPTIONS"))) {
      return preflight(api.cors().get(), resource.get());
    }
    Optional<Route> route = resource.flatMap(r -> r.routeFor(request.method()));
    if (route.isEmpty()) {
      return gatewayResponse(GatewayResponseType.MISSING_AUTHENTICATION_TOKEN, request, requestId, null, Map.of(),
          query);
    }
    Map<String, String> pathParameters = resource.get().pathParameters();
    String resourcePath = route.get().resourcePath();

    Map<String, Object> authorizerContext = Map.of();
    if (route.get().authorizer().isPresent()) {
      String methodArn = "arn:aws:execute-api:%s:%s:%s/%s/%s/%s".formatted(region,
          FakeAws.ACCOUNT_ID, apiId, api.stageName(), request.method(),
          request.rawPath().substring(1));
      AuthorizerOutcome outcome =
          authorizers.get(route.get().authorizer().get()).authorize(request, methodArn, requestId);
      switch (outcome) {
        case AuthorizerOutcome.Rejected rejected -> {
          return gatewayResponse(rejected.type(), rejected.message(), request, requestId, resourcePath,
              pathParameters, query);
        }
        case AuthorizerOutcome.Allowed allowed -> authorizerContext = allowed.context();
      }
    }

    var event = events.create(request, resourcePath, pathParameters, authorizerContext, requestId,
        request.header("Host").orElse(null));
    InvocationResult result =
        functions.get(route.get().functionLogicalId()).invoke(event, requestId, integrationTimeout);
    return switch (result) {
      case InvocationResult.Returned returned -> ProxyResponseMapper.toReply(returned.payload()).orElseGet(() -> {
        System.err.println(route.get().functionLogicalId() + " returned a malformed Lambda proxy response: "
            + returned.payload());
        return gatewayResponse(GatewayResponseType.DEFAULT_5XX, request, requestId, resourcePath, pathParameters,
            query);
      });
      case InvocationResult.Failed failed -> {
        System.err.println(route.get().functionLogicalId() + " failed (request " + requestId + "):");
        failed.error().printStackTrace();
        yield gatewayResponse(GatewayResponseType.DEFAULT_5XX, request, requestId, resourcePath, pathParameters,
            query);
      }
      case InvocationResult.TimedOut timedOut -> {
        // Lambda ends the function and reports an error; to API Gateway that is a failed integration.
        System.err.println(route.get().functionLogicalId() + " (request " + requestId + ") Task timed out after "
            + timedOut.timeoutSeconds() + ".00 seconds");
        yield gatewayResponse(GatewayResponseType.DEFAULT_5XX, request, requestId, resourcePath, pathParameters,
            query);
      }
      case InvocationResult.Abandoned abandoned ->
          gatewayResponse(GatewayResponseType.INTEGRATION_TIMEOUT, request, requestId, resourcePath, pathParameters,
              query);
      case InvocationResult.RequestTooLarge tooLarge -> {
        // What API Gateway answers when Lambda refuses the event (413 RequestEntityTooLargeException) is not in
        // its documentation; observed answers are 413 {"message": "Request Too Long"}, the REQUEST_TOO_LARGE
        // gateway response, which is therefore what the local gateway sends (customized as the template says).
        System.err.println(route.get().functionLogicalId() + " (request " + requestId + "): Lambda refused the "
            + tooLarge.bytes() + "-byte event: " + tooLarge.message());
        yield gatewayResponse(GatewayResponseType.REQUEST_TOO_LARGE, request, requestId, resourcePath,
            pathParameters, query);
      }
      case InvocationResult.ResponseTooLarge tooLarge -> {
        // Lambda turns an oversized response into a function error (Function.ResponseSizeTooLarge); API Gateway
        // answers that as any failed Lambda integration (INTEGRATION_FAILURE): 502 {"message": "Internal server
        // error"}, observed, not documented as such.
        System.err.println(route.get().functionLogicalId() + " (request " + requestId + "): "
            + tooLarge.message() + " (" + tooLarge.bytes() + " bytes)");
        yield gatewayResponse(GatewayResponseType.DEFAULT_5XX, request, requestId, resourcePath, pathParameters,
            query);
      }
    };
  }

  private HttpReply gatewayResponse(GatewayResponseType type, IncomingRequest request, String requestId,
      String resourcePath, Map<String, String> pathParameters, Map<String, String> query) {
    return gatewayResponse(type, type.defaultMessage(), request, requestId, resourcePath, pathParameters, query);
  }

  private HttpReply gatewayResponse(GatewayResponseType type, String message, IncomingRequest request,
      String requestId, String resourcePath, Map<String, String> pathParameters, Map<String, String> query) {
    return gatewayResponses.render(type, message,
        new RequestContextValues(requestId, api.stageName(), resourcePath, request, pathParameters, query));
  }

  /**
   * The JDK server hands header names over as "Content-type"; API Gateway keeps the client's spelling, which
   * is almost always the Title-Case "Content-Type", so that is the closest this server can offer.
   */
  static String titleCase(String name) {
    StringBuilder result = new StringBuilder(name.length());
    boolean upper = true;
    for (char c : name.toCharArray()) {
      result.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
      upper = c == '-';
    }
    return result.toString();
  }

  /** SAM's CORS preflight: a mock integration on OPTIONS of every resource path. */
  private static HttpReply preflight(CorsConfig cors, RouteTable.ResourceMatch resource) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry("Access-Control-Allow-Origin", cors.allowOrigin()));
    cors.allowHeaders().ifPresent(h -> headers.add(Map.entry("Access-Control-Allow-Headers", h)));
    String methods = cors.allowMethods().orElseGet(() -> {
      // SAM's default: the methods the path has, plus OPTIONS.
      TreeSet<String> names = new TreeSet<>();
      resource.routes().forEach(r -> names.add(r.method().equals("ANY")
          ? "DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT" : r.method()));
      names.add("OPTIONS");
      return String.join(",", names);
    });
    headers.add(Map.entry("Access-Control-Allow-Methods", methods));
    cors.maxAge().ifPresent(age -> headers.add(Map.entry("Access-Control-Max-Age", age)));
    if (cors.allowCredentials()) {
      headers.add(Map.entry("Access-Control-Allow-Credentials", "true"));
    }
    headers.add(Map.entry("Content-Type", "application/json"));
    return new HttpReply(200, headers, new byte[0]);
  }

  /** The body, or null when it is over the payload limit (the rest is left for {@link #drain}). */
  private static byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    return body.length > MAX_BODY_BYTES ? null : body;
  }

  // Reading what the client still sends lets it finish writing and read our 413 instead of a reset.
  private static void drain(InputStream in) throws IOException {
    in.transferTo(OutputStream.nullOutputStream());
  }

  private static IncomingRequest minimalRequest(HttpExchange exchange) {
    return new IncomingRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), null,
        exchange.getProtocol(), List.of(), new byte[0], "127.0.0.1");
  }

  private static void send(HttpExchange exchange, HttpReply reply, String requestId) throws IOException {
    var responseHeaders = exchange.getResponseHeaders();
    for (Map.Entry<String, String> header : reply.headers()) {
      responseHeaders.add(header.getKey(), header.getValue());
    }
    if (!reply.hasHeader("x-amzn-RequestId")) {
      responseHeaders.add("x-amzn-RequestId", requestId);
    }
    boolean noBody = reply.body().length == 0 || exchange.getRequestMethod().equalsIgnoreCase("HEAD")
        || reply.status() == 204 || reply.status() == 304;
    exchange.sendResponseHeaders(reply.status(), noBody ? -1 : reply.body().length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply.body());
      }
    }
  }
}
