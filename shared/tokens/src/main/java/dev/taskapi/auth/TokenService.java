package dev.taskapi.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.RegisteredClaims;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.taskapi.api.JsonBody;
import dev.taskapi.domain.AuthenticationFailedException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Issues and verifies the API's JWTs: HS256 with a key of at least 256 bits, claims sub/iat/exp/iss/aud, and
 * {@code email}, the account's key in the table, so that account endpoints can find the caller's record.
 * Verification pins the algorithm (a token whose header names another, or none, fails), and requires every
 * claim; java-jwt checks the signature, exp, nbf and iat against the injected clock, with a few seconds of
 * leeway for clock skew on iat and nbf only.
 *
 * <p>Tokens are issued with java-jwt's {@link Algorithm#sign(byte[], byte[])}, over a header and payload written with
 * jackson-core's generator: {@code JWT.create()} writes the same JSON through an {@code ObjectMapper} of its own, which
 * costs a signing function about 320 Jackson databind and 100 JDK classes at its cold start (RefreshFunction: 441
 * Jackson classes, 118 without). The token is byte for byte the one {@code JWT.create()} signs with the same claims in
 * the same order (TokenServiceTest holds it to that); verification stays java-jwt's own.
 */
public final class TokenService {
  public static final Duration MAX_TTL = Duration.ofHours(24);
  /** Ours are about 250 characters; anything near API Gateway's header limit is not one of ours. */
  public static final int MAX_TOKEN_LENGTH = 2048;
  /**
   * Seconds by which {@code iat} and {@code nbf} may lie in the future: java-jwt truncates "now" to whole seconds,
   * and the issuing and verifying functions' clocks differ slightly, so a token used in the second it was issued
   * could otherwise fail. Never applied to {@code exp}: a token is refused from the second it expires.
   */
  public static final long CLOCK_SKEW_LEEWAY_SECONDS = 5;
  private static final int MIN_KEY_BYTES = 32;
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final String EMAIL_CLAIM = "email";
  private static final String VERSION_CLAIM = "ver";
  /**
   * The session (refresh-token family id) the token was issued to, so that ending that one session ends its
   * access tokens at the authorizer ({@code UserItem.ENDED_SESSIONS}). The claim name is OpenID Connect's for a
   * session id (OpenID Connect Front-Channel Logout 1.0, section 3).
   */
  private static final String SESSION_CLAIM = "sid";

  private final Algorithm algorithm;
  /** The encoded header {@code {"alg":"HS256","typ":"JWT"}}, the same on every token. */
  private final String encodedHeader;
  private final String issuer;
  private final String audience;
  private final Duration ttl;
  private final Clock clock;
  /**
   * Built on first use: only the authorizer verifies. The functions that sign in only issue tokens, and building a
   * verifier loads about 35 java-jwt classes (its verification checks, its own Jackson parser) they would never use.
   * A race builds it twice at worst; it is immutable, so either copy serves (Effective Java, item 83).
   */
  private volatile JWTVerifier verifier;

  public TokenService(byte[] key, String issuer, String audience, Duration ttl, Clock clock) {
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("the signing key must be at least 256 bits");
    }
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException("token lifetime must be between 1 second and 24 hours");
    }
    this.algorithm = Algorithm.HMAC256(key);
    this.encodedHeader = encode(json -> {
      json.writeStartObject();
      json.writeStringField("alg", algorithm.getName());
      json.writeStringField("typ", "JWT");
      json.writeEndObject();
    });
    this.issuer = issuer;
    this.audience = audience;
    this.ttl = ttl;
    this.clock = clock;
  }

  private JWTVerifier verifier() {
    JWTVerifier built = verifier;
    if (built == null) {
      built =
          ((JWTVerifier.BaseVerification)
                  JWT.require(algorithm)
                      .withIssuer(issuer)
                      .withAudience(audience)
                      .withClaimPresence("sub")
                      .withClaimPresence("iat")
                      .withClaimPresence("exp")
                      .acceptIssuedAt(CLOCK_SKEW_LEEWAY_SECONDS)
                      .acceptNotBefore(CLOCK_SKEW_LEEWAY_SECONDS)
                      .acceptExpiresAt(0))
              .build(clock);
      verifier = built;
    }
    return built;
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
    Instant now = clock.instant();
    String payload = encode(json -> {
      json.writeStartObject();
      json.writeStringField(RegisteredClaims.SUBJECT, userId);
      json.writeStringField(EMAIL_CLAIM, email);
      json.writeNumberField(VERSION_CLAIM, tokenVersion);
      json.writeStringField(SESSION_CLAIM, sessionId);
      json.writeStringField(RegisteredClaims.ISSUER, issuer);
      json.writeStringField(RegisteredClaims.AUDIENCE, audience);
      json.writeNumberField(RegisteredClaims.ISSUED_AT, now.getEpochSecond());
      json.writeNumberField(RegisteredClaims.EXPIRES_AT, now.plus(ttl).getEpochSecond());
      json.writeEndObject();
    });
    byte[] signature = algorithm.sign(encodedHeader.getBytes(StandardCharsets.US_ASCII),
        payload.getBytes(StandardCharsets.US_ASCII));
    return encodedHeader + '.' + payload + '.' + BASE64URL.encodeToString(signature);
  }

  /** A JSON object, encoded as a JWT part: base64url of its UTF-8, unpadded. */
  private static String encode(JsonBody object) {
    return BASE64URL.encodeToString(JsonBody.toJson(object).getBytes(StandardCharsets.UTF_8));
  }

  /** The token's subject (user id) when the token is valid now; otherwise a 401 that does not say why. */
  public String verify(String token) {
    return verifyToken(token).userId();
  }

  /** The token's subject and email when the token is valid now; otherwise a 401 that does not say why. */
  public VerifiedToken verifyToken(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      throw invalid();
    }
    DecodedJWT jwt;
    try {
      jwt = verifier().verify(token);
    } catch (JWTVerificationException | IllegalArgumentException e) {
      throw invalid();
    }
    String subject = jwt.getSubject();
    if (subject == null || subject.isEmpty()) {
      throw invalid();
    }
    String email = jwt.getClaim(EMAIL_CLAIM).asString();
    Long version = jwt.getClaim(VERSION_CLAIM).asLong();
    String session = jwt.getClaim(SESSION_CLAIM).asString();
    return new VerifiedToken(
        subject,
        Optional.ofNullable(email).filter(e -> !e.isEmpty()),
        version == null ? 0 : version,
        Optional.ofNullable(session).filter(s -> !s.isEmpty()),
        jwt.getExpiresAtAsInstant());
  }

  private static AuthenticationFailedException invalid() {
    return new AuthenticationFailedException("The token is invalid or expired.");
  }
}
