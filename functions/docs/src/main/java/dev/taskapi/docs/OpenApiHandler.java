package dev.taskapi.docs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the repository's openapi.yaml (packaged into this jar) as JSON, with {@code servers}
 * set to where this request came in, so "Try it out" calls the same deployment: {@code /v1} on an execute-api
 * URL, nothing locally or on a custom domain without a base path.
 */
public final class OpenApiHandler extends ApiHandler {
  private final ObjectNode contract;

  /** Lambda's entry point: the contract is parsed once per container. */
  public OpenApiHandler() {
    this(load());
  }

  public OpenApiHandler(ObjectNode contract) {
    super(Cors.none());
    this.contract = contract;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    ObjectNode served = contract.deepCopy();
    String base = request.basePath();
    served.putArray("servers").addObject().put("url", base.isEmpty() ? "/" : base);
    return ApiResponse.ok(served);
  }

  static ObjectNode load() {
    try {
      return (ObjectNode) new YAMLMapper().readTree(DocsAssets.read("openapi.yaml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
