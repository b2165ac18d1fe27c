package dev.taskapi.webhooks;

import dev.taskapi.config.Environment;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The SSRF guard: which receiver URLs a webhook may have, checked at registration and again at every delivery.
 * On AWS only {@code https://} URLs whose every resolved address is public ({@link PublicAddresses}); no user
 * info, no fragment, and IPv4 written only as a canonical dotted quad (the decimal, octal, hex and short spellings
 * some parsers read as loopback are refused before any resolution). With {@link #allowLoopback}, the local stack's
 * setting, a URL whose addresses are all loopback is allowed too, over {@code http} as well: the tests' receivers.
 */
public final class ReceiverPolicy {
  /** The environment variable (template parameter WebhookReceivers) that sets the mode. */
  public static final String VARIABLE = "WEBHOOK_RECEIVERS";
  /** Its value for the local stack: loopback receivers allowed. Anything else means public https only. */
  public static final String PUBLIC_AND_LOOPBACK = "PublicHttpsAndLoopback";
  public static final int MAX_URL_LENGTH = 2048;

  /** A host made only of digits, dots and hex (0x) parts: an IPv4 spelling, canonical or not. */
  private static final Pattern NUMERIC_HOST =
      Pattern.compile("^(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*\\.?$");
  private static final Pattern DOTTED_QUAD =
      Pattern.compile("^(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}$");

  private final Resolver resolver;
  private final boolean allowLoopback;

  public ReceiverPolicy(Resolver resolver, boolean allowLoopback) {
    this.resolver = resolver;
    this.allowLoopback = allowLoopback;
  }

  /** The function's policy: public https only unless {@value #VARIABLE} is {@value #PUBLIC_AND_LOOPBACK}. */
  public static ReceiverPolicy fromEnvironment(Environment env) {
    return new ReceiverPolicy(Resolver.SYSTEM, env.optional(VARIABLE, "").equals(PUBLIC_AND_LOOPBACK));
  }

  /**
   * Checks {@code url} and resolves its host now: the receiver pinned to the first address, every address allowed.
   *
   * @throws ReceiverRefusedException with the reason, when any rule refuses it or the host does not resolve
   */
  public PinnedReceiver check(String url) {
    URI uri = parse(url);
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(allowLoopback && scheme.equals("http"))) {
      throw new ReceiverRefusedException("must be an https URL");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new ReceiverRefusedException("must name a host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new ReceiverRefusedException("must not carry user info (user:password@)");
    }
    if (uri.getRawFragment() != null) {
      throw new ReceiverRefusedException("must not have a fragment");
    }
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host.toLowerCase(Locale.ROOT);
    if (NUMERIC_HOST.matcher(bare).matches() && !DOTTED_QUAD.matcher(bare).matches()) {
      throw new ReceiverRefusedException("must write an IPv4 address as four decimal numbers");
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(bare);
    } catch (UnknownHostException e) {
      throw new ReceiverRefusedException("names a host that does not resolve");
    }
    if (addresses.length == 0) {
      throw new ReceiverRefusedException("names a host that does not resolve");
    }
    boolean allLoopback = true;
    for (InetAddress address : addresses) {
      boolean loopback = allowLoopback && PublicAddresses.isLoopback(address);
      if (!loopback && !PublicAddresses.isPublic(address)) {
        throw new ReceiverRefusedException("must resolve to public addresses only");
      }
      allLoopback &= loopback;
    }
    if (scheme.equals("http") && !allLoopback) {
      throw new ReceiverRefusedException("must be an https URL");
    }
    boolean tls = scheme.equals("https");
    int port = uri.getPort() == -1 ? (tls ? 443 : 80) : uri.getPort();
    return new PinnedReceiver(uri, bare, port, tls, addresses[0]);
  }

  private static URI parse(String url) {
    if (url.length() > MAX_URL_LENGTH) {
      throw new ReceiverRefusedException("must be at most " + MAX_URL_LENGTH + " characters");
    }
    try {
      URI uri = new URI(url);
      if (!uri.isAbsolute() || uri.isOpaque()) {
        throw new ReceiverRefusedException("must be an absolute https URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ReceiverRefusedException("must be a valid URL");
    }
  }
}
