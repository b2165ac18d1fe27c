package dev.taskapi.local.gateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds the API resource and method a request path addresses, as API Gateway's router does. */
final class RouteTable {
  /** A resource path matched by a request path. */
  record ResourceMatch(String resourcePath, List<Route> routes, Map<String, String> pathParameters) {
    /** The route for this method: an exact match first, else the resource's ANY method. */
    Optional<Route> routeFor(String method) {
      return routes.stream()
          .filter(r -> r.method().equals(method))
          .findFirst()
          .or(() -> routes.stream().filter(r -> r.method().equals("ANY")).findFirst());
    }
  }

  private final Map<String, List<Route>> routesByResource = new LinkedHashMap<>();

  RouteTable(List<Route> routes) {
    for (Route route : routes) {
      routesByResource.computeIfAbsent(route.resourcePath(), path -> new ArrayList<>()).add(route);
    }
  }

  List<Route> routes() {
    return routesByResource.values().stream().flatMap(List::stream).toList();
  }

  /** The most specific resource matching the path: literal segments beat {param}, which beats {proxy+}. */
  Optional<ResourceMatch> resourceFor(String rawPath) {
    List<String> requestSegments = segments(rawPath);
    ResourceMatch best = null;
    int[] bestRank = null;
    for (Map.Entry<String, List<Route>> entry : routesByResource.entrySet()) {
      List<String> templateSegments = segments(entry.getKey());
      Map<String, String> parameters = match(templateSegments, requestSegments);
      if (parameters == null) {
        continue;
      }
      int[] rank = templateSegments.stream().mapToInt(RouteTable::specificity).toArray();
      if (best == null || Arrays.compare(rank, bestRank) > 0) {
        best = new ResourceMatch(entry.getKey(), List.copyOf(entry.getValue()), parameters);
        bestRank = rank;
      }
    }
    return Optional.ofNullable(best);
  }

  private static int specificity(String templateSegment) {
    if (isGreedy(templateSegment)) {
      return 0;
    }
    return isParameter(templateSegment) ? 1 : 2;
  }

  /** The decoded path parameters when the template path matches, else null. */
  private static Map<String, String> match(List<String> template, List<String> request) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i < template.size(); i++) {
      String segment = template.get(i);
      if (isGreedy(segment)) {
        if (i != template.size() - 1 || request.size() <= i) {
          return null;
        }
        List<String> rest = request.subList(i, request.size());
        parameters.put(name(segment), decode(String.join("/", rest)));
        return parameters;
      }
      if (i >= request.size()) {
        return null;
      }
      String value = request.get(i);
      if (isParameter(segment)) {
        if (value.isEmpty()) {
          return null;
        }
        parameters.put(name(segment), decode(value));
      } else if (!segment.equals(decode(value))) {
        return null;
      }
    }
    return template.size() == request.size() ? parameters : null;
  }

  private static boolean isParameter(String segment) {
    return segment.startsWith("{") && segment.endsWith("}");
  }

  private static boolean isGreedy(String segment) {
    return isParameter(segment) && segment.endsWith("+}");
  }

  private static String name(String segment) {
    return segment.substring(1, segment.length() - (isGreedy(segment) ? 2 : 1));
  }

  private static List<String> segments(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
  }

  /** Percent-decoding for a path: unlike in a query string, '+' is a plus sign, not a space. */
  static String decode(String raw) {
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw; // a malformed escape is passed through as sent
    }
  }
}
