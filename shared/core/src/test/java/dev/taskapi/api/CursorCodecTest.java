package dev.taskapi.api;

import static dev.taskapi.testing.TestCrypto.CURSOR_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorCodecTest {
  private static final String ALICE = "user-alice";
  private static final String BOB = "user-bob";
  private static final String TASK = "01956a3c-1b2d-7e4f-8a9b-0c1d2e3f4a5b";
  private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private final CursorCodec codec = new CursorCodec(CURSOR_KEY);

  private void assertRejected(String user, String cursor) {
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> codec.decode(user, cursor), String.valueOf(cursor));
    assertEquals(List.of("cursor"), e.fieldErrors().stream().map(FieldError::name).toList());
  }

  @Test
  void roundTrip() {
    String cursor = codec.encode(ALICE, TASK);
    assertEquals(43, cursor.length());
    assertTrue(Pattern.matches("[A-Za-z0-9_-]{43}", cursor), "URL-safe without padding: " + cursor);
    assertEquals(TASK, codec.decode(ALICE, cursor));
  }

  @Test
  void roundTripReturnsLowerCaseEvenForAnUpperCaseId() {
    assertEquals(TASK, codec.decode(ALICE, codec.encode(ALICE, TASK.toUpperCase())));
  }

  @Test
  void cursorIsDeterministicAndBoundToUserAndTask() {
    assertEquals(codec.encode(ALICE, TASK), codec.encode(ALICE, TASK));
    assertNotEquals(codec.encode(ALICE, TASK), codec.encode(BOB, TASK));
    assertNotEquals(codec.encode(ALICE, TASK), codec.encode(ALICE, "01956a3c-1b2d-7e4f-8a9b-0c1d2e3f4a5c"));
  }

  @Test
  void cursorOfAnotherUserIsRejected() {
    assertRejected(BOB, codec.encode(ALICE, TASK));
    // The user-id/task-id boundary is unambiguous: a user id that is a prefix of another does not collide.
    assertRejected("user-alic", codec.encode(ALICE, TASK));
    assertRejected("", codec.encode(ALICE, TASK));
  }

  @Test
  void everySingleCharacterChangeIsRejected() {
    String cursor = codec.encode(ALICE, TASK);
    for (int i = 0; i < cursor.length(); i++) {
      for (char c : BASE64URL.toCharArray()) {
        if (c == cursor.charAt(i)) {
          continue;
        }
        String edited = cursor.substring(0, i) + c + cursor.substring(i + 1);
        assertRejected(ALICE, edited);
      }
    }
  }

  @Test
  void wrongLengthIsRejected() {
    String cursor = codec.encode(ALICE, TASK);
    assertRejected(ALICE, cursor.substring(0, 42));
    assertRejected(ALICE, cursor + "A");
    assertRejected(ALICE, cursor + "=");
    assertRejected(ALICE, "");
    assertRejected(ALICE, null);
    assertRejected(ALICE, cursor.substring(0, 22)); // just the id, no MAC
  }

  @ParameterizedTest
  @ValueSource(strings = {"+", "/", "=", "!", " ", ".", "é"})
  void nonBase64UrlCharactersAreRejected(String bad) {
    String cursor = codec.encode(ALICE, TASK);
    assertRejected(ALICE, bad + cursor.substring(1));
    assertRejected(ALICE, cursor.substring(0, 20) + bad + cursor.substring(21));
  }

  @Test
  void standardBase64SpellingOfTheSameBytesIsRejected() {
    byte[] bytes = Base64.getUrlDecoder().decode(codec.encode(ALICE, TASK));
    assertRejected(ALICE, Base64.getEncoder().encodeToString(bytes)); // with padding: 44 chars
  }

  @Test
  void cursorMadeWithAnotherKeyIsRejected() {
    byte[] otherKey = Arrays.copyOf(CURSOR_KEY, CURSOR_KEY.length);
    otherKey[otherKey.length - 1] ^= 1;
    assertRejected(ALICE, new CursorCodec(otherKey).encode(ALICE, TASK));
  }

  @Test
  void forgedCursorWithoutTheKeyIsRejected() {
    assertRejected(ALICE, "A".repeat(43));
    byte[] idOnly = new byte[32];
    assertRejected(ALICE, Base64.getUrlEncoder().withoutPadding().encodeToString(idOnly));
  }

  @Test
  void shortKeyIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new CursorCodec(new byte[31]));
    new CursorCodec(new byte[32]);
  }

  @Test
  void encodingANonUuidIsAProgrammingError() {
    assertThrows(IllegalArgumentException.class, () -> codec.encode(ALICE, "not-a-uuid"));
  }

  @Test
  void aQueryCursorCarriesItsPositionAndContinuesOnlyItsUsersSameQuery() {
    String position = "02026-12-24T09:00:00#" + TASK;
    String query = "query-v1&label=4:work&sort=4:-due";
    String cursor = codec.encodePosition(ALICE, query, position);

    assertTrue(Pattern.matches("[A-Za-z0-9_-]+", cursor), cursor);
    assertEquals(position, codec.decodePosition(ALICE, query, cursor));
    for (String[] other : List.of(
        new String[] {BOB, query},
        new String[] {ALICE, "query-v1&label=4:home&sort=4:-due"},
        new String[] {ALICE, ""})) {
      InvalidRequestException e = assertThrows(
          InvalidRequestException.class, () -> codec.decodePosition(other[0], other[1], cursor), String.join(" ", other));
      assertEquals(List.of("cursor"), e.fieldErrors().stream().map(FieldError::name).toList());
    }
    // An id cursor of the seed's listing is no query cursor, and the other way round.
    assertThrows(InvalidRequestException.class, () -> codec.decodePosition(ALICE, "", codec.encode(ALICE, TASK)));
    assertThrows(InvalidRequestException.class, () -> codec.decode(ALICE, query, cursor));
  }

  @Test
  void anEditedTruncatedOrHugeQueryCursorIsRejected() {
    String query = "query-v1&sort=3:due";
    String cursor = codec.encodePosition(ALICE, query, "1#" + TASK);
    char first = cursor.charAt(0);
    for (String bad : List.of(
        (first == 'A' ? 'B' : 'A') + cursor.substring(1),
        cursor.substring(0, cursor.length() - 1),
        cursor.substring(0, 20),
        "",
        "A".repeat(2000),
        cursor + "=")) {
      assertThrows(InvalidRequestException.class, () -> codec.decodePosition(ALICE, query, bad), bad);
    }
  }
}
