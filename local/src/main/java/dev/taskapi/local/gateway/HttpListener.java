package dev.taskapi.local.gateway;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The gateway's HTTP/1.1 listener, on Jetty: its parser keeps a header value as the client sent it, a tab inside
 * included (RFC 9110 section 5.5 allows HTAB within a field value), as API Gateway hands it to a TOKEN authorizer.
 * The JDK's own server rewrites that tab to a space before any handler sees it.
 */
final class HttpListener implements AutoCloseable {
  /**
   * Jetty's own limit on the request line and headers, far above the gateway's 10 KB so that the gateway's 413,
   * not Jetty's 431, is what a client gets (380 KB: what the JDK server allowed before).
   */
  static final int PARSER_HEADER_LIMIT = 380 * 1024;

  /** What the gateway does with one request: it may block, and it completes the callback. */
  interface Exchange {
    void serve(Request request, Response response, Callback callback);
  }

  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Server server = new Server();
  private final ServerConnector connector;
  /** The port bound at start: a stopped connector reports none, and a reloaded stack tells its old address. */
  private int port;

  private HttpListener(InetSocketAddress address, Exchange exchange, Exchange refusal) {
    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(PARSER_HEADER_LIMIT);
    http.setSendServerVersion(false);
    // Jetty reuses a header it has parsed on the connection when the next one matches it, by default ignoring
    // case: "bearer <token>" after "Bearer <token>" would reach the gateway spelt as the first.
    http.setHeaderCacheCaseSensitive(true);
    // The gateway matches the raw path itself, as API Gateway does (an encoded slash stays inside a path
    // parameter), so Jetty passes every path through rather than refusing "ambiguous" ones with its 400.
    http.setUriCompliance(UriCompliance.UNSAFE);
    connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(address.getHostString());
    connector.setPort(address.getPort());
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract.NonBlocking() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        // Each exchange on a virtual thread of its own: it waits for the functions, up to 29 s.
        executor.execute(() -> exchange.serve(request, response, callback));
        return true;
      }
    });
    // What Jetty refuses itself (a request it cannot parse) is answered by the gateway too, not by Jetty's page.
    server.setErrorHandler((request, response, callback) -> {
      // After a request it could not parse Jetty closes the connection, so the answer says so (RFC 9112 section
      // 9.6): a client that kept the connection for its next request would find it closed with no answer.
      response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
      refusal.serve(request, response, callback);
      return true;
    });
  }

  /** The status Jetty refuses a request with, for the {@code refusal} exchange. */
  static int refusedStatus(Request request) {
    return request.getAttribute(ErrorHandler.ERROR_STATUS) instanceof Integer status ? status : 400;
  }

  /**
   * Serves {@code exchange} on {@code address} (port 0 picks a free port), and {@code refusal} (on Jetty's thread:
   * it must not block) for the requests Jetty refuses before any handler, with {@link #refusedStatus}.
   *
   * @throws BindException when the port is in use
   */
  static HttpListener start(InetSocketAddress address, Exchange exchange, Exchange refusal) throws IOException {
    HttpListener listener = new HttpListener(address, exchange, refusal);
    try {
      listener.server.start();
      listener.port = listener.connector.getLocalPort();
      return listener;
    } catch (Exception e) {
      listener.close();
      // Jetty wraps the bind failure in an IOException of its own; callers tell a busy port by its type.
      if (e.getCause() instanceof BindException busy) {
        throw busy;
      }
      throw e instanceof IOException io ? io : new IOException(e);
    }
  }

  int port() {
    return port;
  }

  String host() {
    return connector.getHost();
  }

  /** Stops accepting and waits for the exchanges under way to end. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Could not stop the gateway's HTTP server", e);
    }
    executor.close();
  }
}
