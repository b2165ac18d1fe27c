package dev.taskapi.local.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTableTest {
  private final RouteTable table = new RouteTable(List.of(
      new Route("/tasks", "GET", "List", Optional.empty()),
      new Route("/tasks", "POST", "Create", Optional.empty()),
      new Route("/tasks/{task_id}", "DELETE", "Delete", Optional.empty()),
      new Route("/tasks/special", "GET", "Special", Optional.empty()),
      new Route("/files/{proxy+}", "ANY", "Files", Optional.empty()),
      new Route("/", "GET", "Root", Optional.empty())));

  private Optional<Route> route(String method, String path) {
    return table.resourceFor(path).flatMap(r -> r.routeFor(method));
  }

  @Test
  void matchesLiteralPathAndMethod() {
    assertEquals("List", route("GET", "/tasks").orElseThrow().functionLogicalId());
    assertEquals("Create", route("POST", "/tasks").orElseThrow().functionLogicalId());
    assertEquals("Root", route("GET", "/").orElseThrow().functionLogicalId());
  }

  @Test
  void extractsDecodedPathParameters() {
    RouteTable.ResourceMatch match = table.resourceFor("/tasks/a%20b%2Fc+d").orElseThrow();
    assertEquals("/tasks/{task_id}", match.resourcePath());
    assertEquals(Map.of("task_id", "a b/c+d"), match.pathParameters());
  }

  @Test
  void literalSegmentBeatsParameter() {
    assertEquals("/tasks/special", table.resourceFor("/tasks/special").orElseThrow().resourcePath());
  }

  @Test
  void greedyProxyTakesTheRestWithAnyMethod() {
    RouteTable.ResourceMatch match = table.resourceFor("/files/a/b/c.txt").orElseThrow();
    assertEquals(Map.of("proxy", "a/b/c.txt"), match.pathParameters());
    assertEquals("Files", match.routeFor("PATCH").orElseThrow().functionLogicalId());
    assertTrue(table.resourceFor("/files").isEmpty());
  }

  @Test
  void unknownPathsAndMethodsDoNotMatch() {
    assertTrue(table.resourceFor("/nope").isEmpty());
    assertTrue(table.resourceFor("/tasks/1/extra").isEmpty());
    assertTrue(table.resourceFor("/tasks/").isEmpty()); // empty {task_id}
    assertTrue(route("PUT", "/tasks").isEmpty());
    assertTrue(route("GET", "/tasks/1").isEmpty());
  }
}
