package dev.taskapi.local.template;

import java.util.Map;
import java.util.Optional;

/**
 * The AWS::Serverless::Api (or SAM's implicit ServerlessRestApi) merged with Globals.Api.
 *
 * @param defaultAuthorizer Auth.DefaultAuthorizer: the authorizer of every Api event that names none
 * @param gatewayResponses by response type (UNAUTHORIZED, DEFAULT_4XX, ...)
 */
public record RestApiDef(
    String logicalId,
    String stageName,
    Map<String, AuthorizerDef> authorizers,
    Optional<String> defaultAuthorizer,
    Map<String, GatewayResponseDef> gatewayResponses,
    Optional<CorsConfig> cors) {

  public RestApiDef {
    authorizers = Map.copyOf(authorizers);
    gatewayResponses = Map.copyOf(gatewayResponses);
  }
}
