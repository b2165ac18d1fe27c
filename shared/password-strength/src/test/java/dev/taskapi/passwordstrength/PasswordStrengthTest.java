package dev.taskapi.passwordstrength;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.api.RegistrationRequest;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import dev.taskapi.testing.TestAccounts;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordStrengthTest {
  private static final PasswordStrength STRENGTH = new PasswordStrength();

  private static FieldError refusal(String password, String... userWords) {
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> STRENGTH.require("new_password", password, userWords), password);
    assertEquals(1, e.fieldErrors().size());
    return e.fieldErrors().getFirst();
  }

  /** Breached (on nbvcxz's leaked-password list) or built from patterns, each 12 characters or more. */
  @ParameterizedTest
  @ValueSource(strings = {"password1234", "Password123!", "qwertyuiop12", "iloveyou2024", "123456789012",
      "aaaaaaaaaaaa", "letmein12345", "p4ssw0rd1234", "summer2024!!", "correcthorsebatterystaple",
      "abcdefghijklmnop", "1qaz2wsx3edc"})
  void breachedAndGuessablePasswordsAreRefusedWithAReasonThatNeverEchoesThem(String password) {
    FieldError error = refusal(password);
    assertEquals("new_password", error.name());
    assertTrue(error.reason().startsWith("is too easy to guess"), error.reason());
    assertFalse(error.reason().toLowerCase().contains(password.toLowerCase()), error.reason());
  }

  @Test
  void aLeakedPasswordIsNamedAsCommon() {
    assertEquals("is too easy to guess. This is a top-10 common password. Add another word or two. Uncommon words"
        + " are better.", refusal("password1234").reason());
  }

  @ParameterizedTest
  @ValueSource(strings = {"correct horse battery", "a brand new passphrase", "kD8#pQ2!zR7m", "Tr0ub4dor&3xy",
      "pässwörd fünf \uD83D\uDE00", TestAccounts.PASSWORD, TestAccounts.NEW_PASSWORD})
  void passphrasesAndRandomPasswordsPass(String password) {
    STRENGTH.require("password", password, "ada", "ada@example.com");
  }

  @Test
  void theAccountsOwnUsernameAndAddressCostNothing() {
    // Strong enough from a stranger, but not from the account whose address it is.
    STRENGTH.require("password", "ada.lovelace@example.com");
    assertEquals("is too easy to guess: it contains your username or email address",
        refusal("ada.lovelace@example.com", "Ada", "Ada.Lovelace@example.com").reason());
    assertEquals("is too easy to guess: it contains your username or email address",
        refusal("zorglubian2024", "Zorglubian", "z@example.com").reason());
    // Words shorter than 4 characters are not the account's: "ada" alone would match by chance.
    STRENGTH.require("password", "tangerine ada orbit kettle", "ada", "ada@ex.io");
  }

  @Test
  void onlyTheFirst64CharactersAreEstimatedCountedInCodePoints() {
    // Weak first 64 characters, random rest: refused, the rest is never looked at.
    assertThrows(InvalidRequestException.class,
        () -> STRENGTH.require("password", "password".repeat(8) + "kD8#pQ2!zR7mXw4$"));
    // 64 emoji (128 UTF-16 units) then more: cut between code points, never inside a surrogate pair.
    String emoji = "\uD83D\uDE00";
    assertEquals(emoji.repeat(64), STRENGTH.estimate(emoji.repeat(64) + "tail").getPassword());
  }

  /** The worst inputs we know for nbvcxz's matching, at the 128-character maximum, are still answered. */
  @ParameterizedTest
  @ValueSource(strings = {"x", "password", "p@ssw0rd", "1qaz2wsx3edc", "abcdefghijklmnopqrstuvwxyz"})
  void pathologicalLongPasswordsAreEstimatedOnTheirFirst64Characters(String unit) {
    String password = unit.repeat(128 / unit.length() + 1).substring(0, 128);
    assertEquals(64, STRENGTH.estimate(password).getPassword().length());
  }

  @Test
  void theSharedTestPasswordsAreLongEnoughForEveryRule() {
    for (String password : List.of(TestAccounts.PASSWORD, TestAccounts.NEW_PASSWORD)) {
      assertTrue(password.codePointCount(0, password.length()) >= RegistrationRequest.MIN_PASSWORD, password);
    }
  }
}
