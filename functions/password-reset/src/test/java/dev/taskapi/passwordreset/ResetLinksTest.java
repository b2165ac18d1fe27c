package dev.taskapi.passwordreset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.taskapi.config.Environment;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResetLinksTest {
  @Test
  void theTokenTravelsInTheFragmentNeverTheQuery() {
    assertEquals("https://app.example.com/reset-password#token=abc",
        ResetLinks.of("https://app.example.com/reset-password").link("abc"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://app.example.com/reset-password", "https://app.example.com",
      "https://app.example.com:8443/a/b", "http://localhost:3000/reset-password", "http://127.0.0.1:3000/r",
      "http://[::1]:3000/r"})
  void httpsPagesAndTheLocalStacksLoopbackPageAreAllowed(String page) {
    ResetLinks.fromEnvironment(new Environment(Map.of("PASSWORD_RESET_URL", page)));
  }

  /** The function refuses to start with these: its init (the no-argument constructor) builds its ResetLinks first. */
  @ParameterizedTest
  @ValueSource(strings = {"http://app.example.com/reset-password", "http://localhost.example.com/r",
      "http://127.0.0.1.example.com/r", "http://localhost@app.example.com/r", "https://user@app.example.com/r",
      "https://app.example.com/r?x=1", "https://app.example.com/r#frag", "ftp://app.example.com/r", "/reset-password",
      "https:///reset-password", "not a url"})
  void plainHttpElsewhereAndPagesThatWouldMangleTheLinkAreRefused(String page) {
    assertThrows(IllegalArgumentException.class,
        () -> ResetLinks.fromEnvironment(new Environment(Map.of("PASSWORD_RESET_URL", page))));
  }
}
