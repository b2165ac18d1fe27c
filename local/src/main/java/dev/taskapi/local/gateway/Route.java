package dev.taskapi.local.gateway;

import java.util.Optional;

/**
 * One method of one resource of the REST API, integrated with a function (Lambda proxy).
 *
 * @param resourcePath the template path, e.g. {@code /tasks/{task_id}}
 * @param method upper case, or ANY
 */
record Route(String resourcePath, String method, String functionLogicalId, Optional<String> authorizer) {}
