package dev.taskapi.auth;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Password-reset tokens: {@code <user id>.<256-bit secret>}. The user id locates the token's record in its account's
 * partition ({@code PasswordResetItem}), so deleting the account finds its pending tokens without a scan; the
 * secret is the credential, and only the SHA-256 of the whole token is stored ({@link OpaqueTokens}).
 */
public final class ResetTokens {
  private static final Pattern TOKEN = Pattern.compile(
      "(" + OpaqueTokens.USER_ID + ")\\.[A-Za-z0-9_-]{" + OpaqueTokens.encodedLength(OpaqueTokens.SECRET_BYTES) + "}");

  private ResetTokens() {}

  /** A new token for the account {@code userId}. */
  public static String issue(String userId) {
    return userId + "." + OpaqueTokens.secret();
  }

  /** The account a well-formed reset token names; empty for anything that is not one of ours. */
  public static Optional<String> userId(String token) {
    if (token == null) {
      return Optional.empty();
    }
    Matcher parts = TOKEN.matcher(token);
    return parts.matches() ? Optional.of(parts.group(1)) : Optional.empty();
  }
}
