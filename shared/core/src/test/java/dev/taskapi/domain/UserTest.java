package dev.taskapi.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "café@example.com", // composed é
        "cafe\u0301@example.com", // e + combining acute
        "CAFÉ@EXAMPLE.COM",
        "\uff43\uff41\uff46\u00e9@\uff45xample.com", // fullwidth letters
        "  café@example.com\t" // surrounding whitespace
      })
  void everySpellingOfAnAddressNormalizesToOneKey(String email) {
    assertEquals("caf\u00e9@example.com", User.normalizeEmail(email));
  }
}
