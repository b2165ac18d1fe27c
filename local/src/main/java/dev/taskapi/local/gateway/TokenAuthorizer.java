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

  AuthorizerOutcome authorize(IncomingRequest request, String methodArn, String requestId) {
    Optional<String> token = request.header(definition.identityHeader()).filter(v -> !v.isEmpty());
    if (token.isEmpty() || validation.isPresent() && !validation.get().matcher(token.get()).matches()) {
      return unauthorized();
    }
    Optional<Map<String, Object>> response;
    CachedAnswer cached = cache.get(token.get());
    if (cached != null && clock.instant().isBefore(cached.expires())) {
      response = cached.response();
    } else {
      InvocationResult result = function.invoke(event(token.get(), methodArn), requestId, maxWait);
      switch (result) {
        case InvocationResult.Returned returned -> response = Optional.of(toMap(returned.payload()));
        case InvocationResult.Failed failed when "Unauthorized".equals(failed.error().getMessage()) ->
            response = Optional.empty();
        case InvocationResult.Failed failed -> {
          System.err.println("Authorizer " + definition.name() + " failed: " + failed.error());
          failed.error().printStackTrace();
          return failure();
        }
        default -> {
          System.err.println("Authorizer " + definition.name() + " did not answer: " + result);
          return failure();
        }
      }
      AuthorizerOutcome outcome = response.map(r -> decide(r, methodArn)).orElseGet(TokenAuthorizer::unauthorized);
      // Policies and "Unauthorized" are cached (API Gateway does the same); an invalid response is not.
      boolean invalid = outcome instanceof AuthorizerOutcome.Rejected rejected
          && rejected.type() == GatewayResponseType.AUTHORIZER_FAILURE;
      if (definition.reauthorizeEverySeconds() > 0 && !invalid) {
        cache.put(
            token.get(),
            new CachedAnswer(response, clock.instant().plusSeconds(definition.reauthorizeEverySeconds())));
      }
      return outcome;
    }
    return response.map(r -> decide(r, methodArn)).orElseGet(TokenAuthorizer::unauthorized);
  }

  private static APIGatewayCustomAuthorizerEvent event(String token, String methodArn) {
    APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
    event.setType("TOKEN");
    event.setAuthorizationToken(token);
    event.setMethodArn(methodArn);
    return event;
  }

  private AuthorizerOutcome decide(Map<String, Object> response, String methodArn) {
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
      return failure();
    }
    return switch (decision) {
      case ALLOW -> new AuthorizerOutcome.Allowed(context);
      case EXPLICIT_DENY -> new AuthorizerOutcome.Rejected(GatewayResponseType.ACCESS_DENIED, EXPLICIT_DENY);
      case IMPLICIT_DENY ->
          new AuthorizerOutcome.Rejected(
              GatewayResponseType.ACCESS_DENIED, GatewayResponseType.ACCESS_DENIED.defaultMessage());
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

  private static AuthorizerOutcome unauthorized() {
    return new AuthorizerOutcome.Rejected(
        GatewayResponseType.UNAUTHORIZED, GatewayResponseType.UNAUTHORIZED.defaultMessage());
  }

  private static AuthorizerOutcome failure() {
    return new AuthorizerOutcome.Rejected(
        GatewayResponseType.AUTHORIZER_FAILURE, GatewayResponseType.AUTHORIZER_FAILURE.defaultMessage());
  }
}
