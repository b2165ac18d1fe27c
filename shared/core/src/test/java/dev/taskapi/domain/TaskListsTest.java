package dev.taskapi.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskListsTest {
  /** RFC 9562 appendix A.4: the name-based (SHA-1) UUID of "www.example.com" in the DNS namespace. */
  @Test
  void nameBasedIdsAreRfc9562Version5() {
    UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

    assertEquals(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"), TaskLists.nameBased(dns, "www.example.com"));
  }

  @Test
  void theDefaultListIdIsFixedPerUserAndDiffersBetweenUsers() {
    String id = TaskLists.defaultListId("0b6a3b4e-5d1c-4f8e-9a2b-7c3d4e5f6a7b");

    assertEquals(id, TaskLists.defaultListId("0b6a3b4e-5d1c-4f8e-9a2b-7c3d4e5f6a7b"));
    assertEquals(5, UUID.fromString(id).version());
    assertEquals(2, UUID.fromString(id).variant());
    assertNotEquals(id, TaskLists.defaultListId("0b6a3b4e-5d1c-4f8e-9a2b-7c3d4e5f6a7c"));
    assertEquals(id, TaskLists.canonical(id.toUpperCase()), "a path parameter in any case names it");
  }

  @Test
  void aListIdThatIsNotAUuidIsA400NamingListId() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> TaskLists.canonical("inbox"));

    assertEquals("list_id", e.fieldErrors().getFirst().name());
  }
}
