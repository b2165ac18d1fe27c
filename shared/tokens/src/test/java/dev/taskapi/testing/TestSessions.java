package dev.taskapi.testing;

import dev.taskapi.auth.SessionPolicy;
import dev.taskapi.auth.Sessions;
import dev.taskapi.store.SessionStore;
import dev.taskapi.store.UserStore;
import java.time.Clock;

/** {@link Sessions} with {@link TestTokens}' access tokens and the template's default lifetimes. */
public final class TestSessions {
  private TestSessions() {}

  public static Sessions sessions(UserStore users) {
    return sessions(users, new InMemorySessionStore(), TestCrypto.CLOCK);
  }

  public static Sessions sessions(UserStore users, SessionStore store, Clock clock) {
    return new Sessions(TestTokens.tokenService(clock), store, users, SessionPolicy.DEFAULT, clock);
  }
}
