package dev.taskapi.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.taskapi.domain.AuthenticationFailedException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Issues and verifies the API's JWTs with nimbus-jose-jwt: HS256 with a key of at least 256 bits, claims
 * sub/iat/exp/iss/aud, and {@code email}, the account's key in the table, so that account endpoints can find the
 * caller's record.
 *
 * <p>Verification pins the algorithm: a token whose header names another, or none, fails before any key is used
 * (nimbus's {@code SignedJWT.parse} refuses {@code alg: none} outright, and the header's algorithm must be HS256).
 * A header with a {@code crit} parameter is refused, even an empty one: we issue none, and a recipient must refuse
 * critical extensions it does not understand (RFC 7515, section 4.1.11; nimbus's {@link MACVerifier} would refuse
 * any name it was not told to defer, but accepts {@code []}, which producers must not send). The MAC is compared in
 * constant time. {@code kid} is not read: there is one key. {@code typ}, when present, must be {@code JWT}, what we issue (RFC
 * 8725, section 3.11). Every claim is required and checked here against the injected clock, in whole seconds: {@code
 * iat} and {@code nbf} with a few seconds of leeway for clock skew, {@code exp} with none. nimbus's own claims
 * verifier is not used because its one clock-skew setting applies to {@code exp} and {@code nbf} alike.
 */
public final class TokenService {
  public static final Duration MAX_TTL = Duration.ofHours(24);
  /** Ours are about 250 characters; anything near API Gateway's header limit is not one of ours. */
  public static final int MAX_TOKEN_LENGTH = 2048;
  /**
   * Seconds by which {@code iat} and {@code nbf} may lie in the future: the claims are whole seconds, and the issuing
   * and verifying functions' clocks differ slightly, so a token used in the second it was issued could otherwise
   * fail. Never applied to {@code exp}: a token is refused from the second it expires.
   */
  public static final long CLOCK_SKEW_LEEWAY_SECONDS = 5;
  private static final int MIN_KEY_BYTES = 32;
  private static final String EMAIL_CLAIM = "email";
  private static final String VERSION_CLAIM = "ver";
  /**
   * The session (refresh-token family id) the token was issued to, so that ending that one session ends its
   * access tokens at the authorizer ({@code UserItem.ENDED_SESSIONS}). The claim name is OpenID Connect's for a
   * session id (OpenID Connect Front-Channel Logout 1.0, section 3).
   */
  private static final String SESSION_CLAIM = "sid";
  /** {@code {"alg":"HS256","typ":"JWT"}}, the same on every token. */
  private static final JWSHeader HEADER = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();

  private final MACSigner signer;
  private final MACVerifier verifier;
  private final String issuer;
  private final String audience;
  private final Duration ttl;
  private final Clock clock;

  public TokenService(byte[] key, String issuer, String audience, Duration ttl, Clock clock) {
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("the signing key must be at least 256 bits");
    }
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException("token lifetime must be between 1 second and 24 hours");
    }
    try {
      this.signer = new MACSigner(key);
      this.verifier = new MACVerifier(key);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("the signing key must be at least 256 bits", e); // checked above
    }
    this.issuer = issuer;
    this.audience = audience;
    this.ttl = ttl;
    this.clock = clock;
  }

  /**
   * What a valid token says: its subject, its email claim (absent from tokens issued before it existed), the
   * account's token version when it was issued (0 when absent), its session (absent from tokens issued before
   * sessions were named), and when it expires.
   */
  public record VerifiedToken(
      String userId, Optional<String> email, long tokenVersion, Optional<String> sessionId, Instant expiresAt) {}

  /** How long an issued token is valid (the sign-in body's {@code expires_in}). */
  public Duration ttl() {
    return ttl;
  }

  /** An access token of {@code sessionId} (its refresh-token family) for the account at {@code tokenVersion}. */
  public String issue(String userId, String email, long tokenVersion, String sessionId) {
    // Whole seconds, as the claims are (RFC 7519, section 2, NumericDate).
    Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject(userId)
            .claim(EMAIL_CLAIM, email)
            .claim(VERSION_CLAIM, tokenVersion)
            .claim(SESSION_CLAIM, sessionId)
            .issuer(issuer)
            .audience(audience)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .build();
    SignedJWT jwt = new SignedJWT(HEADER, claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("HS256 signing failed", e); // the JDK's HmacSHA256 is always present
    }
    return jwt.serialize();
  }

  /** The token's subject (user id) when the token is valid now; otherwise a 401 that does not say why. */
  public String verify(String token) {
    return verifyToken(token).userId();
  }

  /** The token's subject and email when the token is valid now; otherwise a 401 that does not say why. */
  public VerifiedToken verifyToken(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH || !isCompactSerialization(token)) {
      throw invalid();
    }
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      JWSHeader header = jwt.getHeader();
      if (!JWSAlgorithm.HS256.equals(header.getAlgorithm())
          || (header.getType() != null && !JOSEObjectType.JWT.equals(header.getType()))
          || header.getCriticalParams() != null
          || !jwt.verify(verifier)) {
        throw invalid();
      }
      return verified(jwt.getJWTClaimsSet());
    } catch (ParseException | JOSEException | IllegalStateException | IllegalArgumentException e) {
      // A token that does not parse, a claim of the wrong type: the same 401 as a bad signature.
      throw invalid();
    }
  }

  private VerifiedToken verified(JWTClaimsSet claims) throws ParseException {
    long now = clock.instant().getEpochSecond();
    String subject = claims.getSubject();
    List<String> audiences = claims.getAudience();
    Date issuedAt = claims.getIssueTime();
    Date notBefore = claims.getNotBeforeTime();
    Date expiresAt = claims.getExpirationTime();
    if (subject == null
        || subject.isEmpty()
        || !issuer.equals(claims.getIssuer())
        || !audiences.contains(audience)
        || issuedAt == null
        || seconds(issuedAt) > now + CLOCK_SKEW_LEEWAY_SECONDS
        || (notBefore != null && seconds(notBefore) > now + CLOCK_SKEW_LEEWAY_SECONDS)
        || expiresAt == null
        || now >= seconds(expiresAt)) {
      throw invalid();
    }
    String email = claims.getStringClaim(EMAIL_CLAIM);
    Long version = claims.getLongClaim(VERSION_CLAIM);
    String session = claims.getStringClaim(SESSION_CLAIM);
    return new VerifiedToken(
        subject,
        Optional.ofNullable(email).filter(e -> !e.isEmpty()),
        version == null ? 0 : version,
        Optional.ofNullable(session).filter(s -> !s.isEmpty()),
        Instant.ofEpochSecond(seconds(expiresAt)));
  }

  /**
   * Only the characters of JWS compact serialization, base64url and its two dots (RFC 7515, section 7.1): nimbus
   * trims surrounding white space and would read {@code "Bearer  <token>"} as the token, which API Gateway's own
   * parsing and the previous verifier refused.
   */
  private static boolean isCompactSerialization(String token) {
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
          || c == '_';
      if (!base64url && c != '.') {
        return false;
      }
    }
    return true;
  }

  /** A NumericDate claim as nimbus gives it (a {@link Date} of whole seconds) back in seconds. */
  private static long seconds(Date date) {
    return Math.floorDiv(date.getTime(), 1000);
  }

  private static AuthenticationFailedException invalid() {
    return new AuthenticationFailedException("The token is invalid or expired.");
  }
}
