package dev.taskapi.local.template;

import java.util.Optional;

/**
 * A Lambda TOKEN authorizer of the API.
 *
 * @param functionLogicalId the function its FunctionArn points at
 * @param validationExpression a regular expression the identity header must match before the authorizer runs
 * @param reauthorizeEverySeconds how long a result is cached per identity header value; 0 disables the cache
 */
public record AuthorizerDef(
    String name,
    String functionLogicalId,
    String identityHeader,
    Optional<String> validationExpression,
    int reauthorizeEverySeconds) {}
