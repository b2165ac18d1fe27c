package dev.taskapi.api;

import static dev.taskapi.api.Bodies.errorNames;
import static dev.taskapi.api.Bodies.errors;
import static dev.taskapi.api.Bodies.parse;
import static dev.taskapi.api.Bodies.quote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.taskapi.domain.InvalidRequestException.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistrationRequestTest {
  private static final String EMOJI = "\uD83D\uDE00"; // one code point, two UTF-16 units

  private static String body(String username, String email, String password) {
    return "{\"username\":" + quote(username) + ",\"email\":" + quote(email) + ",\"password\":" + quote(password) + "}";
  }

  private static String withUsername(String username) {
    return body(username, "ada@example.com", "correct horse battery");
  }

  private static String withEmail(String email) {
    return body("ada", email, "correct horse battery");
  }

  private static String withPassword(String password) {
    return body("ada", "ada@example.com", password);
  }

  @Test
  void validBodyIsParsedAsIs() {
    RegistrationRequest r = parse(RegistrationRequest::parse, withUsername("ada"));
    assertEquals(new RegistrationRequest("ada", "ada@example.com", "correct horse battery"), r);
  }

  @ParameterizedTest
  @ValueSource(strings = {"username", "email", "password"})
  void missingFieldIsRequired(String field) {
    String json = withUsername("ada").replace("\"" + field + "\":", "\"other_" + field + "\":");
    assertEquals(List.of(new FieldError(field, "is required")), errors(RegistrationRequest::parse, json));
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "42", "1.5", "true", "false", "[]", "[\"a\"]", "{}", "{\"a\":\"b\"}"})
  void nonStringValuesAreRejectedForEveryField(String value) {
    for (String field : List.of("username", "email", "password")) {
      String json = withUsername("ada").replaceFirst("\"" + field + "\":\"[^\"]*\"", "\"" + field + "\":" + value);
      assertEquals(
          List.of(new FieldError(field, "must be a string")), errors(RegistrationRequest::parse, json), json);
    }
  }

  @Test
  void emptyObjectReportsAllThreeFields() {
    assertEquals(List.of("username", "email", "password"), errorNames(RegistrationRequest::parse, "{}"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ada.example.com", // no @
        "ada@@example.com",
        "ada@host@example.com", // two @
        "ada lovelace@example.com",
        "ada@exa mple.com",
        "ada\u200b@example.com", // zero-width space (format character)
        "ada@exam\u00adple.com", // soft hyphen
        "ada\u00a0@example.com", // no-break space
        "ada@example\u3000.com", // ideographic space
        "ada\u2028@example.com", // line separator
        "ada@localhost", // no dot in the domain
        "ada@example.", // empty last label
        "ada@.example.com",
        "@example.com", // empty local part
        "",
        "ada@exa\tmple.com",
        "ada\u0000@example.com"
      })
  void invalidEmailsAreRejected(String email) {
    assertEquals(List.of(new FieldError("email", "must be a valid email address")), errors(RegistrationRequest::parse, withEmail(email)));
  }

  @Test
  void surroundingWhitespaceIsTrimmedAndTheAddressKeptAsGiven() {
    assertEquals("Ada@Example.com", parse(RegistrationRequest::parse, withEmail(" Ada@Example.com\t")).email());
    assertEquals("\uff21da@Example.com", parse(RegistrationRequest::parse, withEmail("\uff21da@Example.com")).email());
  }

  @Test
  void emailLongerThan254CharactersIsRejectedAnd254IsAccepted() {
    String local = "a".repeat(64);
    String domain254 = "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61); // 189 chars
    String email254 = local + "@" + domain254;
    assertEquals(254, email254.length());
    assertEquals(email254, parse(RegistrationRequest::parse, withEmail(email254)).email());

    String email255 = local + "@" + domain254 + "e";
    assertEquals(255, email255.length());
    assertEquals(List.of("email"), errorNames(RegistrationRequest::parse, withEmail(email255)));
  }

  @Test
  void localPartLongerThan64IsRejected() {
    assertEquals(List.of("email"), errorNames(RegistrationRequest::parse, withEmail("a".repeat(65) + "@example.com")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ada+tasks@example.com", "a.b@sub.example.co.uk", "Ada@Example.COM", "名前@例え.jp"})
  void plausibleEmailsAreAccepted(String email) {
    assertEquals(email, parse(RegistrationRequest::parse, withEmail(email)).email());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "   ", "\t", "\u3000"})
  void blankUsernameIsRejected(String username) {
    List<FieldError> errors = errors(RegistrationRequest::parse, withUsername(username));
    // "\t" also breaks the control-character rule; each broken rule is reported.
    assertEquals(new FieldError("username", "must be 1 to 64 characters and not blank"), errors.getFirst());
    assertEquals(List.of("username"), errors.stream().map(FieldError::name).distinct().toList());
  }

  @Test
  void usernameLengthCountsCodePoints() {
    assertEquals("a".repeat(64), parse(RegistrationRequest::parse, withUsername("a".repeat(64))).username());
    assertEquals(List.of("username"), errorNames(RegistrationRequest::parse, withUsername("a".repeat(65))));

    String emoji64 = EMOJI.repeat(64); // 128 UTF-16 units, 64 characters
    assertEquals(emoji64, parse(RegistrationRequest::parse, withUsername(emoji64)).username());
    assertEquals(List.of("username"), errorNames(RegistrationRequest::parse, withUsername(EMOJI.repeat(65))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ada\nlovelace", "ada\u0000", "\u0007ada", "ada\u007f", "ada\u0085"})
  void usernameWithControlCharactersIsRejected(String username) {
    assertEquals(
        List.of(new FieldError("username", "must not contain control characters")),
        errors(RegistrationRequest::parse, withUsername(username)));
  }

  @Test
  void passwordLengthBoundaries() {
    // ASVS 2.1.1: 12 characters at least (8 was enough before).
    assertEquals(List.of("password"), errorNames(RegistrationRequest::parse, withPassword("p".repeat(8))));
    assertEquals(List.of("password"), errorNames(RegistrationRequest::parse, withPassword("p".repeat(11))));
    assertEquals("p".repeat(12), parse(RegistrationRequest::parse, withPassword("p".repeat(12))).password());
    assertEquals("p".repeat(128), parse(RegistrationRequest::parse, withPassword("p".repeat(128))).password());
    assertEquals(List.of("password"), errorNames(RegistrationRequest::parse, withPassword("p".repeat(129))));
    assertEquals(List.of("password"), errorNames(RegistrationRequest::parse, withPassword("")));
  }

  @Test
  void passwordLengthCountsCodePoints() {
    // 11 emoji are 22 UTF-16 units but only 11 characters: too short. 12 emoji are enough.
    assertEquals(List.of("password"), errorNames(RegistrationRequest::parse, withPassword(EMOJI.repeat(11))));
    assertEquals(EMOJI.repeat(12), parse(RegistrationRequest::parse, withPassword(EMOJI.repeat(12))).password());
    assertEquals(EMOJI.repeat(128), parse(RegistrationRequest::parse, withPassword(EMOJI.repeat(128))).password());
  }

  @Test
  void passwordIsNotTrimmedAndSpacesCount() {
    assertEquals("  passphrase  ", parse(RegistrationRequest::parse, withPassword("  passphrase  ")).password());
  }

  @Test
  void unicodeIsPreservedExactly() {
    String username = "Zoë  Ωmega 名前 " + EMOJI + " e\u0301"; // includes a combining accent, not normalized
    String email = "zoë@exämple.com";
    String password = "pässwörd fünf " + EMOJI;
    RegistrationRequest r = parse(RegistrationRequest::parse, body(username, email, password));
    assertEquals(new RegistrationRequest(username, email, password), r);
  }

  @Test
  void escapedUnicodeInJsonIsDecoded() {
    RegistrationRequest r =
        parse(
            RegistrationRequest::parse,
            "{\"username\":\"\\u00e9\\ud83d\\ude00\",\"email\":\"a@b.co\",\"password\":\"123456789012\"}");
    assertEquals("é" + EMOJI, r.username());
  }

  @Test
  void allBrokenRulesAreReportedTogether() {
    List<FieldError> errors = errors(RegistrationRequest::parse, body(" ", "not-an-email", "short"));
    assertEquals(List.of("username", "email", "password"), errors.stream().map(FieldError::name).toList());
  }

  @Test
  void missingAndInvalidFieldsAreReportedTogether() {
    assertEquals(
        List.of(
            new FieldError("username", "must be a string"),
            new FieldError("email", "is required"),
            new FieldError("password", "must be 12 to 128 characters")),
        errors(RegistrationRequest::parse, "{\"username\":7,\"password\":\"x\"}"));
  }

  @Test
  void unknownFieldsAreIgnored() {
    RegistrationRequest r =
        parse(
            RegistrationRequest::parse,
            "{\"username\":\"ada\",\"email\":\"a@b.co\",\"password\":\"123456789012\",\"id\":\"x\",\"is_admin\":true}");
    assertEquals(new RegistrationRequest("ada", "a@b.co", "123456789012"), r);
  }

  @Test
  void toStringNeverShowsPasswordOrEmail() {
    String text = new RegistrationRequest("ada", "ada@example.com", "hunter22").toString();
    assertFalse(text.contains("hunter22"), text);
    assertFalse(text.contains("ada@example.com"), text);
  }
}
