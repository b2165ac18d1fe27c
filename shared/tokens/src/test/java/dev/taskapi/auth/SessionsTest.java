package dev.taskapi.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.api.AuthResponse;
import dev.taskapi.domain.AuthenticationFailedException;
import dev.taskapi.domain.Session;
import dev.taskapi.domain.User;
import dev.taskapi.testing.InMemorySessionStore;
import dev.taskapi.testing.InMemoryUserStore;
import dev.taskapi.testing.ManualClock;
import dev.taskapi.testing.TestCrypto;
import dev.taskapi.testing.TestSessions;
import dev.taskapi.testing.TestTokens;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionsTest {
  private final InMemoryUserStore users = new InMemoryUserStore();
  private final InMemorySessionStore store = new InMemorySessionStore(users);
  private final ManualClock clock = new ManualClock(TestCrypto.NOW);
  private final List<Session> reuseNotices = new java.util.ArrayList<>();
  private final Sessions sessions = new Sessions(
      TestTokens.tokenService(clock), store, users, SessionPolicy.DEFAULT, clock, reuseNotices::add);
  private User ada;

  @BeforeEach
  void register() {
    ada = new User("user-ada", "Ada", "ada@example.com", "$argon2id$hash", TestCrypto.NOW);
    users.create(ada);
  }

  private String refreshToken() {
    return sessions.start("Signed in", ada).refreshToken();
  }

  private void assertRefused(String token) {
    assertThrows(AuthenticationFailedException.class, () -> sessions.refresh(token));
  }

  @Test
  void aSignInAnswersAnAccessTokenItsLifetimeAndAnOpaqueRefreshTokenStoredOnlyAsItsHash() {
    AuthResponse signIn = sessions.start("Signed in", ada);

    assertEquals(ada.id(), TestTokens.tokenService(clock).verify(signIn.token()));
    assertEquals(TestTokens.TTL.toSeconds(), signIn.expiresIn());
    String secret = signIn.refreshToken().substring(signIn.refreshToken().lastIndexOf('.') + 1);
    assertTrue(signIn.refreshToken().startsWith(ada.id() + "."), "the account and family locate the item");
    assertEquals(32, Base64.getUrlDecoder().decode(secret).length, "256 random bits");
    Session stored = store.all().getFirst();
    assertEquals(OpaqueTokens.hash(signIn.refreshToken()), stored.tokenHash());
    assertFalse(stored.toString().contains(stored.tokenHash()));
    assertEquals(TestCrypto.NOW.plus(Duration.ofDays(30)), stored.expiresAt());
  }

  @Test
  void aRefreshRotatesTheTokenAndUsesUpThePresentedOne() {
    String first = refreshToken();
    AuthResponse refreshed = sessions.refresh(first);

    assertNotEquals(first, refreshed.refreshToken());
    assertEquals(ada.id(), TestTokens.tokenService(clock).verify(refreshed.token()));
    assertEquals(OpaqueTokens.hash(refreshed.refreshToken()), store.all().getFirst().tokenHash());
    assertEquals(sessions.refresh(refreshed.refreshToken()).user().id(), ada.id());
  }

  @Test
  void everyAccessTokenOfASessionNamesItsFamily() {
    AuthResponse signIn = sessions.start("Signed in", ada);
    String family = Sessions.family(signIn.refreshToken()).orElseThrow().familyId();
    TokenService verifier = TestTokens.tokenService(clock);

    assertEquals(java.util.Optional.of(family), verifier.verifyToken(signIn.token()).sessionId());
    AuthResponse refreshed = sessions.refresh(signIn.refreshToken());
    assertEquals(java.util.Optional.of(family), verifier.verifyToken(refreshed.token()).sessionId());
  }

  @Test
  void noSessionStartsForAnAccountBeingDeleted() {
    assertTrue(users.close(ada));
    assertTrue(sessions.open("Signed in", ada).isEmpty());
    assertTrue(store.all().isEmpty());
  }

  @Test
  void reuseEndsTheSessionsAccessTokensAndTellsTheAccountOnce() {
    String first = refreshToken();
    String family = Sessions.family(first).orElseThrow().familyId();
    sessions.refresh(first);

    assertRefused(first);
    assertRefused(first);

    assertEquals(java.util.Optional.of(TestCrypto.NOW.plus(TestTokens.TTL)), store.endedUntil(family));
    assertEquals(1, reuseNotices.size(), "the second replay finds nothing left to end");
    assertEquals(ada.id(), reuseNotices.getFirst().userId());
  }

  @Test
  void reusingAUsedTokenRevokesTheWholeFamilyIncludingTheNewestToken() {
    String first = refreshToken();
    String second = sessions.refresh(first).refreshToken();
    String other = refreshToken(); // another sign-in: another family

    assertRefused(first);

    assertRefused(second);
    assertEquals(1, store.all().size());
    sessions.refresh(other);
  }

  @Test
  void aForgedSecretInAFamilyIsReuseAndMalformedTokensAreRefusedAlike() {
    String token = refreshToken();
    assertRefused(token.substring(0, token.lastIndexOf('.') + 1) + OpaqueTokens.secret());
    assertRefused(token);
    for (String bad : new String[] {"", "x", token + "x", token.replace('.', '_'), "a.b", null}) {
      assertRefused(bad);
    }
  }

  @Test
  void aFamilyEndsThirtyDaysAfterItsLastUseAndNinetyDaysAfterItsSignIn() {
    String idle = refreshToken();
    clock.advance(Duration.ofDays(30));
    assertRefused(idle);
    assertTrue(store.all().isEmpty(), "an expired family is deleted");

    String token = refreshToken();
    for (int rotation = 0; rotation < 3; rotation++) { // days 29, 58 and 87
      clock.advance(Duration.ofDays(29));
      token = sessions.refresh(token).refreshToken();
    }
    clock.advance(Duration.ofDays(3)); // 90 days after the sign-in, 3 after the last use
    assertRefused(token);
  }

  @Test
  void aChangedTokenVersionOrADeletedAccountRevokesTheFamily() {
    String token = refreshToken();
    assertTrue(users.revokeTokens(ada.email(), ada.id()));
    assertRefused(token);
    assertTrue(store.all().isEmpty());

    User current = users.findByEmail(ada.email()).orElseThrow();
    String again = sessions.start("Signed in", current).refreshToken();
    users.delete(current);
    assertRefused(again);
  }

  @Test
  void familyIdIsReadOnlyFromWellFormedTokens() {
    String token = refreshToken();
    Session stored = store.all().getFirst();
    assertEquals(new Sessions.Family(stored.userId(), stored.familyId()), Sessions.family(token).orElseThrow());
    assertTrue(Sessions.family("not.a-token").isEmpty());
    assertTrue(Sessions.family(token + "A").isEmpty());
    assertTrue(Sessions.family(null).isEmpty());
  }
}
