package dev.taskapi.auth;

import static dev.taskapi.testing.TestCrypto.CLOCK;
import static dev.taskapi.testing.TestCrypto.NOW;
import static dev.taskapi.testing.TestTokens.AUDIENCE;
import static dev.taskapi.testing.TestTokens.ISSUER;
import static dev.taskapi.testing.TestTokens.JWT_KEY;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.taskapi.domain.AuthenticationFailedException;
import dev.taskapi.testing.TestCrypto;
import dev.taskapi.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenServiceTest {
  private static final String USER = "0b9c6a5e-3f1d-4c1e-9a57-6f0d2b8e4a11";
  private static final String EMAIL = "ada@example.com";
  private static final String SESSION = "k3Jx2vQn8sPbL0aWcYt5Rg";
  private static final Algorithm HS256 = Algorithm.HMAC256(JWT_KEY);

  private final TokenService tokens = TestTokens.tokenService();

  /** A token with every claim the service requires, valid at NOW; tests remove or change one thing. */
  private static JWTCreator.Builder validClaims() {
    return JWT.create()
        .withSubject(USER)
        .withIssuer(ISSUER)
        .withAudience(AUDIENCE)
        .withIssuedAt(NOW.minusSeconds(60))
        .withExpiresAt(NOW.plusSeconds(600));
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private void assertRejected(String token) {
    AuthenticationFailedException e =
        assertThrows(AuthenticationFailedException.class, () -> tokens.verify(token), String.valueOf(token));
    assertEquals("The token is invalid or expired.", e.detail(), "every failure looks the same to the caller");
  }

  @Test
  void issuedTokenVerifiesToItsSubject() {
    String token = tokens.issue(USER, EMAIL, 0, SESSION);
    assertEquals(USER, tokens.verify(token));
  }

  @Test
  void issuedTokenCarriesTheConfiguredClaimsAndAlgorithm() {
    DecodedJWT jwt = JWT.decode(tokens.issue(USER, EMAIL, 0, SESSION));
    assertEquals("HS256", jwt.getAlgorithm());
    assertEquals(USER, jwt.getSubject());
    assertEquals(ISSUER, jwt.getIssuer());
    assertEquals(java.util.List.of(AUDIENCE), jwt.getAudience());
    assertEquals(NOW.getEpochSecond(), jwt.getIssuedAtAsInstant().getEpochSecond());
    assertEquals(NOW.plus(TestTokens.TTL).getEpochSecond(), jwt.getExpiresAtAsInstant().getEpochSecond());
    assertTrue(tokens.issue(USER, EMAIL, 0, SESSION).length() < TokenService.MAX_TOKEN_LENGTH);
  }

  /**
   * What the service signs (with nimbus) is what an independent implementation (java-jwt) verifies with the same
   * key and reads back as the same claims, escapes and all.
   */
  @ParameterizedTest
  @ValueSource(strings = {EMAIL, "\"quoted\"\\back@example.com", "zoë.ß@exämple.com", "tab\t\u2028@example.com"})
  void issuedTokenIsWhatAnIndependentImplementationVerifiesToTheSameClaims(String email) {
    Instant now = Instant.parse("2026-12-01T10:15:30.987Z");
    TokenService atNow = TestTokens.tokenService(Clock.fixed(now, ZoneOffset.UTC));
    DecodedJWT jwt = ((JWTVerifier.BaseVerification) JWT.require(HS256).withIssuer(ISSUER).withAudience(AUDIENCE))
        .build(Clock.fixed(now, ZoneOffset.UTC))
        .verify(atNow.issue(USER, email, 7, SESSION));
    assertEquals("HS256", jwt.getAlgorithm());
    assertEquals("JWT", jwt.getType());
    assertEquals(USER, jwt.getSubject());
    assertEquals(email, jwt.getClaim("email").asString());
    assertEquals(7L, jwt.getClaim("ver").asLong());
    assertEquals(SESSION, jwt.getClaim("sid").asString());
    assertEquals(now.getEpochSecond(), jwt.getIssuedAtAsInstant().getEpochSecond());
    assertEquals(now.plus(TestTokens.TTL).getEpochSecond(), jwt.getExpiresAtAsInstant().getEpochSecond());
    assertEquals(java.util.Set.of("sub", "email", "ver", "sid", "iss", "aud", "iat", "exp"), jwt.getClaims().keySet());
  }

  @Test
  void issuedTokensVersionClaimIsTheAccountsTokenVersion() {
    TokenService.VerifiedToken verified = tokens.verifyToken(tokens.issue(USER, EMAIL, Long.MAX_VALUE, SESSION));
    assertEquals(Long.MAX_VALUE, verified.tokenVersion());
    assertEquals(java.util.Optional.of(EMAIL), verified.email());
  }

  @Test
  void issuedTokenNamesItsSession() {
    assertEquals(java.util.Optional.of(SESSION), tokens.verifyToken(tokens.issue(USER, EMAIL, 0, SESSION)).sessionId());
  }

  @Test
  void aTokenWithoutASessionClaimVerifiesWithoutOne() {
    assertEquals(java.util.Optional.empty(), tokens.verifyToken(validClaims().sign(HS256)).sessionId());
  }

  @Test
  void tokenBuiltIndependentlyWithTheSameKeyAndClaimsIsAccepted() {
    assertEquals(USER, tokens.verify(validClaims().sign(HS256)));
  }

  @Test
  void issuedTokenExpiresAfterTheTtl() {
    String token = tokens.issue(USER, EMAIL, 0, SESSION);
    Clock justBefore = Clock.fixed(NOW.plus(TestTokens.TTL).minusSeconds(1), ZoneOffset.UTC);
    Clock after = Clock.fixed(NOW.plus(TestTokens.TTL).plusSeconds(1), ZoneOffset.UTC);
    assertEquals(USER, TestTokens.tokenService(justBefore).verify(token));
    assertThrows(AuthenticationFailedException.class, () -> TestTokens.tokenService(after).verify(token));
  }

  @Test
  void expiredTokenIsRejected() {
    assertRejected(validClaims().withIssuedAt(NOW.minusSeconds(7200)).withExpiresAt(NOW.minusSeconds(1)).sign(HS256));
  }

  @Test
  void notYetValidTokenIsRejected() {
    assertRejected(validClaims().withNotBefore(NOW.plusSeconds(60)).sign(HS256));
    // ...and nbf in the past is fine.
    assertEquals(USER, tokens.verify(validClaims().withNotBefore(NOW.minusSeconds(60)).sign(HS256)));
  }

  @Test
  void iatAndNbfAFewSecondsAheadAreClockSkewButExpHasNoLeeway() {
    // The issuer's clock a few seconds ahead of the verifier's: the token is still good.
    assertEquals(USER, tokens.verify(validClaims().withIssuedAt(NOW.plusSeconds(4)).sign(HS256)));
    assertEquals(USER, tokens.verify(validClaims().withNotBefore(NOW.plusSeconds(5)).sign(HS256)));
    assertRejected(validClaims().withIssuedAt(NOW.plusSeconds(6)).sign(HS256));
    assertRejected(validClaims().withNotBefore(NOW.plusSeconds(6)).sign(HS256));
    // exp is exact: a token whose exp is this very second (NOW has 89 ms past it) or one second ago is refused.
    assertRejected(validClaims().withIssuedAt(NOW.minusSeconds(60)).withExpiresAt(NOW).sign(HS256));
    assertRejected(validClaims().withIssuedAt(NOW.minusSeconds(60)).withExpiresAt(NOW.minusSeconds(1)).sign(HS256));
  }

  @Test
  void tokenIssuedInTheFutureIsRejected() {
    assertRejected(validClaims().withIssuedAt(NOW.plusSeconds(60)).sign(HS256));
  }

  @Test
  void wrongIssuerIsRejected() {
    assertRejected(validClaims().withIssuer("someone-else").sign(HS256));
  }

  @Test
  void wrongAudienceIsRejected() {
    assertRejected(validClaims().withAudience("another-api").sign(HS256));
  }

  @Test
  void missingIssuerOrAudienceIsRejected() {
    assertRejected(JWT.create().withSubject(USER).withAudience(AUDIENCE).withIssuedAt(NOW).withExpiresAt(NOW.plusSeconds(60)).sign(HS256));
    assertRejected(JWT.create().withSubject(USER).withIssuer(ISSUER).withIssuedAt(NOW).withExpiresAt(NOW.plusSeconds(60)).sign(HS256));
  }

  @Test
  void missingSubjectIsRejected() {
    assertRejected(JWT.create().withIssuer(ISSUER).withAudience(AUDIENCE).withIssuedAt(NOW).withExpiresAt(NOW.plusSeconds(60)).sign(HS256));
  }

  @Test
  void emptySubjectIsRejected() {
    assertRejected(validClaims().withSubject("").sign(HS256));
  }

  @Test
  void missingExpiryIsRejected() {
    assertRejected(JWT.create().withSubject(USER).withIssuer(ISSUER).withAudience(AUDIENCE).withIssuedAt(NOW).sign(HS256));
  }

  @Test
  void missingIssuedAtIsRejected() {
    assertRejected(JWT.create().withSubject(USER).withIssuer(ISSUER).withAudience(AUDIENCE).withExpiresAt(NOW.plusSeconds(60)).sign(HS256));
  }

  @Test
  void tokenSignedWithAnotherKeyIsRejected() {
    byte[] other = Arrays.copyOf(JWT_KEY, JWT_KEY.length);
    other[0] ^= 1;
    assertRejected(validClaims().sign(Algorithm.HMAC256(other)));
  }

  @Test
  void unsignedAlgNoneTokenIsRejected() {
    String payload = b64("{\"sub\":\"" + USER + "\",\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"iat\":"
        + NOW.getEpochSecond() + ",\"exp\":" + NOW.plusSeconds(600).getEpochSecond() + "}");
    for (String alg : new String[] {"none", "None", "NONE", "nOnE"}) {
      assertRejected(b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "." + payload + ".");
    }
    assertRejected(JWT.create().withSubject(USER).withIssuer(ISSUER).withAudience(AUDIENCE).withIssuedAt(NOW)
        .withExpiresAt(NOW.plusSeconds(600)).sign(Algorithm.none()));
  }

  @Test
  void otherHmacAlgorithmsWithTheSameKeyAreRejected() {
    assertRejected(validClaims().sign(Algorithm.HMAC384(JWT_KEY)));
    assertRejected(validClaims().sign(Algorithm.HMAC512(JWT_KEY)));
  }

  @Test
  void rs256TokenIsRejected() throws NoSuchAlgorithmException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    String token = validClaims().sign(Algorithm.RSA256((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate()));
    assertRejected(token);
  }

  @Test
  void headerClaimingHs256OverAnotherSignatureIsRejected() {
    // Algorithm-confusion shape: the header says HS256, but the signature was made with HS512.
    String hs512 = validClaims().sign(Algorithm.HMAC512(JWT_KEY));
    String[] parts = hs512.split("\\.");
    assertRejected(b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + parts[1] + "." + parts[2]);
  }

  @Test
  void tamperedPayloadIsRejected() {
    String[] parts = tokens.issue(USER, EMAIL, 0, SESSION).split("\\.");
    String forged = b64("{\"sub\":\"someone-else\",\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"iat\":"
        + NOW.getEpochSecond() + ",\"exp\":" + NOW.plusSeconds(600).getEpochSecond() + "}");
    assertRejected(parts[0] + "." + forged + "." + parts[2]);
  }

  @Test
  void payloadWithExtendedExpiryIsRejected() {
    String[] parts = tokens.issue(USER, EMAIL, 0, SESSION).split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String extended = payload.replaceAll("\"exp\":\\d+", "\"exp\":" + NOW.plus(Duration.ofDays(365)).getEpochSecond());
    assertTrue(!extended.equals(payload), "the test must actually change the payload");
    assertRejected(parts[0] + "." + b64(extended) + "." + parts[2]);
  }

  @Test
  void tamperedHeaderIsRejected() {
    String[] parts = tokens.issue(USER, EMAIL, 0, SESSION).split("\\.");
    assertRejected(b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"other\"}") + "." + parts[1] + "." + parts[2]);
    // The same header with its members in the other order: equal as JSON, but not the bytes that were signed.
    String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
    String reordered = header.startsWith("{\"alg\"") ? "{\"typ\":\"JWT\",\"alg\":\"HS256\"}" : "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    assertTrue(!reordered.equals(header), header);
    assertRejected(b64(reordered) + "." + parts[1] + "." + parts[2]);
  }

  @Test
  void flippedSignatureCharacterIsRejected() {
    String token = tokens.issue(USER, EMAIL, 0, SESSION);
    int i = token.lastIndexOf('.') + 5;
    char flipped = token.charAt(i) == 'A' ? 'B' : 'A';
    assertRejected(token.substring(0, i) + flipped + token.substring(i + 1));
  }

  @Test
  void truncatedTokensAreRejected() {
    String token = tokens.issue(USER, EMAIL, 0, SESSION);
    assertRejected(token.substring(0, token.length() - 1));
    assertRejected(token.substring(0, token.length() - 10));
    assertRejected(token.substring(0, token.lastIndexOf('.') + 1)); // signature removed
    assertRejected(token.substring(0, token.lastIndexOf('.'))); // two segments
    assertRejected(token.substring(0, token.indexOf('.'))); // header only
    assertRejected(token.substring(0, token.length() / 2));
  }

  /** A valid token with white space around or inside it is not the token: nimbus alone would trim it. */
  @ParameterizedTest
  @ValueSource(strings = {" %s", "%s ", "\t%s", "%s\n", "\u00a0%s", "%s.", "=%s", "%s=="})
  void aValidTokenWithAnythingAroundItIsRejected(String shape) {
    String token = tokens.issue(USER, EMAIL, 0, SESSION);
    assertEquals(USER, tokens.verify(token));
    assertRejected(String.format(shape, token));
  }

  @Test
  void oversizedTokenIsRejectedEvenWhenCorrectlySigned() {
    String big = validClaims().withClaim("pad", "x".repeat(3000)).sign(HS256);
    assertTrue(big.length() > TokenService.MAX_TOKEN_LENGTH);
    assertRejected(big);
    // The same kind of token under the limit passes, so it is the length that is refused.
    String small = validClaims().withClaim("pad", "x".repeat(100)).sign(HS256);
    assertEquals(USER, tokens.verify(small));
  }

  @Test
  void nullAndEmptyAreRejected() {
    assertRejected(null);
    assertRejected("");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {" ", "garbage", "a.b.c", "..", "...", "a.b.c.d", "Bearer x.y.z", "eyJ.eyJ.sig", "%%%.%%%.%%%",
          "eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln", // payload "not json"
          "bm90IGpzb24.e30.c2ln", // header "not json"
          "W10.W10.c2ln", // header and payload "[]"
          "e30.e30.c2ln", // header {} (no alg)
          "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOiJzb29uIn0.c2ln" // exp: "soon"
      })
  void garbageIsRejected(String token) {
    assertRejected(token);
  }

  @Test
  void wrongTypesInRequiredClaimsAreRejected() {
    String payload = "{\"sub\":123,\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"iat\":\"yesterday\",\"exp\":\"tomorrow\"}";
    String unsigned = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64(payload);
    String signature = Base64.getUrlEncoder().withoutPadding().encodeToString(
        HS256.sign(unsigned.split("\\.")[0].getBytes(StandardCharsets.UTF_8), unsigned.split("\\.")[1].getBytes(StandardCharsets.UTF_8)));
    assertRejected(unsigned + "." + signature);
  }

  /** {@code header} and {@code payload} signed with the real key, as only someone holding it could. */
  private static String signedWithTheRealKey(String header, String payload) {
    byte[] signature = HS256.sign(b64(header).getBytes(StandardCharsets.US_ASCII),
        b64(payload).getBytes(StandardCharsets.US_ASCII));
    return b64(header) + "." + b64(payload) + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
  }

  private static String validPayload() {
    return "{\"sub\":\"" + USER + "\",\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"iat\":"
        + NOW.getEpochSecond() + ",\"exp\":" + NOW.plusSeconds(600).getEpochSecond() + "}";
  }

  @Test
  void theRealKeysSignatureOverAHandWrittenTokenIsAccepted() {
    // The control for the refusals below: only the header changes there.
    assertEquals(USER, tokens.verify(signedWithTheRealKey("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", validPayload())));
    assertEquals(USER, tokens.verify(signedWithTheRealKey("{\"alg\":\"HS256\"}", validPayload())));
  }

  /**
   * A critical header parameter the verifier does not understand must make it refuse the token (RFC 7515, section
   * 4.1.11), even one signed with the real key: here an unknown extension, and RFC 7797's unencoded payload.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"crit\":[\"x-policy\"],\"x-policy\":\"admin\"}",
      "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"crit\":[\"exp\"],\"exp\":1}",
      "{\"alg\":\"HS256\",\"b64\":false,\"crit\":[\"b64\"]}",
      "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"crit\":[]}"})
  void criticalHeaderParametersAreRefusedEvenUnderTheRealKey(String header) {
    assertRejected(signedWithTheRealKey(header, validPayload()));
  }

  /** We issue {@code typ: JWT}; a token typed as something else is not one of ours (RFC 8725, section 3.11). */
  @ParameterizedTest
  @ValueSource(strings = {"at+jwt", "JWE", "secevent+jwt", ""})
  void aTypeOtherThanJwtIsRefusedEvenUnderTheRealKey(String type) {
    assertRejected(signedWithTheRealKey("{\"alg\":\"HS256\",\"typ\":\"" + type + "\"}", validPayload()));
  }

  /**
   * Hostile JSON in a token's header (parsed before the signature is checked) or, under the real key, its payload:
   * each is the same 401 as any bad token, never an error the caller could tell apart or a crash of the verifier.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "{\"alg\":\"none\",\"alg\":\"HS256\"}", // duplicate member: which one would a verifier read?
      "{\"alg\":\"HS256\",\"alg\":\"none\"}",
      "{\"alg\":[\"HS256\"]}",
      "{\"alg\":null}",
      "{\"alg\":\"HS256\",\"typ\":{\"x\":1}}",
      "{\"alg\":\"HS256\",\"crit\":\"b64\"}",
      "{\"alg\":\"HS256\",\"kid\":123}",
      "{\"alg\":\"HS256\",\"jwk\":{\"kty\":\"oct\",\"k\":\"AAAA\"}}",
      "{\"alg\":\"HS256\",\"x\":1e999999999}",
      "{\"alg\":\"HS256\"", // truncated
      "{\"alg\":\"HS256\"} trailing"})
  void hostileHeadersAreRefused(String header) {
    assertRejected(signedWithTheRealKey(header, validPayload()));
  }

  @Test
  void deeplyNestedJsonIsRefusedNotACrash() {
    String nested = "[".repeat(900) + "]".repeat(900);
    assertRejected(b64("{\"alg\":\"HS256\",\"x\":" + nested + "}") + "." + b64(validPayload()) + ".c2ln");
    assertRejected(signedWithTheRealKey("{\"alg\":\"HS256\"}", validPayload().replace("}", ",\"x\":" + nested + "}")));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "\"exp\":99999999999999999999999", // beyond a long
      "\"exp\":1e300",
      "\"iat\":-1e300",
      "\"sub\":\"a\",\"sub\":\"b\"", // duplicate subject
      "\"aud\":[\"" + AUDIENCE + "\",1]",
      "\"ver\":\"7\"",
      "\"nbf\":\"now\""})
  void hostilePayloadsUnderTheRealKeyAreRefused(String member) {
    assertRejected(signedWithTheRealKey("{\"alg\":\"HS256\"}", validPayload().replace("}", "," + member + "}")));
  }

  @Test
  void constructorRejectsLongTtl() {
    assertDoesNotThrow(() -> new TokenService(JWT_KEY, ISSUER, AUDIENCE, Duration.ofHours(24), CLOCK));
    assertThrows(IllegalArgumentException.class, () -> new TokenService(JWT_KEY, ISSUER, AUDIENCE, Duration.ofHours(24).plusSeconds(1), CLOCK));
    assertThrows(IllegalArgumentException.class, () -> new TokenService(JWT_KEY, ISSUER, AUDIENCE, Duration.ofDays(30), CLOCK));
  }

  @Test
  void constructorRejectsZeroOrNegativeTtl() {
    assertThrows(IllegalArgumentException.class, () -> new TokenService(JWT_KEY, ISSUER, AUDIENCE, Duration.ZERO, CLOCK));
    assertThrows(IllegalArgumentException.class, () -> new TokenService(JWT_KEY, ISSUER, AUDIENCE, Duration.ofSeconds(-1), CLOCK));
  }

  @Test
  void constructorRejectsShortKey() {
    assertThrows(IllegalArgumentException.class, () -> new TokenService(new byte[31], ISSUER, AUDIENCE, Duration.ofHours(1), CLOCK));
    assertThrows(IllegalArgumentException.class, () -> new TokenService(new byte[0], ISSUER, AUDIENCE, Duration.ofHours(1), CLOCK));
    assertDoesNotThrow(() -> new TokenService(new byte[32], ISSUER, AUDIENCE, Duration.ofHours(1), CLOCK));
  }

  @Test
  void tokenFromAServiceWithAnotherIssuerConfigurationIsRejected() {
    TokenService staging = new TokenService(JWT_KEY, "task-api-staging", AUDIENCE, Duration.ofHours(1), CLOCK);
    assertThrows(AuthenticationFailedException.class, () -> tokens.verify(staging.issue(USER, EMAIL, 0, SESSION)));
  }

  @Test
  void tokenIsCheckedAgainstTheInjectedClockNotTheSystemClock() {
    // Valid in 2025 by the fixed clock; the system clock (later) would call it expired.
    Instant issued = NOW;
    String token = validClaims().withIssuedAt(issued).withExpiresAt(issued.plusSeconds(10)).sign(HS256);
    assertEquals(USER, tokens.verify(token));
  }
}
