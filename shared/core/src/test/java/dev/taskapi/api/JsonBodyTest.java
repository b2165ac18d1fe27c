package dev.taskapi.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wire format did not change when the response bodies began to write themselves: each {@link JsonBody} writes
 * exactly what {@link Json#MAPPER}'s bean serializer writes for the same record (names, order, nulls, escapes).
 */
class JsonBodyTest {
  private static final ListView LIST =
      new ListView("0b6a3b4e-5d1c-5f8e-9a2b-7c3d4e5f6a7b", "Inbox \"home\"", true, "1970-01-01T00:00:00.000Z",
          "2026-01-02T03:04:05.679Z", "\"0\"");
  private static final WebhookView WEBHOOK = new WebhookView("0b6a3b4e-5d1c-5f8e-9a2b-7c3d4e5f6a7b",
      "https://hooks.example.com/in?a=\"b\"", List.of("task.created", "list.deleted"), "CI", "2026-01-02T03:04:05.679Z",
      3, "the receiver answered 500", "2026-01-02T03:04:06.000Z", 8, "2026-01-02T03:04:07.000Z");
  private static final UserView USER = new UserView("u-1", "ada", "ada@example.com");

  static Stream<JsonBody> bodies() {
    return Stream.of(
        // A task itself is written by its fields' definitions (TaskViewTest), not as a bean: only the frames here.
        new TaskResponse(null), new TaskCreatedResponse("Task created", null), new TaskUpdatedResponse(null, null),
        new TaskListResponse(List.of(), null), new TaskListResponse(Arrays.asList((TaskView) null), "cursor"),
        new TaskListResponse(null, null),
        new MessageResponse("Task deleted"), new MessageResponse(null),
        LIST, new ListResponse(LIST), new ListResponse(null), new ListChangedResponse("List created", LIST),
        new ListsResponse(List.of(LIST, new ListView("id", "t", false, "c", "u", "\"7\""))), new ListsResponse(List.of()),
        USER, new UserView(null, null, null), new AccountResponse(USER), new AccountResponse(null),
        new AuthResponse("Authentication successful", USER, "a.b.c", "refresh", 900L),
        new AuthResponse(null, null, null, null, Long.MAX_VALUE),
        WEBHOOK, new WebhookView("w", "https://h", List.of(), null, "c", 0, null, null, 0, null),
        new WebhooksResponse(List.of(WEBHOOK)), new WebhooksResponse(List.of()),
        new WebhookCreatedResponse("Webhook created", WEBHOOK, "whsec_x"), new WebhookCreatedResponse(null, null, null),
        new WebhookTestResponse(true, 204, null, "msg_1"), new WebhookTestResponse(false, null, "refused", null));
  }

  @ParameterizedTest
  @MethodSource("bodies")
  void writesWhatTheMapperWrites(JsonBody body) throws JsonProcessingException {
    assertEquals(Json.MAPPER.writeValueAsString(body), JsonBody.toJson(body));
  }
}
