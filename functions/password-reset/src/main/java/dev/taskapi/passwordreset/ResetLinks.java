package dev.taskapi.passwordreset;

import dev.taskapi.config.Environment;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * The link a reset mail carries: the app's reset page with the token in the URL's fragment,
 * {@code <PasswordResetUrl>#token=<token>}. A browser never sends a fragment: not to the page's server (so no access
 * log or proxy records the token) and not in {@code Referer} to anything the page loads or links to (RFC 9110
 * section 10.1.3: a Referer must not include a fragment; Fetch strips it). The page's script reads it from
 * {@code location.hash} and posts it to {@code POST /auth/password-reset/confirm}.
 *
 * <p>The page must be {@code https}: a token over plain HTTP could be read or rewritten on the way. The one
 * exception is a loopback host, as the local stack's {@code http://localhost:3000/reset-password}: such a link
 * never leaves the recipient's machine, and browsers treat loopback as a secure context.
 */
record ResetLinks(URI page) {
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

  ResetLinks {
    boolean https = "https".equals(page.getScheme());
    boolean loopback = "http".equals(page.getScheme()) && LOOPBACK.contains(page.getHost());
    if (!(https || loopback) || page.getHost() == null || page.getRawUserInfo() != null
        || page.getRawQuery() != null || page.getRawFragment() != null) {
      throw new IllegalArgumentException("PASSWORD_RESET_URL must be an https URL without user, query or fragment"
          + " (http only on a loopback host, as the local stack's), not " + page);
    }
  }

  /** The function's page, from {@code PASSWORD_RESET_URL}; refuses to start the function with one not allowed. */
  static ResetLinks fromEnvironment(Environment env) {
    return of(env.required("PASSWORD_RESET_URL"));
  }

  static ResetLinks of(String url) {
    try {
      return new ResetLinks(new URI(url));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("PASSWORD_RESET_URL is not a URL: " + e.getMessage(), e);
    }
  }

  /** The page with {@code token} in its fragment. */
  String link(String token) {
    return page + "#token=" + token;
  }
}
