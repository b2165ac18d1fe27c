package dev.taskapi.local.template;

import java.util.Optional;

/**
 * A function's {@code Type: Api} event: one method on one resource path of the REST API.
 *
 * @param method upper case; {@code ANY} matches every method
 * @param authorizer the authorizer guarding the route; empty for {@code Auth.Authorizer: NONE} or when the
 *     API has no default authorizer
 */
public record ApiEventDef(String path, String method, Optional<String> authorizer) {}
