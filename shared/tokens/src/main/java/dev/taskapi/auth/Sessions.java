package dev.taskapi.auth;

import dev.taskapi.api.AuthResponse;
import dev.taskapi.domain.AuthenticationFailedException;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.domain.Session;
import dev.taskapi.domain.User;
import dev.taskapi.store.SessionStore;
import dev.taskapi.store.UserStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sign-ins and refresh-token rotation (RFC 9700, OAuth 2.0 Security BCP, section 4.14.2).
 *
 * <p>A sign-in starts a family: a random id and one valid refresh token
 * {@code <user id>.<family id>.<256-bit secret>} (the ids locate the family's item, the secret is the credential),
 * stored only as its SHA-256 ({@link OpaqueTokens}). A refresh replaces it by the next in one conditional write
 * (the presented token is used up), so of concurrent refreshes with one token exactly one wins. Presenting any
 * other token of the family, a used one or the loser of such a race, is reuse: the session is ended ({@link #end}),
 * which revokes every refresh token descended from that sign-in, including the newest, and its access tokens. (The family id is random and appears only
 * inside the family's tokens, so whoever presents it held one of them.) A family also ends when idle or old
 * ({@link SessionPolicy}) and when the account's token version changes (password change or reset, "log out
 * everywhere"): the account is read on every refresh anyway, to sign the access token with its current version.
 */
public final class Sessions {
  private static final int FAMILY_BYTES = 16;
  private static final int FAMILY_LENGTH = OpaqueTokens.encodedLength(FAMILY_BYTES);
  private static final int SECRET_LENGTH = OpaqueTokens.encodedLength(OpaqueTokens.SECRET_BYTES);
  private static final Pattern TOKEN = Pattern.compile(
      "(" + OpaqueTokens.USER_ID + ")\\.([A-Za-z0-9_-]{" + FAMILY_LENGTH + "})\\.[A-Za-z0-9_-]{" + SECRET_LENGTH + "}");

  /** Where a refresh token's family is stored: its account and its id. */
  public record Family(String userId, String familyId) {}

  private final TokenService accessTokens;
  private final SessionStore sessions;
  private final UserStore users;
  private final SessionPolicy policy;
  private final Clock clock;
  private final Consumer<Session> reuseNotice;

  /**
   * {@code reuseNotice} is told of each session a refresh token's reuse ended (ASVS 2.2.3: the account is
   * notified); it must not throw, so that the refusal stays the same 401.
   */
  public Sessions(TokenService accessTokens, SessionStore sessions, UserStore users, SessionPolicy policy, Clock clock,
      Consumer<Session> reuseNotice) {
    this.accessTokens = accessTokens;
    this.sessions = sessions;
    this.users = users;
    this.policy = policy;
    this.clock = clock;
    this.reuseNotice = reuseNotice;
  }

  /** Sessions whose reuse tells no one: the functions that never refresh. */
  public Sessions(TokenService accessTokens, SessionStore sessions, UserStore users, SessionPolicy policy, Clock clock) {
    this(accessTokens, sessions, users, policy, clock, session -> {});
  }

  /**
   * Starts a family for {@code user} and answers the sign-in body with its first refresh token; empty when the
   * account is gone or being deleted (nothing was stored), which each caller answers in its own terms.
   */
  public Optional<AuthResponse> open(String message, User user) {
    Instant now = clock.instant();
    String familyId = OpaqueTokens.random(FAMILY_BYTES);
    String refreshToken = newToken(user.id(), familyId);
    if (!sessions.create(new Session(familyId, user.id(), user.email(), user.tokenVersion(),
        OpaqueTokens.hash(refreshToken), now, now, policy.end(now, now)))) {
      return Optional.empty();
    }
    return Optional.of(answer(message, user, familyId, refreshToken));
  }

  /** {@link #open}, with a 404 when the account is gone or being deleted. */
  public AuthResponse start(String message, User user) {
    return open(message, user).orElseThrow(() -> new NotFoundException("This account no longer exists."));
  }

  /**
   * Exchanges a refresh token for a new access token and the family's next refresh token; any refusal is the same
   * 401, whatever the reason, and a reused token also revokes its family.
   */
  public AuthResponse refresh(String refreshToken) {
    Session session = family(refreshToken).flatMap(f -> sessions.find(f.userId(), f.familyId()))
        .orElseThrow(Sessions::invalid);
    Instant now = clock.instant();
    if (!MessageDigest.isEqual(bytes(session.tokenHash()), bytes(OpaqueTokens.hash(refreshToken)))) {
      throw reused(session); // a token of this family, but not its current one
    }
    if (!now.isBefore(session.expiresAt())) {
      throw revoked(session);
    }
    User user = users.findByEmail(session.email())
        .filter(u -> u.id().equals(session.userId()) && u.tokenVersion() == session.tokenVersion())
        .orElseThrow(() -> revoked(session));
    String next = newToken(session.userId(), session.familyId());
    if (!sessions.rotate(session, session.rotated(OpaqueTokens.hash(next), now, policy.end(session.createdAt(), now)))) {
      // Another request rotated it since we read it: this token was used twice.
      throw reused(session);
    }
    return answer("Token refreshed", user, session.familyId(), next);
  }

  private AuthResponse answer(String message, User user, String familyId, String refreshToken) {
    return AuthResponse.of(message, user,
        accessTokens.issue(user.id(), user.email(), user.tokenVersion(), familyId),
        refreshToken, accessTokens.ttl().toSeconds());
  }

  /**
   * Ends the session {@code familyId} of the account: its family and, until the last access token it was issued
   * expires, those access tokens (the authorizer refuses them). False when there was no such session.
   */
  public static boolean end(SessionStore sessions, String email, String userId, String familyId, Duration accessTtl,
      Clock clock) {
    Instant now = clock.instant();
    return sessions.end(email, userId, familyId, now.plus(accessTtl), now);
  }

  private AuthenticationFailedException revoked(Session session) {
    end(sessions, session.email(), session.userId(), session.familyId(), accessTokens.ttl(), clock);
    return invalid();
  }

  /** Reuse: the family is ended, and when this ended it (not an earlier reuse) its account is told. */
  private AuthenticationFailedException reused(Session session) {
    if (end(sessions, session.email(), session.userId(), session.familyId(), accessTokens.ttl(), clock)) {
      reuseNotice.accept(session);
    }
    return invalid();
  }

  private static String newToken(String userId, String familyId) {
    return userId + "." + familyId + "." + OpaqueTokens.secret();
  }

  /** The family a well-formed refresh token names; empty for anything that is not one of ours. */
  public static Optional<Family> family(String token) {
    if (token == null) {
      return Optional.empty();
    }
    Matcher parts = TOKEN.matcher(token);
    return parts.matches() ? Optional.of(new Family(parts.group(1), parts.group(2))) : Optional.empty();
  }

  private static byte[] bytes(String hex) {
    return hex.getBytes(StandardCharsets.US_ASCII);
  }

  private static AuthenticationFailedException invalid() {
    return new AuthenticationFailedException("The refresh token is invalid, expired or revoked.");
  }
}
