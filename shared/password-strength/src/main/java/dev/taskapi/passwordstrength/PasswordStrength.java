package dev.taskapi.passwordstrength;

import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import dev.taskapi.snapstart.Priming;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.matching.match.DictionaryMatch;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;
import me.gosimple.nbvcxz.resources.Feedback;
import me.gosimple.nbvcxz.scoring.Result;
import org.crac.Resource;

/**
 * ASVS 2.1.7: refuses a new password that is breached or guessable, offline, with nbvcxz's estimate (zxcvbn's
 * model: its bundled lists of leaked passwords, names and English words, keyboard patterns, sequences, repeats,
 * dates and leet spellings, each costed by its rank). A password whose cheapest decomposition costs fewer than
 * {@link #MIN_ENTROPY_BITS} is refused; a password on the leaked list is at most log2 of its rank, about 17 bits.
 * The caller's own username and email address count as free words (an exclusion dictionary).
 *
 * <p>The dictionaries (about 23 MB of heap) load when this is constructed, at function init, and one estimate
 * runs before a SnapStart snapshot, so a restored function has both. docs/benchmarks.md has the figures.
 */
public final class PasswordStrength implements Resource {
  /**
   * nbvcxz's own default, kept deliberately: 2^35 guesses are about 60 days of nbvcxz's reference $20,000 rig
   * against Argon2id, and far beyond the 10 guesses per 15 minutes the API lets anyone make online.
   */
  static final double MIN_ENTROPY_BITS = 35;

  /**
   * Only the first 64 characters (code points) are estimated: the matching is quadratic in the length, and a
   * password whose first 64 characters are strong is strong. Bounds the estimate to tens of milliseconds
   * (PasswordStrengthTest: the worst inputs we know at 128 characters).
   */
  static final int ESTIMATED_CHARACTERS = 64;

  /** Shorter parts of a username or address would match by chance (nbvcxz leaves out 1-letter words too). */
  private static final int MIN_USER_WORD = 4;

  private static final String USER_WORDS = "user_words";

  /** Warmed before the snapshot: a typical passphrase, run through every matcher. */
  private static final String PRIMING_PASSWORD = "priming passphrase 2024";

  private final List<Dictionary> dictionaries;

  /** Loads nbvcxz's dictionaries and registers the priming estimate. */
  public PasswordStrength() {
    // A copy: nbvcxz hands out its one static list, which a caller's add would change for every other.
    this.dictionaries = List.copyOf(ConfigurationBuilder.getDefaultDictionaries());
    Priming.register(this);
  }

  /**
   * Refuses {@code password}, the value of request field {@code field}, with a 400 naming that field and what
   * makes it guessable (never the password), unless it is strong enough.
   *
   * @param userWords the account's own words (username, email address), which cost an attacker nothing
   */
  public void require(String field, String password, String... userWords) {
    Result result = estimate(password, userWords);
    if (!result.isMinimumEntropyMet()) {
      throw new InvalidRequestException(
          "The password is too easy to guess; choose another.", List.of(new FieldError(field, reason(result))));
    }
  }

  Result estimate(String password, String... userWords) {
    String estimated = password.codePointCount(0, password.length()) > ESTIMATED_CHARACTERS
        ? password.substring(0, password.offsetByCodePoints(0, ESTIMATED_CHARACTERS))
        : password;
    List<Dictionary> withUser = new ArrayList<>(dictionaries);
    List<String> words = userWords(userWords);
    if (!words.isEmpty()) {
      withUser.add(new DictionaryBuilder().setDictionaryName(USER_WORDS).setExclusion(true)
          .addWords(words, 0).createDictionary());
    }
    return new Nbvcxz(new ConfigurationBuilder()
        .setDictionaries(withUser)
        .setMinimumEntropy(MIN_ENTROPY_BITS)
        // Whole code points were cut above; this only keeps nbvcxz from cutting again (in UTF-16 units).
        .setMaxLength(estimated.length() + 1)
        // Edit-distance matching costs ten times as much and misspellings are not what attackers try first.
        .setDistanceCalc(false)
        // 0: always the bounded algorithm, never the exhaustive one that stops after a wall-clock time, so the
        // answer for a password does not depend on how busy the machine is.
        .setCombinationAlgorithmTimeout(0L)
        .setLocale(Locale.ENGLISH)
        .createConfiguration()).estimate(estimated);
  }

  /** The username, the address, and the address's local part and domain, lower case (nbvcxz's keys are). */
  private static List<String> userWords(String... given) {
    return Stream.of(given)
        .flatMap(word -> word.contains("@")
            ? Stream.of(word, word.substring(0, word.lastIndexOf('@')), word.substring(word.lastIndexOf('@') + 1))
            : Stream.of(word))
        .map(word -> word.strip().toLowerCase(Locale.ROOT))
        .filter(word -> word.codePointCount(0, word.length()) >= MIN_USER_WORD)
        .distinct()
        .toList();
  }

  private static String reason(Result result) {
    boolean ownWords = result.getMatches().stream()
        .anyMatch(m -> m instanceof DictionaryMatch d && USER_WORDS.equals(d.getDictionaryName()));
    if (ownWords) {
      return "is too easy to guess: it contains your username or email address";
    }
    Feedback feedback = result.getFeedback();
    List<String> hints = new ArrayList<>();
    if (feedback.getWarning() != null) {
      hints.add(feedback.getWarning());
    }
    hints.addAll(feedback.getSuggestion());
    return hints.isEmpty()
        ? "is too easy to guess: add another word or two; uncommon words are better"
        : "is too easy to guess. " + String.join(" ", hints);
  }

  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    estimate(PRIMING_PASSWORD, "priming@example.com");
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    // Nothing to renew: the dictionaries are immutable data.
  }
}
