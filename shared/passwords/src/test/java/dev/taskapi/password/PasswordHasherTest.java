package dev.taskapi.password;

import static dev.taskapi.testing.TestPasswords.FAST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.testing.TestPasswords;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {
  private static final String PASSWORD = "correct horse battery staple";
  private static final String B64 = "[A-Za-z0-9+/]";

  private final PasswordHasher hasher = new PasswordHasher(FAST);

  @Test
  void owaspHashHasThePhcFormatAndVerifies() {
    PasswordHasher owasp = new PasswordHasher(PasswordHasher.OWASP);
    String hash = owasp.hash(PASSWORD);
    // 16-byte salt (22 chars) and 32-byte hash (43 chars), unpadded standard base64.
    assertTrue(
        Pattern.matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$" + B64 + "{22}\\$" + B64 + "{43}", hash), hash);
    assertTrue(owasp.verify(PASSWORD, hash));
  }

  @Test
  void roundTrip() {
    String hash = hasher.hash(PASSWORD);
    assertTrue(hash.startsWith("$argon2id$v=19$m=64,t=1,p=1$"), hash);
    assertTrue(hasher.verify(PASSWORD, hash));
  }

  @Test
  void wrongPasswordDoesNotVerify() {
    String hash = hasher.hash(PASSWORD);
    assertFalse(hasher.verify("correct horse battery stapl", hash));
    assertFalse(hasher.verify("Correct horse battery staple", hash));
    assertFalse(hasher.verify(PASSWORD + " ", hash));
    assertFalse(hasher.verify("", hash));
  }

  @Test
  void unicodePasswordsAreHashedAsUtf8() {
    String password = "pässwörd \uD83D\uDE00 名前";
    String hash = hasher.hash(password);
    assertTrue(hasher.verify(password, hash));
    // NFC vs NFD: different code points, so a different password.
    assertFalse(hasher.verify("pa\u0308sswo\u0308rd \uD83D\uDE00 名前", hash));
  }

  @Test
  void sameKindOfPasswordHashesDifferentlyEachTime() {
    String first = hasher.hash(PASSWORD);
    String second = hasher.hash(PASSWORD);
    assertNotEquals(first, second);
    assertNotEquals(first.split("\\$")[4], second.split("\\$")[4], "salt");
    assertNotEquals(first.split("\\$")[5], second.split("\\$")[5], "hash");
    assertTrue(hasher.verify(PASSWORD, first));
    assertTrue(hasher.verify(PASSWORD, second));
  }

  @Test
  void hashMadeWithOtherParametersStillVerifies() {
    PasswordHasher old = new PasswordHasher(new PasswordHasher.Params(32, 2, 2));
    String oldHash = old.hash(PASSWORD);
    assertTrue(oldHash.startsWith("$argon2id$v=19$m=32,t=2,p=2$"), oldHash);
    assertTrue(hasher.verify(PASSWORD, oldHash), "parameters are read from the stored string");
    assertFalse(hasher.verify("wrong", oldHash));
  }

  @Test
  void parametersInTheStringAreActuallyUsed() {
    String hash = hasher.hash(PASSWORD);
    // Same salt and hash, other cost parameters: a different derivation, so no match.
    assertFalse(hasher.verify(PASSWORD, hash.replace("m=64,", "m=72,")));
    assertFalse(hasher.verify(PASSWORD, hash.replace("t=1,", "t=2,")));
    assertFalse(hasher.verify(PASSWORD, hash.replace("p=1$", "p=2$")));
  }

  @Test
  void tamperedSaltOrHashDoesNotVerify() {
    String hash = hasher.hash(PASSWORD);
    String[] parts = hash.split("\\$");
    String salt = parts[4];
    String flippedSalt = (salt.charAt(0) == 'A' ? 'B' : 'A') + salt.substring(1);
    assertFalse(hasher.verify(PASSWORD, hash.replace("$" + salt + "$", "$" + flippedSalt + "$")));
    String digest = parts[5];
    String flippedDigest = (digest.charAt(0) == 'A' ? 'B' : 'A') + digest.substring(1);
    assertFalse(hasher.verify(PASSWORD, hash.replace("$" + digest, "$" + flippedDigest)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "$",
        "plaintext-password",
        "$argon2id$",
        "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA",
        "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g$extra",
        "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$argon2d$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$argon2id$v=16$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$argon2id$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$argon2id$v=19$m=64,t=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$argon2id$v=19$m=x,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$argon2id$v=19$m=64,t=1,p=1,q=2$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$argon2id$v=19$m=64;t=1;p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$argon2id$v=19$m64,t1,p1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$argon2id$v=19$m=64,t=0,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$argon2id$v=19$m=64,t=1,p=0$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$argon2id$v=19$m=4,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$argon2id$v=19$m=-64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$argon2id$v=19$m=99999999999,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$argon2id$v=19$m=64,t=1,p=1$!!!not-base64!!!$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$!!!not-base64!!!",
        "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=$",
        "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$AAA", // a 2-byte "hash"
        "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$", // no hash
        "$argon2id$v=19$m=64,t=1,p=1$$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", // no salt
        "$argon2id$v=19$m=64,t=1,p=1$AA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", // 1-byte salt
        "argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "$2b$12$abcdefghijklmnopqrstuu5Eo1Kj9VR5lXqOuyJ6I9Q2j3lEs1Zeq" // bcrypt
      })
  void malformedHashesAreFalseNotExceptions(String encoded) {
    assertFalse(hasher.verify(PASSWORD, encoded), encoded);
  }

  @Test
  void dummyVerificationAlwaysFails() {
    assertFalse(hasher.verifyAgainstDummy(PASSWORD));
    assertFalse(hasher.verifyAgainstDummy(""));
    assertFalse(hasher.verifyAgainstDummy("\uD83D\uDE00".repeat(200)));
  }

  @Test
  void paramsRejectImpossibleCosts() {
    assertThrows(IllegalArgumentException.class, () -> new PasswordHasher.Params(64, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new PasswordHasher.Params(64, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new PasswordHasher.Params(15, 1, 2)); // < 8 KiB per lane
    assertEquals(19 * 1024, PasswordHasher.OWASP.memoryKiB());
    assertEquals(2, PasswordHasher.OWASP.iterations());
    assertEquals(1, PasswordHasher.OWASP.parallelism());
  }
}
