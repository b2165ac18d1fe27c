package dev.taskapi.local.gateway;

/**
 * API Gateway's gateway response types that the local gateway produces, with API Gateway's default status
 * and message for each.
 */
public enum GatewayResponseType {
  // API Gateway really does spell this one's default body with a capital "Message".
  ACCESS_DENIED(403, "User is not authorized to access this resource", "AccessDeniedException",
      "{\"Message\":$context.error.messageString}"),
  AUTHORIZER_FAILURE(500, null, "AuthorizerConfigurationException", Templates.STANDARD),
  INTEGRATION_TIMEOUT(504, "Endpoint request timed out", "InternalServerErrorException",
      "{\"message\": \"Endpoint request timed out\"}"),
  MISSING_AUTHENTICATION_TOKEN(403, "Missing Authentication Token", "MissingAuthenticationTokenException",
      Templates.STANDARD),
  REQUEST_TOO_LARGE(413, "Request Too Long", "RequestTooLongException", Templates.STANDARD),
  UNAUTHORIZED(401, "Unauthorized", "UnauthorizedException", Templates.STANDARD),
  /**
   * AWS WAF blocked the request without a custom response of its own, so API Gateway answers with this type
   * ("Gateway response types for API Gateway"; its default body, {"message":"Forbidden"}, is as reported).
   */
  WAF_FILTERED(403, "Forbidden", "ForbiddenException", Templates.STANDARD),
  /** Not a type of its own: a failed Lambda proxy integration is answered with the DEFAULT_5XX response. */
  DEFAULT_5XX(502, "Internal server error", "InternalServerErrorException",
      "{\"message\": \"Internal server error\"}");

  // Enum constants cannot refer to the enum's own static fields, so the shared template lives here.
  private static final class Templates {
    static final String STANDARD = "{\"message\":$context.error.messageString}";
  }

  private final int defaultStatus;
  private final String defaultMessage;
  private final String errorType;
  private final String defaultTemplate;

  GatewayResponseType(int defaultStatus, String defaultMessage, String errorType, String defaultTemplate) {
    this.defaultStatus = defaultStatus;
    this.defaultMessage = defaultMessage;
    this.errorType = errorType;
    this.defaultTemplate = defaultTemplate;
  }

  /** The body template API Gateway uses when the API does not customise this response. */
  public String defaultTemplate() {
    return defaultTemplate;
  }

  public int defaultStatus() {
    return defaultStatus;
  }

  /** The message of API Gateway's default body {@code {"message": ...}}; null renders as JSON null. */
  public String defaultMessage() {
    return defaultMessage;
  }

  /** The x-amzn-ErrorType header API Gateway sends with this response. */
  public String errorType() {
    return errorType;
  }

  /** DEFAULT_4XX or DEFAULT_5XX: the template's fallback for a type it does not customise. */
  public String defaultClass(int status) {
    return status >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX";
  }
}
