package dev.taskapi.local.secrets;

import dev.taskapi.local.template.SecretDef;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** Secrets Manager's GenerateSecretString: random characters from the allowed classes, each class used. */
final class PasswordGenerator {
  private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  private static final String DIGITS = "0123456789";
  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  private final SecureRandom random = new SecureRandom();

  String generate(SecretDef definition) {
    List<String> classes = new ArrayList<>();
    for (String characterClass : definition.excludePunctuation()
        ? List.of(UPPER, LOWER, DIGITS) : List.of(UPPER, LOWER, DIGITS, PUNCTUATION)) {
      String allowed = without(characterClass, definition.excludeCharacters());
      if (!allowed.isEmpty()) {
        classes.add(allowed);
      }
    }
    String alphabet = String.join("", classes);
    if (alphabet.isEmpty()) {
      throw new IllegalArgumentException(definition.logicalId() + ": ExcludeCharacters leaves no characters");
    }
    // RequireEachIncludedType (on by default): draw again until every class appears.
    boolean requireEach = definition.passwordLength() >= classes.size();
    while (true) {
      StringBuilder password = new StringBuilder(definition.passwordLength());
      for (int i = 0; i < definition.passwordLength(); i++) {
        password.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      if (!requireEach || classes.stream().allMatch(c -> containsAny(password, c))) {
        return password.toString();
      }
    }
  }

  private static String without(String characters, String excluded) {
    StringBuilder kept = new StringBuilder();
    characters.chars().filter(c -> excluded.indexOf(c) < 0).forEach(c -> kept.append((char) c));
    return kept.toString();
  }

  private static boolean containsAny(CharSequence text, String characters) {
    return text.chars().anyMatch(c -> characters.indexOf(c) >= 0);
  }
}
