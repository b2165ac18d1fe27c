package dev.taskapi.webhooks;

import dev.taskapi.snapstart.Priming;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.BasicHttpClientConnectionManager;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends one signed message as an HTTP/1.1 POST with Apache HttpClient 5 (classic), a well-kept client rather than
 * one of our own: its {@link DnsResolver} is ours, and answers the receiver's host with the address
 * {@link ReceiverPolicy#check} resolved and checked ({@link PinnedReceiver#address()}) and nothing else, so the
 * client connects to that address only, never to what a second resolution would say. TLS is the client's: the
 * JVM's trust store (or the context given), SNI and the certificate's host check against the URL's host, as a
 * browser would. One exchange a delivery on a connection of its own: no redirect followed, no retry, no cookie or
 * auth state, and the answer's status is all it reads (its body is dropped with the connection, unread).
 */
public final class WebhookSender {
  private static final ContentType JSON = ContentType.create("application/json");

  private final TlsSocketStrategy tls;
  private final Duration connectTimeout;
  private final Duration readTimeout;

  public WebhookSender(SSLContext tls, Duration connectTimeout, Duration readTimeout) {
    this.tls = new DefaultClientTlsStrategy(tls);
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
  }

  /**
   * The {@link #standard()} sender of a function, its send primed before a SnapStart snapshot ({@link
   * WebhookSendPrimer}: a connection to a loopback port nothing listens on, refused before anything is sent).
   */
  public static WebhookSender primedForSnapStart() {
    WebhookSender sender = standard();
    Priming.register(new WebhookSendPrimer(sender));
    return sender;
  }

  /** The JVM's default trust store, 3 s to connect and 5 s for the whole exchange: inside the test route's budget. */
  public static WebhookSender standard() {
    try {
      return new WebhookSender(SSLContext.getDefault(), Duration.ofSeconds(3), Duration.ofSeconds(5));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no default TLS context", e);
    }
  }

  /**
   * Posts {@code message}, signed with {@code secret}, to {@code receiver}. Never throws for the receiver's faults,
   * and ends within the read timeout whatever the receiver does (the connect timeout bounds the connection inside
   * it): the client's timeouts bound each read only, so a receiver that sends its answer a byte at a time would hold
   * the function to its own Timeout (a 502 of ours); a timer cancels the request (the client's
   * {@link HttpPost#cancel()}, which closes its connection) when the read timeout has passed since the start.
   */
  public DeliveryOutcome send(PinnedReceiver receiver, WebhookMessage message, String secret) {
    HttpPost post = new HttpPost(receiver.uri());
    message.headers(secret).forEach(post::setHeader);
    post.setHeader(HttpHeaders.CONNECTION, "close");
    post.setEntity(new ByteArrayEntity(message.body().getBytes(StandardCharsets.UTF_8), JSON));
    AtomicBoolean expired = new AtomicBoolean();
    Thread deadline = Thread.startVirtualThread(() -> cancelWhenExpired(post, expired));
    try (CloseableHttpClient client = client(receiver)) {
      return answer(client, receiver, post);
    } catch (SocketTimeoutException e) {
      return DeliveryOutcome.failed("the receiver did not answer in time");
    } catch (ConnectException e) {
      return DeliveryOutcome.failed(expired.get() ? "the receiver did not answer in time"
          : "could not connect to the receiver");
    } catch (SSLException e) {
      return DeliveryOutcome.failed(expired.get() ? "the receiver did not answer in time"
          : "the TLS handshake with the receiver failed");
    } catch (NoHttpResponseException | ClientProtocolException e) {
      return DeliveryOutcome.failed(expired.get() ? "the receiver did not answer in time"
          : "the receiver's answer is not HTTP");
    } catch (IOException e) {
      return DeliveryOutcome.failed(expired.get() ? "the receiver did not answer in time"
          : "the connection to the receiver failed");
    } finally {
      deadline.interrupt();
    }
  }

  /** The answer's status; its body is not read: the connection is dropped with it. */
  private static DeliveryOutcome answer(CloseableHttpClient client, PinnedReceiver receiver, HttpPost post)
      throws IOException {
    HttpHost target = new HttpHost(receiver.tls() ? "https" : "http", receiver.host(), receiver.port());
    ClassicHttpResponse response = client.executeOpen(target, post, null);
    int status = response.getCode();
    post.cancel();
    try {
      response.close();
    } catch (IOException e) {
      // Closing would drain the body from a connection that cancel() has closed already: nothing to read.
    }
    if (status < 100 || status > 599) {
      throw new ClientProtocolException(new ProtocolException("status " + status));
    }
    return DeliveryOutcome.answered(status);
  }

  /** A client for one exchange with {@code receiver}, connecting to its pinned address only. */
  private CloseableHttpClient client(PinnedReceiver receiver) {
    BasicHttpClientConnectionManager connections = BasicHttpClientConnectionManager.create(
        null, new PinnedResolver(receiver),
        RegistryBuilder.<TlsSocketStrategy>create().register(URIScheme.HTTPS.id, tls).build(), null);
    connections.setConnectionConfig(ConnectionConfig.custom()
        .setConnectTimeout(Timeout.of(connectTimeout))
        .setSocketTimeout(Timeout.of(readTimeout))
        .build());
    return HttpClients.custom()
        .setConnectionManager(connections)
        .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(readTimeout)).build())
        .setUserAgent("TaskAPI-Webhooks/1")
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableCookieManagement()
        .disableAuthCaching()
        .disableConnectionState()
        .disableContentCompression()
        .build();
  }

  /** Cancels {@code post} once the read timeout has passed, unless interrupted first (the exchange ended). */
  private void cancelWhenExpired(HttpPost post, AtomicBoolean expired) {
    try {
      Thread.sleep(readTimeout);
      expired.set(true);
      post.cancel();
    } catch (InterruptedException e) {
      // The exchange ended in time.
    }
  }

  /** Answers the receiver's host with its pinned address, and refuses every other name. */
  record PinnedResolver(PinnedReceiver receiver) implements DnsResolver {
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      if (!receiver.host().equalsIgnoreCase(bare(host))) {
        throw new UnknownHostException(host + " is not the receiver's host");
      }
      return new InetAddress[] {receiver.address()};
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
      resolve(host);
      return host;
    }

    private static String bare(String host) {
      return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
  }
}
