package dev.taskapi.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskapi.local.lambda.InvocationResult;
import dev.taskapi.local.lambda.LambdaFunction;
import dev.taskapi.local.template.AuthorizerDef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A Lambda TOKEN authorizer as API Gateway runs it: header checks first, then the function, whose policy is
 * cached per header value and evaluated against each request's method ARN.
 */
final class TokenAuthorizer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXPLICIT_DENY = "User is not authorized to access this resource with an explicit deny";

  /** A cached authorizer answer: the response map, or empty for "Unauthorized". */
  private record CachedAnswer(Optional<Map<String, Object>> response, Instant expires) {}

  private final AuthorizerDef definition;
  private final LambdaFunction function;
  private final Optional<Pattern> validation;
  private final Duration maxWait;
  private final Clock clock;
  private final Map<String, CachedAnswer> cache = new ConcurrentHashMap<>();

  TokenAuthorizer(AuthorizerDef definition, LambdaFunction function, Duration maxWait, Clock clock) {
    this.definition = definition;
    this.function = function;
    this.validation = definition.validationExpression().map(Pattern::compile);
    this.maxWait = maxWait;
    this.clock = clock;
  }

  /**
   * The authorizer's context for the request (requestContext.authorizer: principalId and the function's context,
   * as strings).
   *
   * @throws GatewayException UNAUTHORIZED, ACCESS_DENIED or AUTHORIZER_FAILURE when the request does not pass
   */
  Map<String, Object> authorize(IncomingRequest request, String methodArn, String requestId) {
    String token = request.header(definition.identityHeader())
        .filter(v -> !v.isEmpty())
        .filter(v -> validation.isEmpty() || validation.get().matcher(v).matches())
        .orElseThrow(TokenAuthorizer::unauthorized);
    CachedAnswer cached = cache.get(token);
    if (cached != null && clock.instant().isBefore(cached.expires())) {
      return decide(cached.response(), methodArn);
    }
    Optional<Map<String, Object>> response = invoke(token, methodArn, requestId);
    try {
      Map<String, Object> context = decide(response, methodArn);
      remember(token, response);
      return context;
    } catch (GatewayException rejected) {
      // Policies and "Unauthorized" are cached (API Gateway does the same); an invalid response is not.
      if (rejected.type() != GatewayResponseType.AUTHORIZER_FAILURE) {
        remember(token, response);
      }
      throw rejected;
    }
  }

  /** The function's response, or empty for "Unauthorized". */
  private Optional<Map<String, Object>> invoke(String token, String methodArn, String requestId) {
    InvocationResult result = function.invoke(event(token, methodArn), requestId, maxWait);
    return switch (result) {
      case InvocationResult.Returned returned -> Optional.of(toMap(returned.payload()));
      case InvocationResult.Failed failed when "Unauthorized".equals(failed.error().getMessage()) ->
          Optional.empty();
      case InvocationResult.Failed failed -> {
        System.err.println("Authorizer " + definition.name() + " failed: " + failed.error());
        failed.error().printStackTrace();
        throw failure();
      }
      default -> {
        System.err.println("Authorizer " + definition.name() + " did not answer: " + result);
        throw failure();
      }
    };
  }

  private void remember(String token, Optional<Map<String, Object>> response) {
    if (definition.reauthorizeEverySeconds() > 0) {
      cache.put(token, new CachedAnswer(response, clock.instant().plusSeconds(definition.reauthorizeEverySeconds())));
    }
  }

  private static APIGatewayCustomAuthorizerEvent event(String token, String methodArn) {
    APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
    event.setType("TOKEN");
    event.setAuthorizationToken(token);
    event.setMethodArn(methodArn);
    return event;
  }

  private Map<String, Object> decide(Optional<Map<String, Object>> answer, String methodArn) {
    Map<String, Object> response = answer.orElseThrow(TokenAuthorizer::unauthorized);
    Object principalId = response.get("principalId");
    IamPolicy.Decision decision;
    Map<String, Object> context = new LinkedHashMap<>();
    try {
      if (principalId == null) {
        throw new IllegalArgumentException("no principalId");
      }
      decision = IamPolicy.evaluate(response.get("policyDocument"), methodArn);
      context.put("principalId", String.valueOf(principalId));
      Object extra = response.get("context");
      if (extra instanceof Map<?, ?> entries) {
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
          Object value = entry.getValue();
          // API Gateway accepts only string, number and boolean context values.
          if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new IllegalArgumentException("context value " + entry.getKey() + " is not a primitive");
          }
          if (value != null) {
            context.put(String.valueOf(entry.getKey()), String.valueOf(value));
          }
        }
      }
    } catch (IllegalArgumentException e) {
      System.err.println("Authorizer " + definition.name() + " returned an invalid response: " + e.getMessage());
      throw failure();
    }
    return switch (decision) {
      case ALLOW -> context;
      case EXPLICIT_DENY -> throw new GatewayException(GatewayResponseType.ACCESS_DENIED, EXPLICIT_DENY);
      case IMPLICIT_DENY -> throw new GatewayException(GatewayResponseType.ACCESS_DENIED);
    };
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> toMap(Object output) {
    try {
      if (output instanceof String text) {
        return JSON.readValue(text, Map.class);
      }
      Map<String, Object> map = output == null ? Map.of() : JSON.convertValue(output, Map.class);
      return map == null ? Map.of() : map;
    } catch (Exception e) {
      return Map.of();
    }
  }

  private static GatewayException unauthorized() {
    return new GatewayException(GatewayResponseType.UNAUTHORIZED);
  }

  private static GatewayException failure() {
    return new GatewayException(GatewayResponseType.AUTHORIZER_FAILURE);
  }
}
