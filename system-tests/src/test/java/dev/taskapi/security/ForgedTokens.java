package dev.taskapi.security;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens an attacker would try, each named for the report: unsigned, signed with guessable keys or another
 * algorithm, signed with the real key but wrong in one claim, and valid ones edited after signing.
 */
final class ForgedTokens {
  private static final String ISSUER = "task-api";
  private static final String AUDIENCE = "task-api-clients";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private ForgedTokens() {}

  /**
   * Each name with the Authorization header value to send, for {@code userId} (a real user) where {@code
   * realKey} is the stack's signing key and {@code validToken} a token the API issued to that user.
   */
  static Map<String, String> all(byte[] realKey, String userId, String validToken) {
    Instant now = Instant.now();
    Map<String, String> tokens = new LinkedHashMap<>();
    String claims = claims(userId, now, now.plus(Duration.ofHours(1)), ISSUER, AUDIENCE);
    tokens.put("alg none", bearer(unsigned("{\"alg\":\"none\",\"typ\":\"JWT\"}", claims)));
    tokens.put("alg None with the real signature", bearer(swapHeader(validToken, "{\"alg\":\"None\",\"typ\":\"JWT\"}")));
    // HMAC pads keys with zeros to its block size, so a one-zero-byte key is the empty key (which JCE refuses).
    tokens.put("HS256 with an empty key", bearer(hs("HmacSHA256", "HS256", new byte[1], claims)));
    for (String common : new String[] {"secret", "password", "changeme", "your-256-bit-secret", "task-api", "key"}) {
      tokens.put("HS256 with the common key '" + common + "'", bearer(hs("HmacSHA256", "HS256",
          common.getBytes(StandardCharsets.UTF_8), claims)));
    }
    tokens.put("RS256 signed with an attacker's RSA key", bearer(rs256(userId, now)));
    tokens.put("HS512 with the real key (algorithm not pinned?)", bearer(hs("HmacSHA512", "HS512", realKey, claims)));
    tokens.put("HS384 with the real key", bearer(hs("HmacSHA384", "HS384", realKey, claims)));
    tokens.put("expired", bearer(real(realKey, userId, now.minus(Duration.ofHours(2)), now.minusSeconds(3600),
        ISSUER, AUDIENCE)));
    tokens.put("issued in the future", bearer(real(realKey, userId, now.plus(Duration.ofHours(1)),
        now.plus(Duration.ofHours(2)), ISSUER, AUDIENCE)));
    tokens.put("not yet valid (nbf)", bearer(JWT.create().withSubject(userId).withIssuer(ISSUER).withAudience(AUDIENCE)
        .withIssuedAt(now).withExpiresAt(now.plusSeconds(3600)).withNotBefore(now.plusSeconds(1800))
        .sign(Algorithm.HMAC256(realKey))));
    tokens.put("wrong issuer", bearer(real(realKey, userId, now, now.plusSeconds(3600), "evil", AUDIENCE)));
    tokens.put("wrong audience", bearer(real(realKey, userId, now, now.plusSeconds(3600), ISSUER, "evil")));
    tokens.put("no subject", bearer(JWT.create().withIssuer(ISSUER).withAudience(AUDIENCE).withIssuedAt(now)
        .withExpiresAt(now.plusSeconds(3600)).sign(Algorithm.HMAC256(realKey))));
    tokens.put("payload edited after signing", bearer(swapPayload(validToken,
        claims("00000000-0000-0000-0000-000000000000", now, now.plusSeconds(3600), ISSUER, AUDIENCE))));
    tokens.put("header edited after signing", bearer(swapHeader(validToken,
        "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"../../dev/null\"}")));
    tokens.put("signature truncated", bearer(validToken.substring(0, validToken.length() - 5)));
    tokens.put("signature removed", bearer(validToken.substring(0, validToken.lastIndexOf('.') + 1)));
    tokens.put("two segments", bearer(validToken.substring(0, validToken.lastIndexOf('.'))));
    tokens.put("oversized (8 KB)", bearer(B64.encodeToString(new byte[3000]) + "." + B64.encodeToString(new byte[3000])
        + "." + B64.encodeToString(new byte[32])));
    tokens.put("no Bearer scheme", validToken);
    tokens.put("lower-case scheme", "bearer " + validToken);
    tokens.put("Basic scheme", "Basic " + Base64.getEncoder().encodeToString("ada:password".getBytes()));
    tokens.put("two spaces", "Bearer  " + validToken);
    tokens.put("trailing garbage", "Bearer " + validToken + " x");
    tokens.put("empty", "");
    tokens.put("Bearer only", "Bearer ");
    return tokens;
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }

  /**
   * A token the API itself could have issued to the account ({@code email}, token version 0, a session that was
   * never ended), but with the given {@code iat} and {@code exp}: for clock-skew and expiry cases rather than
   * forgeries.
   */
  static String issuedAt(byte[] key, String userId, String email, Instant iat, Instant exp) {
    return JWT.create().withSubject(userId).withClaim("email", email).withClaim("ver", 0L)
        .withClaim("sid", "a-session-never-ended").withIssuer(ISSUER)
        .withAudience(AUDIENCE).withIssuedAt(iat).withExpiresAt(exp).sign(Algorithm.HMAC256(key));
  }

  private static String claims(String sub, Instant iat, Instant exp, String iss, String aud) {
    return "{\"sub\":\"" + sub + "\",\"iss\":\"" + iss + "\",\"aud\":\"" + aud + "\",\"iat\":" + iat.getEpochSecond()
        + ",\"exp\":" + exp.getEpochSecond() + "}";
  }

  private static String real(byte[] key, String sub, Instant iat, Instant exp, String iss, String aud) {
    return JWT.create().withSubject(sub).withIssuer(iss).withAudience(aud).withIssuedAt(iat).withExpiresAt(exp)
        .sign(Algorithm.HMAC256(key));
  }

  private static String unsigned(String header, String claims) {
    return encode(header) + "." + encode(claims) + ".";
  }

  private static String hs(String macAlgorithm, String alg, byte[] key, String claims) {
    String signingInput = encode("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "." + encode(claims);
    try {
      Mac mac = Mac.getInstance(macAlgorithm);
      mac.init(new SecretKeySpec(key, macAlgorithm));
      return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String rs256(String sub, Instant now) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      RSAPrivateKey key = (RSAPrivateKey) generator.generateKeyPair().getPrivate();
      return JWT.create().withSubject(sub).withIssuer(ISSUER).withAudience(AUDIENCE).withIssuedAt(now)
          .withExpiresAt(now.plusSeconds(3600)).sign(Algorithm.RSA256(null, key));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String swapHeader(String token, String header) {
    return encode(header) + token.substring(token.indexOf('.'));
  }

  private static String swapPayload(String token, String claims) {
    String[] parts = token.split("\\.");
    return parts[0] + "." + encode(claims) + "." + parts[2];
  }

  private static String encode(String json) {
    return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
