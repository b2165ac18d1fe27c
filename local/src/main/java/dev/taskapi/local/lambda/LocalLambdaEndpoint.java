package dev.taskapi.local.lambda;

import com.sun.net.httpserver.HttpExchange;
import dev.taskapi.local.aws.FakeAws;
import dev.taskapi.local.aws.LoopbackServer;
import dev.taskapi.local.iam.IamAuthorizer;
import dev.taskapi.local.iam.Principals;
import dev.taskapi.local.iam.RequestContext;
import dev.taskapi.local.iam.SignedCallers;
import dev.taskapi.local.iam.SignedCallers.Authentication;
import dev.taskapi.local.template.FunctionDef;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's {@code Invoke} for the functions, with {@code InvocationType: Event} only ("Invoke", Lambda API
 * Reference: {@code POST /2015-03-31/functions/FunctionName/invocations}, header {@code X-Amz-Invocation-Type};
 * an Event invocation is queued and answered 202 with no body). As Lambda does, it authenticates the SigV4
 * signature (signing name {@code lambda}) with the calling function's credentials and authorizes {@code
 * lambda:InvokeFunction} on the invoked function's ARN ("Actions, resources, and condition keys for AWS Lambda").
 * The event then runs on a thread of its own; its failure is logged (Lambda's two retries of a failed
 * asynchronous invocation are not made). Errors are Lambda's REST-JSON shape: the status, {@code
 * x-amzn-ErrorType} and {@code {"Type": "User", "message": ...}}.
 */
public final class LocalLambdaEndpoint implements AutoCloseable {
  private static final Pattern INVOKE = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");

  private final String region;
  private final SignedCallers callers;
  private final IamAuthorizer authorizer;
  private final AtomicReference<LambdaFunctions> functions = new AtomicReference<>();
  private final LoopbackServer server;

  private LocalLambdaEndpoint(String region, Principals principals, IamAuthorizer authorizer) throws IOException {
    this.region = region;
    this.callers = new SignedCallers(principals, "lambda", Clock.systemUTC());
    this.authorizer = authorizer;
    this.server = LoopbackServer.start(0, 0, this::handle);
  }

  public static LocalLambdaEndpoint start(String region, Principals principals, IamAuthorizer authorizer)
      throws IOException {
    return new LocalLambdaEndpoint(region, principals, authorizer);
  }

  /** The functions it invokes: they are built with this endpoint in their environment, so they come after it. */
  public void serve(LambdaFunctions invoked) {
    functions.set(invoked);
  }

  public URI endpoint() {
    return server.endpoint();
  }

  @Override
  public void close() {
    server.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Authentication authentication = callers.authenticate(exchange, body);
      if (authentication instanceof Authentication.Refused refused) {
        error(exchange, 403, refused.refusal() == SignedCallers.Refusal.INVALID_SIGNATURE
            ? "InvalidSignatureException" : "UnrecognizedClientException", "The request is not signed by a function.");
        return;
      }
      String caller = ((Authentication.Caller) authentication).function();
      Matcher invoke = INVOKE.matcher(exchange.getRequestURI().getPath());
      if (!exchange.getRequestMethod().equals("POST") || !invoke.matches()) {
        error(exchange, 404, "ResourceNotFoundException", "The local Lambda endpoint serves Invoke only.");
        return;
      }
      String named = java.net.URLDecoder.decode(invoke.group(1), StandardCharsets.UTF_8);
      String name = FakeAws.functionNameOf(named.split(":").length == 2 ? named.split(":")[0] : named);
      Optional<LambdaFunction> function = functions.get() == null ? Optional.empty()
          : functions.get().all().stream().filter(f -> f.definition().functionName().equals(name)).findFirst();
      Optional<String> qualifier = qualifier(named, exchange.getRequestURI().getRawQuery());
      String invoked = FakeAws.functionArn(region, name) + qualifier.map(q -> ":" + q).orElse("");
      Optional<IamAuthorizer.Denial> denial = authorizer.authorize(caller, List.of(new IamAuthorizer.Request(
          "lambda:InvokeFunction", invoked, RequestContext.empty())));
      if (denial.isPresent()) {
        error(exchange, 403, "AccessDeniedException", denial.get().message());
      } else if (function.isEmpty() || qualifier.isPresent() && !invocableAs(function.get(), qualifier.get())) {
        // Lambda names the function as invoked, with the alias it does not have ("Invoke", Errors).
        error(exchange, 404, "ResourceNotFoundException", "Function not found: " + invoked);
      } else if (!"Event".equals(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"))) {
        error(exchange, 400, "InvalidParameterValueException", "The local Lambda endpoint serves Event invocations only.");
      } else {
        String requestId = UUID.randomUUID().toString();
        Thread.ofVirtual().start(() -> runQueued(function.get(), body, requestId));
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        LoopbackServer.send(exchange, 202, new byte[0]);
      }
    }
  }

  /**
   * The qualifier the function was invoked with (an alias or version, in the name as {@code name:qualifier} or a
   * qualified ARN, or as the {@code Qualifier} parameter). IAM treats a qualified ARN as a resource of its own: a
   * grant on {@code function:Name:live} allows invoking the alias, not the function unqualified ("Understanding
   * resource-based policies for Lambda", qualified and unqualified ARNs), so InvokeFunction is authorized on the ARN
   * with it.
   */
  private static Optional<String> qualifier(String named, String rawQuery) {
    String[] parts = named.split(":");
    String qualifier = parts.length == 8 ? parts[7] : parts.length == 2 ? parts[1] : null;
    for (String parameter : rawQuery == null ? new String[0] : rawQuery.split("&")) {
      if (parameter.startsWith("Qualifier=")) {
        qualifier = java.net.URLDecoder.decode(parameter.substring("Qualifier=".length()), StandardCharsets.UTF_8);
      }
    }
    return Optional.ofNullable(qualifier);
  }

  /**
   * Whether the function has {@code qualifier}: {@code $LATEST}, or the alias the template publishes (and the version
   * it points to, {@link FunctionDef#PUBLISHED_VERSION}). Every one runs the one deployed code, as they would after
   * a deploy.
   */
  private static boolean invocableAs(LambdaFunction function, String qualifier) {
    Optional<String> alias = function.definition().alias();
    return qualifier.equals("$LATEST")
        || alias.isPresent()
            && (qualifier.equals(alias.get()) || qualifier.equals(FunctionDef.PUBLISHED_VERSION));
  }

  private static void runQueued(LambdaFunction function, byte[] event, String requestId) {
    InvocationResult result = function.invokeJson(
        event, requestId, Duration.ofSeconds(function.definition().timeoutSeconds() + 5L));
    if (!(result instanceof InvocationResult.Returned)) {
      System.err.println("Asynchronous invocation " + requestId + " of " + function.definition().logicalId()
          + " ended " + result);
    }
  }

  private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
    exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    String json = "{\"Type\":\"User\",\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    LoopbackServer.send(exchange, status, json.getBytes(StandardCharsets.UTF_8));
  }
}
