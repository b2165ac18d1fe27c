package dev.taskapi.createlist;

import static dev.taskapi.testing.Responses.assertJson;
import static dev.taskapi.testing.Responses.assertProblem;
import static dev.taskapi.testing.Responses.fieldNames;
import static dev.taskapi.testing.Responses.invalidParamNames;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.domain.User;
import dev.taskapi.http.Cors;
import dev.taskapi.testing.InMemoryListStore;
import dev.taskapi.testing.InMemoryUserStore;
import dev.taskapi.testing.Lambda;
import dev.taskapi.testing.Requests;
import dev.taskapi.testing.TestCrypto;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CreateListHandlerTest {
  private final InMemoryUserStore users = new InMemoryUserStore();
  private final InMemoryListStore lists = new InMemoryListStore(users);
  private final CreateListHandler handler = new CreateListHandler(lists, TestCrypto.CLOCK, Cors.none());
  private final User alice = new User("user-alice", "alice", "alice@example.com", "hash", TestCrypto.NOW);

  private APIGatewayProxyResponseEvent post(String body) {
    users.create(alice);
    return Lambda.invoke(handler, Requests.asCaller(Requests.json(body), alice.id(), alice.email()), null);
  }

  @Test
  void createsAListAfterTheDefaultAnd201sItWithItsVersion() {
    APIGatewayProxyResponseEvent response = post("{\"title\":\"Work\",\"created_at\":\"ignored\",\"default\":true}");

    JsonNode body = assertJson(response, 201);
    assertEquals("List created", body.get("message").asText());
    JsonNode list = body.get("list");
    assertEquals(List.of("uuid", "title", "default", "created_at", "updated_at", "etag"), fieldNames(list));
    assertEquals("Work", list.get("title").asText());
    assertEquals(false, list.get("default").asBoolean());
    assertEquals(TestCrypto.NOW.toString(), list.get("created_at").asText());
    assertEquals("\"1\"", response.getHeaders().get("ETag"));
    assertEquals(List.of(TaskLists.defaultListId(alice.id()), list.get("uuid").asText()),
        lists.all(alice.id()).stream().map(l -> l.id()).toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"title\":\"   \"}", "{\"title\":\"\"}", "{\"title\":7}", "{\"title\":null}"})
  void aMissingOrBadTitleIs400AndStoresNothing(String body) {
    JsonNode problem = assertProblem(post(body), 400);

    assertEquals(List.of("title"), invalidParamNames(problem));
    assertEquals(1, lists.all(alice.id()).size());
  }

  @Test
  void aTitleOfTwoHundredCharactersIsTheLongestAllowed() {
    assertJson(post("{\"title\":\"" + "x".repeat(200) + "\"}"), 201);
    assertProblem(post("{\"title\":\"" + "x".repeat(201) + "\"}"), 400);
  }

  @Test
  void pastTheLimitOfListsIs409() {
    for (int i = 0; i < TaskLists.MAX_PER_ACCOUNT; i++) {
      assertJson(post("{\"title\":\"List " + i + "\"}"), 201);
    }

    assertProblem(post("{\"title\":\"one too many\"}"), 409);
    assertEquals(TaskLists.MAX_PER_ACCOUNT + 1, lists.all(alice.id()).size());
  }

  @Test
  void aClientIdIsTheListsIdAndTheSameRequestAgainIsA201ReplayWithTheHeader() {
    String id = "6f1c9a3e-4b2d-4c8e-9f00-1a2b3c4d5e6f";
    APIGatewayProxyResponseEvent first = post("{\"uuid\":\"" + id + "\",\"title\":\"Work\"}");
    JsonNode list = assertJson(first, 201).get("list");
    assertEquals(id, list.get("uuid").asText());
    assertEquals(null, first.getHeaders().get("Idempotent-Replayed"));

    APIGatewayProxyResponseEvent replay = post("{\"title\":\"Work\",\"uuid\":\"" + id.toUpperCase() + "\"}");

    assertEquals(list, assertJson(replay, 201).get("list"));
    assertEquals("true", replay.getHeaders().get("Idempotent-Replayed"));
    assertEquals("\"1\"", replay.getHeaders().get("ETag"));
    assertEquals(2, lists.all(alice.id()).size());
    assertProblem(post("{\"uuid\":\"" + id + "\",\"title\":\"Home\"}"), 409);
    assertEquals("Work", lists.find(alice.id(), id).orElseThrow().title());
  }

  @Test
  void theDefaultListsIdIsTakenAndABadClientIdIsA400() {
    assertProblem(post("{\"uuid\":\"" + TaskLists.defaultListId(alice.id()) + "\",\"title\":\"Mine\"}"), 409);
    assertEquals(List.of("uuid"), invalidParamNames(assertProblem(post("{\"uuid\":\"nope\",\"title\":\"x\"}"), 400)));
    assertEquals(List.of("uuid", "title"), invalidParamNames(assertProblem(post("{\"uuid\":\"nope\"}"), 400)));
    assertEquals(1, lists.all(alice.id()).size());
  }
}
