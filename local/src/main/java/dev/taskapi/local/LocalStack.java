package dev.taskapi.local;

import dev.taskapi.local.gateway.LocalApiGateway;
import dev.taskapi.local.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;

/** The whole local stand-in: {@link LocalRuntime} plus the template's REST API served over HTTP. */
public final class LocalStack implements AutoCloseable {
  private final LocalRuntime runtime;
  private final LocalApiGateway gateway;

  private LocalStack(LocalRuntime runtime, LocalApiGateway gateway) {
    this.runtime = runtime;
    this.gateway = gateway;
  }

  /**
   * Starts dynalite (unless DYNAMODB_ENDPOINT is set), the tables, the secrets endpoint and the API.
   *
   * @throws java.io.UncheckedIOException wrapping a {@link java.net.BindException} when the port is in use
   */
  public static LocalStack start(LocalStackOptions options) {
    LocalRuntime runtime = LocalRuntime.start(options);
    try {
      LocalApiGateway gateway = LocalApiGateway.start(
          runtime.template(), runtime.functions(), new InetSocketAddress(options.host(), options.port()));
      return new LocalStack(runtime, gateway);
    } catch (IOException e) {
      runtime.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  /** The API's base URL, e.g. {@code http://127.0.0.1:3000} (no stage prefix, like sam local start-api). */
  public URI baseUri() {
    return URI.create("http://" + gateway.host() + ":" + gateway.port());
  }

  public int port() {
    return gateway.port();
  }

  public URI dynamoDbEndpoint() {
    return runtime.dynamoDbEndpoint();
  }

  public SamTemplate template() {
    return runtime.template();
  }

  public LocalRuntime runtime() {
    return runtime;
  }

  /** Each route as {@code METHOD /path -> Function}. */
  public List<String> routes() {
    return gateway.describeRoutes();
  }

  /** Stops the API, then the runtime (dynalite last); data in the data directory stays. */
  @Override
  public void close() {
    try {
      gateway.close();
    } finally {
      runtime.close();
    }
  }
}
