package dev.taskapi.security;

import java.util.List;

/**
 * Every route of the API, for the table-driven attack and fuzz suites: a new route is one more line here, and
 * every suite then attacks it too.
 *
 * @param path the path with {@code {task_id}} where a task id goes
 * @param authenticated whether the route sits behind the token authorizer
 * @param takesBody whether the route reads a JSON body
 */
record ApiRoutes(String method, String path, boolean authenticated, boolean takesBody) {
  static final List<ApiRoutes> ALL =
      List.of(
          new ApiRoutes("POST", "/auth/register", false, true),
          new ApiRoutes("POST", "/auth", false, true),
          new ApiRoutes("POST", "/tasks", true, true),
          new ApiRoutes("GET", "/tasks", true, false),
          new ApiRoutes("DELETE", "/tasks/{task_id}", true, false),
          new ApiRoutes("POST", "/lists", true, true),
          new ApiRoutes("GET", "/lists", true, false),
          new ApiRoutes("POST", "/auth/refresh", false, true),
          new ApiRoutes("POST", "/auth/logout", true, true),
          new ApiRoutes("POST", "/auth/password-reset", false, true),
          new ApiRoutes("POST", "/auth/password-reset/confirm", false, true));

  static List<ApiRoutes> authenticatedRoutes() {
    return ALL.stream().filter(ApiRoutes::authenticated).toList();
  }

  static List<ApiRoutes> bodyRoutes() {
    return ALL.stream().filter(ApiRoutes::takesBody).toList();
  }

  /** The path with {@code taskId} in place of {@code {task_id}}. */
  String pathFor(String taskId) {
    return path.replace("{task_id}", taskId);
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
