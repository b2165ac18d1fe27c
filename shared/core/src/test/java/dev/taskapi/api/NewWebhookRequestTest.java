package dev.taskapi.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.WebhookEvents;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NewWebhookRequestTest {
  private static final Function<String, Optional<String>> ANY_URL = url -> Optional.empty();

  private static NewWebhookRequest parse(String json, Function<String, Optional<String>> urlRule) {
    return NewWebhookRequest.parse((ObjectNode) readTree(json), urlRule);
  }

  private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> refused(String json) {
    return assertThrows(InvalidRequestException.class, () -> parse(json, ANY_URL)).fieldErrors().stream()
        .map(InvalidRequestException.FieldError::name).toList();
  }

  @Test
  void readsTheUrlTheEventsInOrderAndTheDescription() {
    NewWebhookRequest request = parse(
        "{\"url\":\"https://h.example.com/x\",\"events\":[\"task.deleted\",\"task.created\"],\"description\":\"CI\"}",
        ANY_URL);

    assertEquals(new NewWebhookRequest("https://h.example.com/x", List.of("task.deleted", "task.created"),
        Optional.of("CI")), request);
    assertEquals(Optional.empty(),
        parse("{\"url\":\"https://h.example.com\",\"events\":[\"list.created\"],\"description\":null}", ANY_URL)
            .description());
    assertEquals(WebhookEvents.ALL, parse("{\"url\":\"https://h\",\"events\":"
        + Json.MAPPER.valueToTree(WebhookEvents.ALL) + "}", ANY_URL).events());
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"task.created\"", "[\"webhook.test\"]", "[\"task.created\",\"task.created\"]",
      "[\"TASK.CREATED\"]", "[7]", "[null]", "null", "{}"})
  void eventsOutsideTheListOrRepeatedOrNotAnArrayAre400(String events) {
    assertEquals(List.of("events"), refused("{\"url\":\"https://h.example.com\",\"events\":" + events + "}"));
  }

  @Test
  void everyBrokenRuleIsNamedAndTheUrlRuleRunsOnlyOnAnOtherwiseValidBody() {
    assertEquals(List.of("url", "events"), refused("{}"));
    assertEquals(List.of("url", "description"), refused(
        "{\"url\":7,\"events\":[\"task.created\"],\"description\":\"" + "d".repeat(201) + "\"}"));
    assertEquals(List.of("description"),
        refused("{\"url\":\"https://h\",\"events\":[\"task.created\"],\"description\":false}"));

    Function<String, Optional<String>> refuse = url -> Optional.of("must resolve to public addresses only");
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> parse("{\"url\":\"https://10.0.0.1/\",\"events\":[\"task.created\"]}", refuse));
    assertEquals(List.of(new InvalidRequestException.FieldError("url", "must resolve to public addresses only")),
        e.fieldErrors());
    assertEquals(List.of("events"), assertThrows(InvalidRequestException.class,
        () -> parse("{\"url\":\"https://10.0.0.1/\",\"events\":[]}", refuse)).fieldErrors().stream()
        .map(InvalidRequestException.FieldError::name).toList());
  }
}
