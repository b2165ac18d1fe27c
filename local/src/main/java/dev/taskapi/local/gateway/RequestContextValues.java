package dev.taskapi.local.gateway;

import java.util.Map;

/**
 * The request values a gateway response may refer to: {@code $context.*} variables in templates and
 * {@code method.request.*} expressions in header mappings.
 */
record RequestContextValues(
    String requestId,
    String stage,
    String resourcePath,
    IncomingRequest request,
    Map<String, String> pathParameters,
    Map<String, String> queryParameters) {}
