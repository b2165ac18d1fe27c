package dev.taskapi.schema;

/**
 * The keys of the context the TOKEN authorizer returns and API Gateway hands every API function as
 * {@code requestContext.authorizer}: written by the authorizer, read by {@code ApiRequest}, defined once here.
 *
 * <p>API Gateway passes only string, number or boolean context values, never arrays or objects (API Gateway
 * Developer Guide, "Output from an API Gateway Lambda authorizer").
 */
public final class AuthorizerContext {
  /** The caller's user id. */
  public static final String USER_ID = "userId";

  /** The caller's account email, when the token carries one. */
  public static final String EMAIL = "email";

  /** The token's {@code exp} (epoch seconds). */
  public static final String EXPIRES_AT = "exp";

  private AuthorizerContext() {}
}
