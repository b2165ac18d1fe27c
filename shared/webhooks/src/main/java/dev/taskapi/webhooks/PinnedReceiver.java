package dev.taskapi.webhooks;

import java.net.InetAddress;
import java.net.URI;

/**
 * A receiver URL with the address it was checked at: a delivery connects to {@code address} and to nothing the
 * name resolves to later, so an answer that changes between the check and the connection cannot reach a private
 * address. {@code host} stays the URL's, for the Host header, SNI and the certificate check.
 */
public record PinnedReceiver(URI uri, String host, int port, boolean tls, InetAddress address) {
  /** The request target: the URL's path and query as written, {@code /} for none. */
  public String target() {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }

  /** The Host header: the host, with the port when it is not the scheme's default. */
  public String hostHeader() {
    return port == (tls ? 443 : 80) ? uri.getHost() : uri.getHost() + ":" + port;
  }
}
