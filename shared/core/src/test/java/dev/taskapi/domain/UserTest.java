package dev.taskapi.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.text.Normalizer;
import java.util.Locale;
import org.junit.jupiter.api.Test;
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

  @Test
  void anAsciiAddressGetsTheKeyTheNormalizerWouldGiveIt() {
    // The ASCII fast path must agree with NFKC, lower case, NFKC for every ASCII character, anywhere in an address.
    for (char c = 0; c < 0x80; c++) {
      String email = " A" + c + "b@Example.COM" + c;
      String compatible = Normalizer.normalize(email.strip(), Normalizer.Form.NFKC);
      String expected = Normalizer.normalize(compatible.toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
      assertEquals(expected, User.normalizeEmail(email), "character " + (int) c);
    }
  }

  @Test
  void anAddressWithNonAsciiWhitespaceAroundItIsStillStrippedAndLowerCased() {
    assertEquals("bob@example.com", User.normalizeEmail("\u3000Bob@Example.com\u2003"));
  }
}
