package dev.taskapi.local.template;

import java.util.Map;
import java.util.Optional;

/**
 * The AWS::Serverless::Api (or SAM's implicit ServerlessRestApi) merged with Globals.Api.
 *
 * @param gatewayResponses by response type (UNAUTHORIZED, DEFAULT_4XX, ...)
 */
public record RestApiDef(
    String logicalId,
    String stageName,
    Map<String, AuthorizerDef> authorizers,
    Map<String, GatewayResponseDef> gatewayResponses,
    Optional<CorsConfig> cors) {

  public RestApiDef {
    authorizers = Map.copyOf(authorizers);
    gatewayResponses = Map.copyOf(gatewayResponses);
  }
}
