package dev.taskapi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.taskapi.store.LoginStore;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LoginStore} does, the in-memory fake and the DynamoDB store alike: one window per email in any
 * letter case, holding at most the limit, kept to the second (DynamoDB keeps epoch seconds, the TTL's unit), replaced
 * once it has expired, and ended by a clear. Each test works on addresses of its own.
 */
public abstract class LoginStoreContract {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00.250Z");
  private static final Instant END = START.plusSeconds(900);
  private static final Instant END_SECOND = Instant.parse("2026-01-01T00:15:00Z");

  private final LoginStore logins;

  /** The store under test, the same for the whole of one test. */
  protected LoginStoreContract(LoginStore logins) {
    this.logins = logins;
  }

  @Test
  void aWindowHoldsTheLimitInAnyLetterCaseThenSaysUntilWhenItIsFull() {
    String email = email();

    for (int i = 0; i < 3; i++) {
      String spelling = i % 2 == 0 ? email : email.toUpperCase();
      assertEquals(Optional.empty(), logins.reserve(spelling, START.plusSeconds(i), 3, END.plusSeconds(i)));
    }

    assertEquals(Optional.of(END_SECOND), logins.reserve(email, START.plusSeconds(3), 3, END.plusSeconds(3)),
        "the end of the window opened first, to the second");
    assertEquals(Optional.of(END_SECOND), logins.reserve(email, END.minusSeconds(1), 3, END.plusSeconds(899)));
  }

  @Test
  void anExpiredWindowIsReplacedByANewOne() {
    String email = email();
    for (int i = 0; i < 3; i++) {
      logins.reserve(email, START, 3, END);
    }

    assertEquals(Optional.empty(), logins.reserve(email, END, 3, END.plusSeconds(900)), "expired at its end");
    assertEquals(Optional.empty(), logins.reserve(email, END.plusSeconds(1), 3, END.plusSeconds(901)));
    assertEquals(Optional.empty(), logins.reserve(email, END.plusSeconds(2), 3, END.plusSeconds(902)));
    assertEquals(Optional.of(END_SECOND.plusSeconds(900)),
        logins.reserve(email, END.plusSeconds(3), 3, END.plusSeconds(903)));
  }

  @Test
  void clearingEndsTheWindowOfThatEmailOnly() {
    String email = email();
    String other = email();
    for (int i = 0; i < 2; i++) {
      logins.reserve(email, START, 2, END);
      logins.reserve(other, START, 2, END);
    }

    logins.clear(email.toUpperCase());

    assertEquals(Optional.empty(), logins.reserve(email, START.plusSeconds(1), 2, END));
    assertEquals(Optional.of(END_SECOND), logins.reserve(other, START.plusSeconds(1), 2, END));
    logins.clear("never-" + UUID.randomUUID() + "@example.com"); // no window: nothing to end, no error
  }

  private static String email() {
    return "Login-" + UUID.randomUUID() + "@Example.com";
  }
}
