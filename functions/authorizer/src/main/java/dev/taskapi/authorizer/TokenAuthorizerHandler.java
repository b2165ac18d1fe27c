package dev.taskapi.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import dev.taskapi.auth.TokenService;
import dev.taskapi.config.Environment;
import dev.taskapi.config.TokenConfig;
import dev.taskapi.domain.AuthenticationFailedException;
import dev.taskapi.snapstart.Priming;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.crac.Resource;

/**
 * The API's Lambda TOKEN authorizer. Verifies the bearer JWT and answers with a policy that allows every route
 * of the API: API Gateway caches the answer per Authorization header, and a policy naming only the first
 * route would deny the caller's next, different request from the cache.
 *
 * <p>A bad token fails with the exact message {@code Unauthorized}, which API Gateway turns into its 401
 * (UNAUTHORIZED gateway response, with {@code WWW-Authenticate: Bearer}).
 *
 * <p>Before a SnapStart snapshot it authorizes a token it issues itself and refuses a forged one, so both paths
 * are loaded and compiled in the snapshot.
 */
public final class TokenAuthorizerHandler
    implements RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1>, Resource {
  private static final String BEARER = "Bearer ";
  private static final String PRIMING_ARN = "arn:aws:execute-api:us-east-1:000000000000:priming/priming/GET/tasks";

  private final TokenService tokens;

  /** Lambda's entry point: production wiring from the function's environment. */
  public TokenAuthorizerHandler() {
    this(System.getenv());
  }

  public TokenAuthorizerHandler(Map<String, String> environment) {
    this(TokenConfig.tokenService(new Environment(environment), Clock.systemUTC()));
  }

  public TokenAuthorizerHandler(TokenService tokens) {
    this.tokens = tokens;
    Priming.register(this);
  }

  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    Priming.run(() -> {
      handleRequest(primingEvent(BEARER + tokens.issue(Priming.USER_ID)), null);
      try {
        handleRequest(primingEvent(BEARER + "e30.e30.c2lnbmF0dXJl"), null);
      } catch (UnauthorizedError expected) {
        // The refusal path is what was being primed.
      }
    });
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    // Nothing to renew: the key was read at init and stays valid.
  }

  private static APIGatewayCustomAuthorizerEvent primingEvent(String header) {
    APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
    event.setType("TOKEN");
    event.setAuthorizationToken(header);
    event.setMethodArn(PRIMING_ARN);
    return event;
  }

  @Override
  public IamPolicyResponseV1 handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
    String header = event.getAuthorizationToken();
    if (header == null || !header.startsWith(BEARER)) {
      throw new UnauthorizedError();
    }
    String userId;
    try {
      userId = tokens.verify(header.substring(BEARER.length()));
    } catch (AuthenticationFailedException e) {
      throw new UnauthorizedError();
    }
    return IamPolicyResponseV1.builder()
        .withPrincipalId(userId)
        .withPolicyDocument(
            IamPolicyResponseV1.PolicyDocument.builder()
                .withVersion(IamPolicyResponseV1.VERSION_2012_10_17)
                .withStatement(List.of(IamPolicyResponseV1.allowStatement(wholeApi(event.getMethodArn()))))
                .build())
        .withContext(Map.of("userId", userId))
        .build();
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

  /** API Gateway maps exactly this message to a 401; stackless because it is the normal path for bad tokens. */
  static final class UnauthorizedError extends RuntimeException {
    UnauthorizedError() {
      super("Unauthorized", null, false, false);
    }
  }
}
