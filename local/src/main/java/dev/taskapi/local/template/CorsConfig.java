package dev.taskapi.local.template;

import java.util.Optional;

/** The API's Cors setting, values with SAM's single quotes removed. */
public record CorsConfig(
    String allowOrigin,
    Optional<String> allowHeaders,
    Optional<String> allowMethods,
    Optional<String> maxAge,
    boolean allowCredentials) {}
