package dev.taskapi.webhooks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends one signed message as an HTTP/1.1 POST, over a socket connected to the receiver's pinned address (no
 * resolution here: {@link ReceiverPolicy#check} resolved and checked it), with TLS on top for https: SNI and the
 * certificate's host check against the URL's host, as a browser would. No HTTP client library: none lets the
 * caller choose the address it connects to, and this needs one request and the status line of its answer, which
 * also means a redirect is never followed. Every attempt ends within the connect and read timeouts.
 */
public final class WebhookSender {
  private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/1\\.[01] ([1-5][0-9]{2})(?: .*)?$");
  private static final int MAX_STATUS_LINE = 1024;

  private final SSLSocketFactory tls;
  private final Duration connectTimeout;
  private final Duration readTimeout;

  public WebhookSender(SSLSocketFactory tls, Duration connectTimeout, Duration readTimeout) {
    this.tls = tls;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
  }

  /** The JVM's default trust store, 3 s to connect and 5 s for the answer: inside the test route's budget. */
  public static WebhookSender standard() {
    return new WebhookSender(
        (SSLSocketFactory) SSLSocketFactory.getDefault(), Duration.ofSeconds(3), Duration.ofSeconds(5));
  }

  /**
   * Posts {@code message}, signed with {@code secret}, to {@code receiver}. Never throws for the receiver's faults,
   * and ends within the connect timeout plus the read timeout whatever the receiver does: a socket timeout bounds
   * each read only, so a receiver that sends its answer a byte at a time would hold the function to its own Timeout
   * (a 502 of ours); a watchdog closes the socket when the read timeout has passed since the connection.
   */
  public DeliveryOutcome send(PinnedReceiver receiver, WebhookMessage message, String secret) {
    AtomicBoolean expired = new AtomicBoolean();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(receiver.address(), receiver.port()), (int) connectTimeout.toMillis());
      socket.setSoTimeout((int) readTimeout.toMillis());
      Thread watchdog = Thread.startVirtualThread(() -> closeWhenExpired(socket, expired));
      try {
        return exchange(socket, receiver, message, secret);
      } finally {
        watchdog.interrupt();
      }
    } catch (ConnectException e) {
      return DeliveryOutcome.failed("could not connect to the receiver");
    } catch (SocketTimeoutException e) {
      return DeliveryOutcome.failed("the receiver did not answer in time");
    } catch (SSLException e) {
      return DeliveryOutcome.failed(expired.get() ? "the receiver did not answer in time"
          : "the TLS handshake with the receiver failed");
    } catch (IOException e) {
      return DeliveryOutcome.failed(expired.get() ? "the receiver did not answer in time"
          : "the connection to the receiver failed");
    } catch (MalformedAnswer e) {
      return DeliveryOutcome.failed("the receiver's answer is not HTTP");
    }
  }

  private DeliveryOutcome exchange(Socket socket, PinnedReceiver receiver, WebhookMessage message, String secret)
      throws IOException {
    Socket channel = receiver.tls() ? handshake(socket, receiver) : socket;
    byte[] body = message.body().getBytes(StandardCharsets.UTF_8);
    OutputStream out = channel.getOutputStream();
    out.write(head(receiver, message.headers(secret), body.length).getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
    return DeliveryOutcome.answered(status(new BufferedInputStream(channel.getInputStream())));
  }

  /** Closes {@code socket} once the read timeout has passed, unless interrupted first (the exchange ended). */
  private void closeWhenExpired(Socket socket, AtomicBoolean expired) {
    try {
      Thread.sleep(readTimeout);
      expired.set(true);
      socket.close();
    } catch (InterruptedException e) {
      // The exchange ended in time.
    } catch (IOException e) {
      // Closing a socket that failed already: the exchange reports its own failure.
    }
  }

  private SSLSocket handshake(Socket socket, PinnedReceiver receiver) throws IOException {
    SSLSocket ssl = (SSLSocket) tls.createSocket(socket, receiver.host(), receiver.port(), true);
    SSLParameters parameters = ssl.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    if (!receiver.uri().getHost().startsWith("[") && !Character.isDigit(receiver.host().charAt(0))) {
      parameters.setServerNames(List.of(new SNIHostName(receiver.host())));
    }
    ssl.setSSLParameters(parameters);
    ssl.startHandshake();
    return ssl;
  }

  private static String head(PinnedReceiver receiver, Map<String, String> signed, int length) {
    StringBuilder head = new StringBuilder()
        .append("POST ").append(receiver.target()).append(" HTTP/1.1\r\n")
        .append("Host: ").append(receiver.hostHeader()).append("\r\n")
        .append("User-Agent: TaskAPI-Webhooks/1\r\n")
        .append("Content-Type: application/json\r\n")
        .append("Content-Length: ").append(length).append("\r\n")
        .append("Connection: close\r\n");
    signed.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    return head.append("\r\n").toString();
  }

  /** The status of the answer's status line; the rest of the answer is not read. */
  private static int status(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c == -1 || line.length() > MAX_STATUS_LINE) {
        throw new MalformedAnswer();
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    Matcher matcher = STATUS_LINE.matcher(line);
    if (!matcher.matches()) {
      throw new MalformedAnswer();
    }
    return Integer.parseInt(matcher.group(1));
  }

  /** An answer that is not an HTTP/1.x status line. */
  private static final class MalformedAnswer extends RuntimeException {
    MalformedAnswer() {
      super(null, null, false, false);
    }
  }
}
