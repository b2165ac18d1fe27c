package dev.taskapi.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The Swagger UI page and the files it loads, read from this function's jar once per container: the page and
 * its initializer from our resources, the stylesheet and bundle from the {@code org.webjars:swagger-ui} jar.
 */
public final class DocsAssets {
  /** One file the docs page needs, with the media type it is served as. */
  public record Asset(String contentType, String content) {}

  private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";

  private final Asset page;
  private final Map<String, Asset> files;

  DocsAssets(Asset page, Map<String, Asset> files) {
    this.page = page;
    this.files = Map.copyOf(files);
  }

  public static DocsAssets fromClasspath() {
    String webjar = WEBJAR + swaggerUiVersion() + "/";
    return new DocsAssets(
        new Asset("text/html; charset=utf-8", read("docs/index.html")),
        Map.of(
            "init.js", new Asset("text/javascript; charset=utf-8", read("docs/init.js")),
            "swagger-ui.css", new Asset("text/css; charset=utf-8", read(webjar + "swagger-ui.css")),
            "swagger-ui-bundle.js",
            new Asset("text/javascript; charset=utf-8", read(webjar + "swagger-ui-bundle.js"))));
  }

  public Asset page() {
    return page;
  }

  /** A file under {@code /docs/}, by its name; only the few the page loads exist. */
  public Optional<Asset> file(String name) {
    return Optional.ofNullable(files.get(name));
  }

  private static String swaggerUiVersion() {
    Properties properties = new Properties();
    try (InputStream in = open("docs/swagger-ui.properties")) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }

  static String read(String resource) {
    try (InputStream in = open(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(String resource) {
    InputStream in = DocsAssets.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing from the function's jar: " + resource);
    }
    return in;
  }
}
