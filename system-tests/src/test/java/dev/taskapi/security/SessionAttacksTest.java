package dev.taskapi.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.e2e.ApiClient;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Attacks on sessions over the local API (real gateway, authorizer, functions, IAM and dynalite): replayed refresh
 * tokens (RFC 9700 section 4.14.2 reuse detection), racing refreshes, forged tokens, another user's logout, expiry
 * and revocation. The authorizer cache is 0 s here, so "every access token stops working" shows at once.
 */
class SessionAttacksTest {
  /** Every refresh and access token this suite saw: none may appear in the stack's output. */
  private static final Set<String> SENSITIVE = Collections.synchronizedSet(new HashSet<>());

  private static SecurityStack stack;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    stack = SecurityStack.start(options -> options.withParameterOverrides(Map.of("AuthorizerCacheTtlSeconds", "0")));
    api = stack.client();
  }

  @AfterAll
  static void noTokenReachedTheLogs() {
    try {
      String logs = stack.capturedLogs();
      assertTrue(logs.contains("POST /auth/refresh"), "the capture saw the stack's access log");
      for (String token : SENSITIVE) {
        assertFalse(logs.contains(token), "a token was logged");
      }
    } finally {
      stack.close();
    }
  }

  /** A sign-in's refresh token (and its access token), remembered as sensitive. */
  private static Response signIn(Account account) {
    return remember(api.login(account.email(), account.password()));
  }

  private static Response remember(Response response) {
    if (response.status() == 200) {
      SENSITIVE.add(response.json().path("token").asText());
      SENSITIVE.add(response.json().path("refresh_token").asText());
    }
    return response;
  }

  private static Response refresh(String token) {
    return remember(api.refresh(token));
  }

  private static String refreshToken(Response signIn) {
    assertEquals(200, signIn.status(), signIn.text());
    return signIn.json().path("refresh_token").asText();
  }

  /** The family's item key, {@code pk|sk}: {@code SESSION#<user id>|FAMILY#<family id>}. */
  private static String[] familyKey(String refreshToken) {
    String[] parts = refreshToken.split("\\.");
    return new String[] {"SESSION#" + parts[0], "FAMILY#" + parts[1]};
  }

  private static boolean stored(String refreshToken) {
    String[] key = familyKey(refreshToken);
    return stack.table().contains(key[0], key[1]);
  }

  private static Response me(String accessToken) {
    return api.send("GET", "/auth/me", null, "Authorization", "Bearer " + accessToken);
  }

  private static void assertRefused(Response response) {
    assertEquals(401, response.status(), response.text());
    SecurityStack.assertProblemJson(response);
    assertEquals("The refresh token is invalid, expired or revoked.", response.json().path("detail").asText());
  }

  @Test
  void replayingAUsedRefreshTokenRevokesTheWholeFamilyIncludingTheNewestToken() {
    Account ada = api.newAccount();
    String first = refreshToken(signIn(ada));
    String second = refreshToken(refresh(first));
    String other = refreshToken(signIn(ada)); // another device: another family

    assertRefused(refresh(first)); // the attacker replays the stolen, used token

    assertRefused(refresh(second)); // and the legitimate client's newest token is revoked with it
    assertFalse(stored(first));
    assertEquals(200, refresh(other).status(), "other sign-ins are untouched");
  }

  @Test
  void ofConcurrentRefreshesWithOneTokenExactlyOneWinsAndTheFamilyIsThenRevoked() throws Exception {
    Account ada = api.newAccount();
    String token = refreshToken(signIn(ada));
    int racers = 8;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    List<Response> answers = new ArrayList<>();
    try {
      List<Future<Response>> futures = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        futures.add(pool.submit(() -> {
          go.await();
          return refresh(token);
        }));
      }
      go.countDown();
      for (Future<Response> future : futures) {
        answers.add(future.get());
      }
    } finally {
      pool.shutdownNow();
    }
    List<Response> won = answers.stream().filter(r -> r.status() == 200).toList();
    assertEquals(1, won.size(), () -> answers.stream().map(Response::status).toList().toString());
    answers.stream().filter(r -> r.status() != 200).forEach(SessionAttacksTest::assertRefused);
    // The losers presented a token that was used meanwhile: reuse, so the winner's token is revoked too.
    assertRefused(refresh(won.getFirst().json().path("refresh_token").asText()));
  }

  @Test
  void forgedAndMalformedRefreshTokensAreAll401WithOneBody() {
    Account ada = api.newAccount();
    Response signIn = signIn(ada);
    String real = refreshToken(signIn);
    String family = familyKey(real)[1];
    List<String> forged = List.of(
        "", "null", UUID.randomUUID().toString(), signIn.json().path("token").asText(),
        real.substring(0, real.length() - 1), real + "A", real.replace('.', '-'), real.toUpperCase(),
        UUID.randomUUID() + ".AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "x".repeat(512),
        "' OR '1'='1", "../../SESSION#" + family, real.substring(real.indexOf('.') + 1));
    for (String token : forged) {
      assertRefused(refresh(token));
    }
    Response tooLong = refresh("x".repeat(10_000));
    assertEquals(400, tooLong.status(), "longer than any token: a bad request, refused before any lookup");
    SecurityStack.assertProblemJson(tooLong);
    assertEquals(200, refresh(real).status(), "none of them touched the real family");
  }

  @Test
  void aGuessedSecretForAKnownFamilyRevokesIt() {
    String real = refreshToken(signIn(api.newAccount()));
    String guess = real.substring(0, real.lastIndexOf('.') + 1) + "B".repeat(43);
    assertRefused(refresh(guess));
    assertRefused(refresh(real));
  }

  @Test
  void logoutEndsThatSessionOnlyAndNobodyCanEndAnotherUsersSession() {
    Account ada = api.newAccount();
    Account mallory = api.newAccount();
    String phone = refreshToken(signIn(ada));
    String laptop = refreshToken(signIn(ada));

    Response byMallory = api.logout(mallory, Map.of("refresh_token", phone));
    assertEquals(200, byMallory.status(), "the same answer as for her own token");
    assertTrue(stored(phone), "but Ada's session is untouched");

    Response logout = api.logout(ada, Map.of("refresh_token", phone));
    assertEquals(200, logout.status(), logout.text());
    assertEquals("Logged out", logout.json().path("message").asText());
    assertRefused(refresh(phone));
    assertEquals(200, refresh(laptop).status());
  }

  @Test
  void logoutEverywhereStopsEveryAccessTokenAndEverySession() {
    Account ada = api.newAccount();
    Response phone = signIn(ada);
    Response laptop = signIn(ada);
    assertEquals(200, me(phone.json().path("token").asText()).status());

    Response logout = api.logout(ada, Map.of("all", true));

    assertEquals(200, logout.status(), logout.text());
    for (Response session : List.of(phone, laptop)) {
      assertEquals(401, me(session.json().path("token").asText()).status());
      assertRefused(refresh(refreshToken(session)));
    }
    assertEquals(401, me(ada.token()).status(), "the registration's token too");
    assertEquals(200, refresh(refreshToken(signIn(ada))).status(), "a new sign-in works");
  }

  @Test
  void aPasswordChangeRevokesEveryRefreshTokenAndAnswersANewSession() {
    Account ada = api.newAccount();
    String before = refreshToken(signIn(ada));
    Response changed = remember(api.post("/auth/password",
        Map.of("current_password", ada.password(), "new_password", "a brand new passphrase"),
        "Authorization", ada.bearer()));
    assertEquals(200, changed.status(), changed.text());

    assertRefused(refresh(before));
    assertEquals(200, refresh(refreshToken(changed)).status());
  }

  @Test
  void anExpiredSessionIsRefusedAndDeleted() {
    String token = refreshToken(signIn(api.newAccount()));
    // What 30 idle days (or 90 since the sign-in) make of the item: its end has passed.
    stack.table().setNumber(familyKey(token)[0], familyKey(token)[1], "expires_at", Instant.now().getEpochSecond() - 1);

    assertRefused(refresh(token));
    assertFalse(stored(token));
  }

  @Test
  void theStoredSessionHoldsOnlyTheTokensHash() {
    String token = refreshToken(signIn(api.newAccount()));
    String secret = token.substring(token.lastIndexOf('.') + 1);
    String item = stack.table().snapshot().get(String.join("|", familyKey(token))).toString();
    assertFalse(item.contains(secret), item);
    assertTrue(item.contains("token_hash"), item);
  }
}
