package dev.taskapi.api;

import static dev.taskapi.testing.TestCrypto.CURSOR_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.domain.GoneException;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import dev.taskapi.domain.SyncToken;
import dev.taskapi.schema.ChangeItem;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyncTokenCodecTest {
  private static final String ALICE = "3f1c2b8e-3d4a-4e5f-9a0b-1c2d3e4f5a6b";
  private static final String BOB = "4f1c2b8e-3d4a-4e5f-9a0b-1c2d3e4f5a6b";
  private static final Instant NOW = Instant.parse("2026-12-07T02:00:00Z");
  private static final SyncToken CHANGES = SyncToken.changesAfter(NOW, 41);
  private static final SyncToken SNAPSHOT =
      new SyncToken(NOW, 7, Optional.of("TASK#019af3c1-7f4b-7c2d-9e8f-0a1b2c3d4e5f"));

  private final SyncTokenCodec codec = new SyncTokenCodec(CURSOR_KEY);

  private void assertMalformed(String token) {
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> codec.decode(ALICE, token, NOW), token);
    assertEquals(List.of("token"), e.fieldErrors().stream().map(FieldError::name).toList());
  }

  private void assertGone(String user, String token, Instant now) {
    GoneException e = assertThrows(GoneException.class, () -> codec.decode(user, token, now));
    assertEquals(GoneException.RESYNC, e.type());
  }

  @Test
  void roundTripsBothKindsOpaqueAndUrlSafe() {
    for (SyncToken token : List.of(CHANGES, SNAPSHOT, SyncToken.changesAfter(NOW, 0))) {
      String text = codec.encode(ALICE, token);
      assertTrue(Pattern.matches("[A-Za-z0-9_-]+", text), text);
      assertFalse(new String(Base64.getUrlDecoder().decode(text)).contains(ALICE), "names no user: " + text);
      assertEquals(token, codec.decode(ALICE, text, NOW));
    }
  }

  @Test
  void everyChangedByteIsMalformed() {
    String token = codec.encode(ALICE, SNAPSHOT);
    byte[] bytes = Base64.getUrlDecoder().decode(token);
    for (int i = 0; i < bytes.length; i++) {
      byte[] tampered = bytes.clone();
      tampered[i] ^= 1;
      assertMalformed(Base64.getUrlEncoder().withoutPadding().encodeToString(tampered));
    }
  }

  @Test
  void aTruncatedOrExtendedTokenIsMalformed() {
    String token = codec.encode(ALICE, CHANGES);
    assertMalformed(token.substring(0, token.length() - 1));
    assertMalformed(token + "A");
    assertMalformed(token.substring(4));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "x", "not a token", "====", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "é"})
  void garbageIsMalformed(String token) {
    assertMalformed(token);
  }

  @Test
  void aHugeTokenIsMalformedBeforeAnyDecoding() {
    assertMalformed("A".repeat(100_000));
  }

  @Test
  void aTokenOfAnotherCursorKeyIsMalformed() {
    byte[] other = CURSOR_KEY.clone();
    other[0] ^= 1;
    assertMalformed(new SyncTokenCodec(other).encode(ALICE, CHANGES));
  }

  @Test
  void anotherUsersTokenIsGone() {
    assertGone(BOB, codec.encode(ALICE, CHANGES), NOW);
    assertGone(BOB, codec.encode(ALICE, SNAPSHOT), NOW);
  }

  @Test
  void aTokenIsValidForItsLifetimeAndGoneAfter() {
    String token = codec.encode(ALICE, CHANGES);
    assertEquals(CHANGES, codec.decode(ALICE, token, NOW.plus(ChangeItem.TOKEN_LIFETIME)));
    assertGone(ALICE, token, NOW.plus(ChangeItem.TOKEN_LIFETIME).plusSeconds(1));
    assertTrue(ChangeItem.TOKEN_LIFETIME.plus(Duration.ofHours(1)).compareTo(ChangeItem.KEPT) < 0);
  }

  @Test
  void aCursorOfGetTasksIsNoSyncToken() {
    assertMalformed(new CursorCodec(CURSOR_KEY).encode(ALICE, "019af3c1-7f4b-7c2d-9e8f-0a1b2c3d4e5f"));
  }
}
