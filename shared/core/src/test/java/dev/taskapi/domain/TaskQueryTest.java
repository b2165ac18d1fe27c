package dev.taskapi.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.domain.InvalidRequestException.FieldError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskQueryTest {
  private static final String LIST = "0194d3a0-0000-7000-8000-000000000001";

  private static TaskQuery parse(String... parameters) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < parameters.length; i += 2) {
      values.put(parameters[i], parameters[i + 1]);
    }
    return TaskQuery.parse(name -> Optional.ofNullable(values.get(name)));
  }

  private static List<String> invalid(String... parameters) {
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> parse(parameters));
    return e.fieldErrors().stream().map(FieldError::name).toList();
  }

  @Test
  void theDefaultsArePositionWithAListAndNewestFirstWithout() {
    TaskQuery plain = parse();
    assertEquals(TaskSort.CREATED, plain.sort());
    assertTrue(plain.descending());
    assertTrue(plain.isSeedListing());
    assertTrue(parse("completed", "true").isSeedListing());
    TaskQuery inList = parse("list_id", LIST.toUpperCase());
    assertEquals(TaskSort.POSITION, inList.sort());
    assertFalse(inList.descending());
    assertEquals(Optional.of(LIST), inList.listId(), "canonical: lower case");
    assertFalse(parse("sort", "created").isSeedListing());
  }

  @Test
  void everyWrongParameterIsNamedOnce() {
    assertEquals(
        List.of("list_id", "parent_id", "completed", "label", "priority", "due_before", "due_after", "q", "sort"),
        invalid("list_id", "x", "parent_id", "y", "completed", "yes", "label", " ", "priority", "urgent",
            "due_before", "2026-02-30", "due_after", "2026-1-01", "q", "", "sort", "title"));
    assertEquals(List.of("sort"), invalid("sort", "position"), "position needs a list");
    assertEquals(List.of("sort"), invalid("sort", "-position", "parent_id", LIST));
    assertEquals(List.of("q"), invalid("q", "x".repeat(TaskQuery.MAX_Q + 1)));
    assertEquals(List.of("label"), invalid("label", "x".repeat(TaskFields.MAX_LABEL_LENGTH + 1)));
    assertEquals(List.of("sort"), invalid("sort", "--due"));
    assertEquals(List.of("sort"), invalid("sort", "Due"));
  }

  @Test
  void theCanonicalNameCoversEveryFilterAndTheOrderAndNotTheSpelling() {
    assertEquals("", parse().canonical(), "the seed listing's cursors stay valid");
    assertEquals("completed=false", parse("completed", "false").canonical());
    assertEquals(parse("label", "STRASSE").canonical(), parse("label", " straße ").canonical());
    assertEquals(parse("q", "Straße").canonical(), parse("q", "STRASSE").canonical());
    assertNotEquals(parse("sort", "due").canonical(), parse("sort", "-due").canonical());
    assertNotEquals(parse("q", "a", "label", "b").canonical(), parse("q", "a&label=1:b").canonical());
    assertNotEquals(parse("due_before", "2026-12-24").canonical(), parse("due_after", "2026-12-24").canonical());
  }
}
