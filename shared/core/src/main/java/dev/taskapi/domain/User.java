package dev.taskapi.domain;

import java.text.Normalizer;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A registered account. {@code passwordHash} is an encoded Argon2id string; it never leaves the data layer in a
 * response (the API's views are built from the other fields only). {@code tokenVersion} is written into every
 * token issued to the account; changing the password increments it, and the authorizer refuses tokens of any
 * other version.
 */
public record User(
    String id, String username, String email, String passwordHash, Instant createdAt, long tokenVersion) {
  public User {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** A new account, at token version 0 (also how accounts stored before token versions read). */
  public User(String id, String username, String email, String passwordHash, Instant createdAt) {
    this(id, username, email, passwordHash, createdAt, 0);
  }

  /**
   * The form in which emails are unique, the key of the account: without surrounding whitespace, Unicode NFKC
   * (so fullwidth, compatibility and decomposed spellings of one address are one address), then lower case under a
   * fixed locale, normalized again since lower-casing can decompose (U+0130). Registration validates this form,
   * so format and space characters, which NFKC keeps, never reach a key (see RegistrationRequest).
   *
   * <p>An ASCII address skips the normalizer: NFKC leaves ASCII as it is, and lower-casing keeps it ASCII, so the
   * result is the same, without loading the JDK's ICU normalizer and its data on a cold start (about 30 classes, in
   * the authorizer and in every function that takes an email).
   */
  public static String normalizeEmail(String email) {
    String stripped = email.strip();
    if (isAscii(stripped)) {
      return stripped.toLowerCase(Locale.ROOT);
    }
    String compatible = Normalizer.normalize(stripped, Normalizer.Form.NFKC);
    return Normalizer.normalize(compatible.toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    // Records print every component by default; keep the hash out of any log line.
    return "User[id=" + id + "]";
  }
}
