package dev.taskapi.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.taskapi.api.JsonStreams;
import dev.taskapi.auth.TokenConfig;
import dev.taskapi.auth.TokenService;
import dev.taskapi.config.Environment;
import dev.taskapi.domain.AuthenticationFailedException;
import dev.taskapi.log.RequestLogLine;
import dev.taskapi.schema.AuthorizerContext;
import dev.taskapi.snapstart.Priming;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.crac.Resource;

/**
 * The API's Lambda TOKEN authorizer. Verifies the bearer JWT, checks with one GetItem that the account it names
 * still exists at the token's version ({@link AccountCheck}), and answers with a policy that allows every route
 * of the API: API Gateway caches the answer per Authorization header, and a policy naming only the first
 * route would deny the caller's next, different request from the cache.
 *
 * <p>A bad token fails with the exact message {@code Unauthorized}, which API Gateway turns into its 401
 * (UNAUTHORIZED gateway response, with {@code WWW-Authenticate: Bearer}).
 *
 * <p>A {@link RequestStreamHandler} that reads the event and writes the answer with Jackson's streaming parser and
 * generator ({@link JsonStreams}), so the runtime client loads no event serializer of its own and the function
 * builds no ObjectMapper of ours (java-jwt's parser still builds its own). The JSON is API Gateway's: the TOKEN
 * input {@code {"type":"TOKEN","authorizationToken":...,"methodArn":...}} ("Input to an API Gateway Lambda
 * authorizer") and the output {@code principalId}, {@code policyDocument} (IAM policy: {@code Version},
 * {@code Statement} of {@code Action}, {@code Effect}, {@code Resource}) and {@code context} ("Output from an API
 * Gateway Lambda authorizer"), both in the API Gateway Developer Guide.
 *
 * <p>Before a SnapStart snapshot it authorizes a token it issues itself and refuses a forged one, so both paths
 * are loaded and compiled in the snapshot.
 */
public final class TokenAuthorizerHandler implements RequestStreamHandler, Resource {
  private static final String BEARER = "Bearer ";
  private static final String PRIMING_ARN = "arn:aws:execute-api:us-east-1:000000000000:priming/priming/GET/tasks";
  private static final String POLICY_VERSION = "2012-10-17";

  private final TokenService tokens;
  private final AccountCheck accounts;

  /** Lambda's entry point: production wiring from the function's environment. */
  public TokenAuthorizerHandler() {
    Environment env = Environment.current();
    this(TokenConfig.tokenService(env, Clock.systemUTC()), DynamoDbAccountCheck.fromEnvironment(env));
  }

