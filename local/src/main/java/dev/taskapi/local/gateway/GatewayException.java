package dev.taskapi.local.gateway;

/**
 * A step's decision that API Gateway answers the request itself, with one of its gateway responses, rather than
 * pass it on. Thrown by the steps (limits, routing, the authorizer, the integration's result) and turned into the
 * response in one place, as LocalStack's handler chain raises a BaseGatewayException that its
 * GatewayExceptionHandler serializes (github:localstack/localstack
 * localstack-core/localstack/services/apigateway/next_gen/execute_api/gateway_response.py and
 * handlers/gateway_exception.py, v4.14).
 */
final class GatewayException extends RuntimeException {
  private final GatewayResponseType type;

  /** With the type's default message, as API Gateway sends it when nothing more is known. */
  GatewayException(GatewayResponseType type) {
    this(type, type.defaultMessage());
  }

  /** @param message {@code $context.error.message}; null for the types whose default message is null */
  GatewayException(GatewayResponseType type, String message) {
    // An answer, not a fault: no stack trace to fill in or print.
    super(message, null, false, false);
    this.type = type;
  }

  GatewayResponseType type() {
    return type;
  }
}
