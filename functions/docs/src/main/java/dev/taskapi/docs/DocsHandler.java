package dev.taskapi.docs;

import dev.taskapi.domain.NotFoundException;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import java.util.Map;

/** {@code GET /docs} and {@code GET /docs/{proxy+}}: the Swagger UI page over {@code openapi.json}, and its files. */
public final class DocsHandler extends ApiHandler {
  /**
   * What the page may load: its own scripts and styles, Swagger UI's icons (data: URIs), and calls to this same
   * origin for the contract and "Try it out"; nothing else, and no framing. It replaces the API's
   * {@code default-src 'none'}, which would leave the page blank. DocsBrowserTest fails on any violation.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private static final Map<String, String> PAGE = Map.of("Content-Security-Policy", CONTENT_SECURITY_POLICY);

  /** The files are fixed for a deployment; the page itself is re-read so a redeploy shows at once. */
  private static final Map<String, String> FILES =
      Map.of("Cache-Control", "public, max-age=3600", "Content-Security-Policy", CONTENT_SECURITY_POLICY);

  private final DocsAssets assets;

  /** Lambda's entry point. */
  public DocsHandler() {
    this(DocsAssets.fromClasspath());
  }

  public DocsHandler(DocsAssets assets) {
    super(Cors.none()); // same-origin pages: the docs are read where they are served
    this.assets = assets;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    var file = request.pathParameter("proxy");
    if (file.isEmpty()) {
      DocsAssets.Asset page = assets.page();
      return ApiResponse.text(page.contentType(), page.content(), PAGE);
    }
    DocsAssets.Asset asset =
        assets.file(file.get()).orElseThrow(() -> new NotFoundException("No such documentation file."));
    return ApiResponse.text(asset.contentType(), asset.content(), FILES);
  }
}
