package dev.taskapi.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The most tasks one move rewrites, as openapi.yaml and docs/api-behaviour.md write it for clients, is
 * {@link Move#MAX_SUBTREE_TASKS}: the number is derived from how many items a transaction holds besides the subtree,
 * so a change there must reach the contract too.
 */
class MoveLimitDocumentedTest {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();

  @Test
  void openApiWritesTheLimitInTheMoveAndTheConflict() throws Exception {
    String contract = Files.readString(ROOT.resolve("openapi.yaml"));
    assertEquals(
        List.of(Move.MAX_SUBTREE_TASKS, Move.MAX_SUBTREE_TASKS),
        numbers(contract, "at most\\s+(\\d+)\\s+tasks in all", "move more than\\s+(\\d+)\\s+tasks"));
  }

  @Test
  void theApiBehaviourWritesTheLimitOfAMove() throws Exception {
    String behaviour = Files.readString(ROOT.resolve("docs/api-behaviour.md"));
    assertEquals(List.of(Move.MAX_SUBTREE_TASKS), numbers(behaviour, "more than\\s+\\*\\*(\\d+)\\s+tasks\\*\\*"));
  }

  /** The number each pattern finds, in order; each must be found exactly once. */
  private static List<Integer> numbers(String text, String... patterns) {
    List<Integer> found = new ArrayList<>();
    for (String pattern : patterns) {
      Matcher matcher = Pattern.compile(pattern).matcher(text);
      List<Integer> each = new ArrayList<>();
      while (matcher.find()) {
        each.add(Integer.parseInt(matcher.group(1)));
      }
      assertEquals(1, each.size(), pattern + " found " + each);
      found.add(each.getFirst());
    }
    return found;
  }
}
