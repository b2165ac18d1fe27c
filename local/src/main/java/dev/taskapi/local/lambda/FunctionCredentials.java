package dev.taskapi.local.lambda;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The temporary credentials Lambda gives one function (its execution role's session): AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN. Random per stack start; the local IAM endpoints tell functions
 * apart by them. {@link #toString()} shows only the access key id, so the secret parts never reach a log.
 */
public record FunctionCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
  private static final SecureRandom RANDOM = new SecureRandom();
  // The alphabet of real access key ids (base32); ASIA marks temporary (STS) credentials.
  private static final char[] KEY_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  public static FunctionCredentials random() {
    StringBuilder keyId = new StringBuilder("ASIA");
    for (int i = 0; i < 16; i++) {
      keyId.append(KEY_ID_ALPHABET[RANDOM.nextInt(KEY_ID_ALPHABET.length)]);
    }
    return new FunctionCredentials(keyId.toString(), randomBase64(30), randomBase64(48));
  }

  private static String randomBase64(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  @Override
  public String toString() {
    return "FunctionCredentials[" + accessKeyId + "]";
  }
}
