package dev.taskapi.listlists;

import static dev.taskapi.testing.Responses.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.domain.TaskList;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.http.Cors;
import dev.taskapi.testing.InMemoryListStore;
import dev.taskapi.testing.Lambda;
import dev.taskapi.testing.Requests;
import dev.taskapi.testing.TestCrypto;
import org.junit.jupiter.api.Test;

class ListListsHandlerTest {
  private final InMemoryListStore lists = new InMemoryListStore();
  private final ListListsHandler handler = new ListListsHandler(lists, Cors.none());

  private JsonNode get(String userId) {
    return assertJson(Lambda.invoke(handler, Requests.asUser(Requests.empty(), userId), null), 200).get("lists");
  }

  @Test
  void anAccountWithoutListItemsHasItsInbox() {
    JsonNode all = get("user-alice");

    assertEquals(1, all.size());
    assertEquals(TaskLists.defaultListId("user-alice"), all.get(0).get("uuid").asText());
    assertEquals("Inbox", all.get(0).get("title").asText());
    assertEquals(true, all.get(0).get("default").asBoolean());
    assertEquals("1970-01-01T00:00:00.000Z", all.get(0).get("created_at").asText());
  }

  @Test
  void theCallersListsOnlyTheDefaultFirst() {
    lists.create(new TaskList("0195abcd-0000-7000-8000-000000000001", "user-alice", "Work", TestCrypto.NOW,
        TestCrypto.NOW, 1), "alice@example.com");
    lists.create(new TaskList("0195abcd-0000-7000-8000-000000000002", "user-bob", "Bob's", TestCrypto.NOW,
        TestCrypto.NOW, 1), "bob@example.com");

    JsonNode all = get("user-alice");

    assertEquals(2, all.size());
    assertEquals("Inbox", all.get(0).get("title").asText());
    assertEquals("Work", all.get(1).get("title").asText());
    assertEquals(false, all.get(1).get("default").asBoolean());
  }
}