  TokenAuthorizerHandler(TokenService tokens, AccountCheck accounts) {
    this.tokens = tokens;
    this.accounts = accounts;
    Priming.register(this);
  }

  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    Priming.run(() -> {
      // A well-signed token of an account that cannot exist runs verification, the account GetItem and the
      // refusal; a forged one runs the early refusal.
      expectRefusal(BEARER + tokens.issue(Priming.USER_ID, "priming@priming.invalid", 0, "priming"));
      expectRefusal(BEARER + "e30.e30.c2lnbmF0dXJl");
    });
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    // Nothing to renew: the key was read at init and stays valid.
  }

  private void expectRefusal(String header) {
    try {
      ByteArrayOutputStream event = new ByteArrayOutputStream();
      try (JsonGenerator json = JsonStreams.FACTORY.createGenerator(event)) {
        json.writeStartObject();
        json.writeStringField("type", "TOKEN");
        json.writeStringField("authorizationToken", header);
        json.writeStringField("methodArn", PRIMING_ARN);
        json.writeEndObject();
      }
      handleRequest(new ByteArrayInputStream(event.toByteArray()), OutputStream.nullOutputStream(), null);
    } catch (UnauthorizedError expected) {
      // The refusal is the path being primed.
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory streams: not reached
    }
  }

  /**
   * Logs one line per decision (200 allow, 401 deny) with the method and path the caller asked for, never the
   * token: the same {@link RequestLogLine} the API functions write.
   */
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    long start = System.nanoTime();
    Map<String, String> event = JsonStreams.strings(input);
    String methodArn = event.get("/methodArn");
    String[] methodAndPath = methodAndPath(methodArn);
    try {
      TokenService.VerifiedToken token = authorize(event.get("/authorizationToken"));
      String resource = wholeApi(methodArn);
      log(context, methodAndPath, 200, start, token.userId());
      writePolicy(output, token, resource);
    } catch (UnauthorizedError e) {
      log(context, methodAndPath, 401, start, null);
      throw e;
    }
  }

  private static void log(Context context, String[] methodAndPath, int status, long start, String userId) {
    // The path holds task ids, so the metrics' dimension is the fixed "authorize"; a deny counts as a 4xx.
    RequestLogLine.of(context, null, methodAndPath[0], methodAndPath[1], status, start, userId, "authorize", null)
        .writeTo(context);
  }

  private TokenService.VerifiedToken authorize(String header) {
    if (header == null || !header.startsWith(BEARER)) {
      throw new UnauthorizedError();
    }
    TokenService.VerifiedToken token;
    try {
      token = tokens.verifyToken(header.substring(BEARER.length()));
    } catch (AuthenticationFailedException e) {
      throw new UnauthorizedError();
    }
    if (!accounts.isCurrent(token)) {
      throw new UnauthorizedError(); // deleted account, issued before a password change, or its session ended
    }
    return token;
  }

  /** The answer: {@code token}'s principal, a policy allowing {@code resource}, and the context the API reads. */
  private static void writePolicy(OutputStream output, TokenService.VerifiedToken token, String resource)
      throws IOException {
    try (JsonGenerator json = JsonStreams.FACTORY.createGenerator(output)) {
      json.writeStartObject();
      json.writeStringField("principalId", token.userId());
      json.writeFieldName("policyDocument");
      json.writeStartObject();
      json.writeStringField("Version", POLICY_VERSION);
      json.writeArrayFieldStart("Statement");
      json.writeStartObject();
      json.writeStringField("Action", "execute-api:Invoke");
      json.writeStringField("Effect", "Allow");
      json.writeArrayFieldStart("Resource");
      json.writeString(resource);
      json.writeEndArray();
      json.writeEndObject();
      json.writeEndArray();
      json.writeEndObject();
      json.writeFieldName("context");
      json.writeStartObject();
      for (Map.Entry<String, String> value : context(token).entrySet()) {
        json.writeStringField(value.getKey(), value.getValue());
      }
      json.writeEndObject();
      json.writeEndObject();
    }
  }

  /**
   * The caller as the API functions read it: the user id, the account's email when the token carries it, and the
   * token's exp (epoch seconds). API Gateway caches this answer for AuthorizerCacheTtlSeconds whatever the exp, so
   * the functions refuse the token themselves once it has expired (ApiHandler).
   */
  private static Map<String, String> context(TokenService.VerifiedToken token) {
    Map<String, String> context = new LinkedHashMap<>();
    context.put(AuthorizerContext.USER_ID, token.userId());
    token.email().ifPresent(email -> context.put(AuthorizerContext.EMAIL, email));
    context.put(AuthorizerContext.EXPIRES_AT, Long.toString(token.expiresAt().getEpochSecond()));
    return context;
  }

  /**
   * {@code arn:aws:execute-api:region:account:api-id/stage/METHOD/path} becomes
   * {@code arn:aws:execute-api:region:account:api-id/stage/*}: every method and path of this stage.
   */
  static String wholeApi(String methodArn) {
    String[] parts = methodArn == null ? new String[0] : methodArn.split("/", 3);
    if (parts.length < 2) {
      throw new IllegalArgumentException("not an execute-api method ARN");
    }
    return parts[0] + "/" + parts[1] + "/*";
  }

  /** {@code .../stage/GET/tasks/1} becomes {@code GET} and {@code /tasks/1}; nulls when the ARN is not one. */
  static String[] methodAndPath(String methodArn) {
    String[] parts = methodArn == null ? new String[0] : methodArn.split("/", 4);
    if (parts.length < 3) {
      return new String[] {null, null};
    }
    return new String[] {parts[2], parts.length == 4 ? "/" + parts[3] : "/"};
  }

  /** API Gateway maps exactly this message to a 401; stackless because it is the normal path for bad tokens. */
  static final class UnauthorizedError extends RuntimeException {
    UnauthorizedError() {
      super("Unauthorized", null, false, false);
    }
  }
}
