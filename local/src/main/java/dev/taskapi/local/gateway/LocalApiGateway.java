package dev.taskapi.local.gateway;

import dev.taskapi.local.aws.FakeAws;
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
import java.nio.ByteBuffer;
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
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

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
  private final GatewayResponses gatewayResponses;
  private final LambdaProxyIntegration integration;
  private final LocalWaf waf;
  private final Map<String, TokenAuthorizer> authorizers = new LinkedHashMap<>();
  private final HttpListener server;

  private LocalApiGateway(SamTemplate template, LambdaFunctions functions, InetSocketAddress address, Clock clock,
      Duration integrationTimeout) throws IOException {
    this.api = template.api().orElseThrow(() -> new IllegalArgumentException("The template has no API"));
    this.region = template.region();
    this.apiId = apiId(api.logicalId());
    this.routes = new RouteTable(routesOf(template));
    this.gatewayResponses = new GatewayResponses(api.gatewayResponses());
    this.waf = new LocalWaf(template.webAcl(), clock);
    this.integration =
        new LambdaProxyIntegration(functions, new ProxyEventFactory(apiId, api.stageName()), integrationTimeout);
    api.authorizers().forEach((name, definition) -> authorizers.put(name,
        new TokenAuthorizer(definition, functions.get(definition.functionLogicalId()), integrationTimeout, clock)));
    this.server = HttpListener.start(address, this::handle, this::refuse);
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
    return server.port();
  }

  public String host() {
    return server.host();
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
    server.close();
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

  private void handle(Request exchange, Response response, Callback callback) {
    long started = System.nanoTime();
    String requestId = UUID.randomUUID().toString();
    HttpReply reply;
    try {
      reply = process(exchange, requestId);
    } catch (Throwable t) {
      // Whatever broke, the client gets an answer rather than a dropped connection.
      System.err.println("Local API Gateway failed on " + exchange.getHttpURI() + ": " + t);
      t.printStackTrace();
      reply = gatewayResponse(new GatewayException(GatewayResponseType.DEFAULT_5XX),
          Invocation.received(requestId, api.stageName(), minimalRequest(exchange)));
    }
    send(exchange, response, reply, requestId, callback);
    System.err.printf("%s %s -> %d (%d ms)%n", exchange.getMethod(), exchange.getHttpURI().getPath(),
        reply.status(), (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * A request Jetty refused before {@link #handle}. One over its own header limit gets the gateway's 413 (API
   * Gateway's limit is far lower). Any other is one Jetty cannot parse, almost always for its path (a malformed
   * percent-escape, {@code %00}, a path above the root), which names no resource: the gateway's answer for that
   * (problem+json from the template), where Jetty would send an HTML page.
   */
  private void refuse(Request exchange, Response response, Callback callback) {
    String requestId = UUID.randomUUID().toString();
    int status = HttpListener.refusedStatus(exchange);
    GatewayResponseType type = status == 431 || status == 413 ? GatewayResponseType.REQUEST_TOO_LARGE
        : GatewayResponseType.MISSING_AUTHENTICATION_TOKEN;
    HttpReply reply = gatewayResponse(new GatewayException(type),
        Invocation.received(requestId, api.stageName(), minimalRequest(exchange)));
    send(exchange, response, reply, requestId, callback);
    System.err.printf("%s %s -> %d (refused by the HTTP server: %d)%n", exchange.getMethod(),
        exchange.getHttpURI().getPath(), reply.status(), status);
  }

  /**
   * API Gateway's steps in its order, each adding what it learns to the invocation or throwing the gateway
   * response that ends the request; the shape of LocalStack's handler chain (github:localstack/localstack
   * localstack-core/localstack/services/apigateway/next_gen/execute_api/gateway.py, v4.14: parse, route, method
   * request with the authorizer, integration, integration response; a GatewayException handler for the rest).
   */
  private HttpReply process(Request exchange, String requestId) throws IOException {
    Invocation invocation = Invocation.received(requestId, api.stageName(), head(exchange));
    try {
      invocation = invocation.withBody(bodyWithinLimits(exchange, invocation.request()));
      // AWS WAF inspects every request to the stage before API Gateway routes it, preflights and unknown routes too.
      if (waf.blocks(invocation.request())) {
        throw new GatewayException(GatewayResponseType.WAF_FILTERED);
      }
      Optional<RouteTable.ResourceMatch> resource = routes.resourceFor(invocation.request().rawPath());
      Optional<HttpReply> preflight = preflight(invocation.request(), resource);
      if (preflight.isPresent()) {
        return preflight.get();
      }
      invocation = route(invocation, resource);
      invocation = authorize(invocation);
      return integration.invoke(invocation);
    } catch (GatewayException refusal) {
      return gatewayResponse(refusal, invocation);
    }
  }

  /** The one place a gateway failure becomes a response: the template's customisation of its type, or the default. */
  private HttpReply gatewayResponse(GatewayException failure, Invocation invocation) {
    return gatewayResponses.render(failure.type(), failure.getMessage(), invocation);
  }

  /** The request line and headers; the body is read by {@link #bodyWithinLimits}. */
  private static IncomingRequest head(Request exchange) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    exchange.getHeaders().forEach(field -> headers.add(Map.entry(titleCase(field.getName()), field.getValue())));
    HttpURI uri = exchange.getHttpURI();
    return new IncomingRequest(
        exchange.getMethod().toUpperCase(Locale.ROOT),
        uri.getPath(),
        uri.getQuery(),
        exchange.getConnectionMetaData().getProtocol(),
        headers,
        new byte[0],
        Request.getRemoteAddr(exchange));
  }

  /**
   * The body, when the request line and headers are within 10 KB and the payload within 10 MB.
   *
   * @throws GatewayException REQUEST_TOO_LARGE otherwise, once the rest of the request is read
   */
  private static byte[] bodyWithinLimits(Request exchange, IncomingRequest head) throws IOException {
    long headerBytes = (exchange.getMethod() + " " + exchange.getHttpURI().getPathQuery() + " " + head.protocol()
        + "\r\n").length();
    for (Map.Entry<String, String> header : head.headers()) {
      headerBytes += header.getKey().length() + 2 + header.getValue().length() + 2;
    }
    InputStream in = Content.Source.asInputStream(exchange);
    if (headerBytes + 2 <= MAX_HEADER_BYTES) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length <= MAX_BODY_BYTES) {
        return body;
      }
    }
    // Reading what the client still sends lets it finish writing and read our 413 instead of a reset.
    in.transferTo(OutputStream.nullOutputStream());
    throw new GatewayException(GatewayResponseType.REQUEST_TOO_LARGE);
  }

  /** The resource and method the request addresses; API Gateway answers any other with 403. */
  private static Invocation route(Invocation invocation, Optional<RouteTable.ResourceMatch> resource) {
    Route route = resource.flatMap(r -> r.routeFor(invocation.request().method()))
        .orElseThrow(() -> new GatewayException(GatewayResponseType.MISSING_AUTHENTICATION_TOKEN));
    return invocation.routed(route, resource.get().pathParameters());
  }

  /** The route's authorizer, if it has one, lets the request through and gives its context. */
  private Invocation authorize(Invocation invocation) {
    Route route = invocation.route().orElseThrow();
    if (route.authorizer().isEmpty()) {
      return invocation;
    }
    IncomingRequest request = invocation.request();
    String methodArn = "arn:aws:execute-api:%s:%s:%s/%s/%s/%s".formatted(region, FakeAws.ACCOUNT_ID, apiId,
        api.stageName(), request.method(), request.rawPath().substring(1));
    return invocation.authorized(
        authorizers.get(route.authorizer().get()).authorize(request, methodArn, invocation.requestId()));
  }

  /**
   * API Gateway keeps the client's spelling of a header name, which is almost always the Title-Case
   * "Content-Type", so every name is given in that spelling (Jetty gives the names it knows so and others as sent).
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

  /**
   * SAM's CORS preflight: a mock integration on OPTIONS of every resource path that has no OPTIONS method of its
   * own, answered before any authorizer.
   */
  private Optional<HttpReply> preflight(IncomingRequest request, Optional<RouteTable.ResourceMatch> match) {
    if (!request.method().equals("OPTIONS") || api.cors().isEmpty() || match.isEmpty()
        || match.get().routes().stream().anyMatch(r -> r.method().equals("OPTIONS"))) {
      return Optional.empty();
    }
    CorsConfig cors = api.cors().get();
    RouteTable.ResourceMatch resource = match.get();
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
    return Optional.of(new HttpReply(200, headers, new byte[0]));
  }

  private static IncomingRequest minimalRequest(Request exchange) {
    return new IncomingRequest(exchange.getMethod(), exchange.getHttpURI().getPath(), null,
        exchange.getConnectionMetaData().getProtocol(), List.of(), new byte[0], "127.0.0.1");
  }

  /** Writes the reply; Jetty completes {@code callback} once it is sent, or fails it, which ends the exchange. */
  private static void send(Request exchange, Response response, HttpReply reply, String requestId,
      Callback callback) {
    try {
      var responseHeaders = response.getHeaders();
      for (Map.Entry<String, String> header : reply.headers()) {
        responseHeaders.add(header.getKey(), header.getValue());
      }
      if (!reply.hasHeader("x-amzn-RequestId")) {
        responseHeaders.add("x-amzn-RequestId", requestId);
      }
      response.setStatus(reply.status());
      boolean noBody = reply.body().length == 0 || exchange.getMethod().equalsIgnoreCase("HEAD")
          || reply.status() == 204 || reply.status() == 304;
      response.write(true, noBody ? null : ByteBuffer.wrap(reply.body()), callback);
    } catch (RuntimeException e) {
      System.err.println("Could not send the response: " + e);
      callback.failed(e);
    }
  }
}
