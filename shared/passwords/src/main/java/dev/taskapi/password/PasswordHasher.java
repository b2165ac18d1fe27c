package dev.taskapi.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing through BouncyCastle, stored in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}) so every hash carries the parameters it was made with and
 * can be verified after the defaults change.
 */
public final class PasswordHasher {
  /** OWASP Password Storage Cheat Sheet's first Argon2id configuration: 19 MiB, 2 iterations, 1 lane. */
  public static final Params OWASP = new Params(19 * 1024, 2, 1);

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  /** Argon2id cost parameters: memory in KiB, iterations, parallelism. */
  public record Params(int memoryKiB, int iterations, int parallelism) {
    public Params {
      if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
        throw new IllegalArgumentException("invalid Argon2 parameters");
      }
    }
  }

  private final Params params;
  private final SecureRandom random = new SecureRandom();
  /**
   * Verified against when an email is unknown, so that a login for a missing account costs the same as one
   * with a wrong password. Random bytes suffice: no password matches them, and no hashing is spent at init.
   */
  private final String dummyHash;

  public PasswordHasher(Params params) {
    this.params = params;
    this.dummyHash = encode(params, randomBytes(SALT_BYTES), randomBytes(HASH_BYTES));
  }

  public String hash(String password) {
    byte[] salt = randomBytes(SALT_BYTES);
    return encode(params, salt, derive(password, salt, params, HASH_BYTES));
  }

  /** True when {@code password} matches {@code encodedHash}; false for a mismatch or an unreadable hash. */
  public boolean verify(String password, String encodedHash) {
    String[] parts = encodedHash.split("\\$");
    // ["", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash]
    if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
      return false;
    }
    Params stored;
    byte[] salt;
    byte[] expected;
    try {
      stored = parseParams(parts[3]);
      salt = B64D.decode(parts[4]);
      expected = B64D.decode(parts[5]);
    } catch (IllegalArgumentException e) {
      return false;
    }
    byte[] actual;
    try {
      actual = derive(password, salt, stored, expected.length);
    } catch (IllegalStateException e) {
      return false; // BouncyCastle refuses parameters it cannot use (such as a hash shorter than 4 bytes)
    }
    return MessageDigest.isEqual(actual, expected);
  }

  /** Spends the time of one verification and fails; used when there is no account to verify against. */
  public boolean verifyAgainstDummy(String password) {
    verify(password, dummyHash);
    return false;
  }

  private static byte[] derive(String password, byte[] salt, Params p, int length) {
    Argon2Parameters parameters =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(p.memoryKiB())
            .withIterations(p.iterations())
            .withParallelism(p.parallelism())
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] out = new byte[length];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }

  private static String encode(Params p, byte[] salt, byte[] hash) {
    return "$argon2id$v=19$m=" + p.memoryKiB() + ",t=" + p.iterations() + ",p=" + p.parallelism()
        + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
  }

  private static Params parseParams(String text) {
    int m = -1;
    int t = -1;
    int p = -1;
    for (String pair : text.split(",")) {
      String[] kv = pair.split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("bad parameter " + pair);
      }
      int value = Integer.parseInt(kv[1]);
      switch (kv[0]) {
        case "m" -> m = value;
        case "t" -> t = value;
        case "p" -> p = value;
        default -> throw new IllegalArgumentException("unknown parameter " + kv[0]);
      }
    }
    return new Params(m, t, p);
  }

  private byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }
}
