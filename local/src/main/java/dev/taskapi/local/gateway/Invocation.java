package dev.taskapi.local.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One request's state as the gateway's steps learn it: received, routed, authorized. Each step returns a copy with
 * what it found, the way LocalStack's API Gateway fills its RestApiInvocationContext (github:localstack/localstack
 * localstack-core/localstack/services/apigateway/next_gen/execute_api/context.py, v4.14). It also holds what a
 * gateway response may refer to: {@code $context.*} variables in templates and {@code method.request.*} expressions
 * in header mappings.
 *
 * @param queryParameters the last value of each query parameter, decoded
 * @param route the resource and method the request addresses; empty until routed
 * @param pathParameters decoded, empty until routed
 * @param authorizerContext requestContext.authorizer: principalId and the authorizer's context; empty until
 *     authorized or on a route without an authorizer
 */
record Invocation(
    String requestId,
    String stage,
    IncomingRequest request,
    Map<String, String> queryParameters,
    Optional<Route> route,
    Map<String, String> pathParameters,
    Map<String, Object> authorizerContext) {

  /** A request as it arrived: nothing matched or decided yet. */
  static Invocation received(String requestId, String stage, IncomingRequest request) {
    Map<String, String> query = new LinkedHashMap<>();
    ProxyEventFactory.queryParameters(request.rawQuery()).forEach((name, values) -> query.put(name, values.getLast()));
    return new Invocation(requestId, stage, request, query, Optional.empty(), Map.of(), Map.of());
  }

  Invocation withBody(byte[] body) {
    return new Invocation(requestId, stage, request.withBody(body), queryParameters, route, pathParameters,
        authorizerContext);
  }

  Invocation routed(Route matched, Map<String, String> parameters) {
    return new Invocation(requestId, stage, request, queryParameters, Optional.of(matched), parameters,
        authorizerContext);
  }

  Invocation authorized(Map<String, Object> context) {
    return new Invocation(requestId, stage, request, queryParameters, route, pathParameters, context);
  }

  /** The template path of the matched resource, or null before routing ({@code $context.resourcePath}). */
  String resourcePath() {
    return route.map(Route::resourcePath).orElse(null);
  }
}
