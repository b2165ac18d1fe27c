package dev.taskapi.e2e;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.report.ValidationReport.Level;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The repository's openapi.yaml as a test oracle: {@link ApiClient} checks every response the end-to-end suite
 * receives against it, so the contract cannot drift from what the API really answers.
 */
final class OpenApiContract {
  static final Path FILE = Path.of("..", "openapi.yaml");

  private static final OpenApiInteractionValidator VALIDATOR =
      OpenApiInteractionValidator.createForInlineApiSpecification(read())
          // The file's servers name the local stack's default port; the tests run on a free one.
          .withBasePathOverride("/")
          .withLevelResolver(
              LevelResolver.create()
                  // Unknown routes and methods (the suite checks their 404s) have no operation to compare with;
                  // RoutesContractTest makes sure every real route has one.
                  .withLevel("validation.request.path.missing", Level.IGNORE)
                  .withLevel("validation.request.operation.notAllowed", Level.IGNORE)
                  .build())
          .build();

  private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

  /** One documented operation: an upper-case method and the path exactly as openapi.yaml writes it. */
  record Operation(String method, String path) {}

  private OpenApiContract() {}

  /** Every operation openapi.yaml documents, in file order. */
  static List<Operation> operations() {
    Map<String, Map<String, Object>> paths = new Yaml().<Map<String, Map<String, Map<String, Object>>>>load(read()).get("paths");
    List<Operation> operations = new ArrayList<>();
    paths.forEach(
        (path, item) ->
            item.keySet().stream()
                .filter(HTTP_METHODS::contains)
                .forEach(method -> operations.add(new Operation(method.toUpperCase(Locale.ROOT), path))));
    return operations;
  }

  /**
   * The documented paths as patterns that match the way API Gateway routes: case-sensitively, a parameter being
   * one non-empty segment. The validator itself matches paths case-insensitively, so {@code /AUTH} would be
   * judged as {@code /auth} although the gateway answers it as an unknown route.
   */
  private static final List<Pattern> DOCUMENTED_PATHS =
      operations().stream()
          .map(Operation::path)
          .distinct()
          .map(path -> Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q")))
          .toList();

  /** Fails when the response is not one the contract allows for this method and path. */
  static void assertConforms(String method, String path, ApiClient.Response response) {
    if (DOCUMENTED_PATHS.stream().noneMatch(p -> p.matcher(path).matches())) {
      return; // an unknown route: no operation to compare with (the suites check its 404 themselves)
    }
    Request.Method verb;
    try {
      verb = Request.Method.valueOf(method.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return; // a method OpenAPI cannot describe (the suite sends a few on purpose)
    }
    SimpleResponse.Builder actual = SimpleResponse.Builder.status(response.status());
    for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
      if (header.getKey() != null && !header.getKey().startsWith(":")) {
        actual.withHeader(header.getKey(), header.getValue());
      }
    }
    if (!response.text().isEmpty()) {
      actual.withBody(response.text());
    }
    ValidationReport report = VALIDATOR.validateResponse(path, verb, actual.build());
    if (report.hasErrors()) {
      throw new AssertionError(
          "response breaks openapi.yaml: " + method + " " + path + " -> " + response.status() + " "
              + abbreviate(response.text()) + "\n" + report);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }

  private static String read() {
    try {
      return Files.readString(FILE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
