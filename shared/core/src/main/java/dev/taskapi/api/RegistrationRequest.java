package dev.taskapi.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.domain.User;
import java.util.regex.Pattern;

/** The body of {@code POST /auth/register}, validated. */
public record RegistrationRequest(String username, String email, String password) {
  public static final int MAX_USERNAME = 64;
  /**
   * ASVS 2.1.1: at least 12 characters for a new password (8 before; a password set then still logs in: login checks
   * no length). Characters are Unicode code points ({@link JsonFields#length}), as ASVS and JSON Schema's
   * {@code minLength} count them.
   */
  public static final int MIN_PASSWORD = 12;
  /** ASVS 2.1.2 allows at least 64; 128 bounds the Argon2id input and the strength estimate. */
  public static final int MAX_PASSWORD = 128;
  /** RFC 5321's limit on a forward path, the practical maximum of an address. */
  public static final int MAX_EMAIL = 254;

  /**
   * Deliberately plain: one @, a non-empty local part, a dotted domain, no whitespace. Full RFC 5322 parsing
   * accepts addresses no mail system delivers to; whether an address is real only a confirmation mail can tell.
   */
  private static final Pattern EMAIL =
      Pattern.compile("^[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}.]+(\\.[^@\\s\\p{Cntrl}.]+)+$");

  /**
   * Invisible or space characters inside an address (zero-width space, no-break space, bidi marks...): they would
   * make look-alike accounts that NFKC does not fold into the real one.
   */
  private static final Pattern FORMAT_OR_SPACE = Pattern.compile("[\\p{Cf}\\p{Z}]");

  public static RegistrationRequest parse(ObjectNode body) {
    JsonFields fields = new JsonFields(body);
    String username = fields.requiredString("username");
    String email = fields.requiredString("email");
    String password = fields.requiredString("password");
    fields.require(
        "username",
        username,
        u -> !u.isBlank() && JsonFields.length(u) <= MAX_USERNAME,
        "must be 1 to " + MAX_USERNAME + " characters and not blank");
    fields.require(
        "username", username, u -> !JsonFields.hasControlCharacters(u), "must not contain control characters");
    // Validated in the form that is its key (User.normalizeEmail), so what passes is what is unique.
    fields.require("email", email, e -> isValidEmail(e.strip()) && isValidEmail(User.normalizeEmail(e)),
        "must be a valid email address");
    checkPassword(fields, "password", password);
    fields.throwIfInvalid();
    // Kept as the user gave it (but for surrounding whitespace), for display; the key is the normalized form.
    return new RegistrationRequest(username, email.strip(), password);
  }

  private static boolean isValidEmail(String email) {
    return JsonFields.length(email) <= MAX_EMAIL
        && EMAIL.matcher(email).matches()
        && !FORMAT_OR_SPACE.matcher(email).find();
  }

  /** The password rule, shared with {@link NewPasswordBody}. */
  static void checkPassword(JsonFields fields, String name, String password) {
    fields.require(
        name,
        password,
        p -> JsonFields.length(p) >= MIN_PASSWORD && JsonFields.length(p) <= MAX_PASSWORD,
        "must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
  }

  @Override
  public String toString() {
    return "RegistrationRequest[username=" + username + "]"; // never the password or the address
  }
}
