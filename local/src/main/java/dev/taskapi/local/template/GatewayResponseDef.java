package dev.taskapi.local.template;

import java.util.Map;
import java.util.Optional;

/**
 * A customised API Gateway response.
 *
 * @param headers header name to mapping expression: a quoted literal ({@code 'Bearer'}) or a request value
 *     ({@code method.request.header.Origin})
 * @param templates body templates by content type
 */
public record GatewayResponseDef(
    Optional<Integer> statusCode, Map<String, String> headers, Map<String, String> templates) {

  public GatewayResponseDef {
    headers = Map.copyOf(headers);
    templates = Map.copyOf(templates);
  }
}
