package dev.taskapi.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonStreamsTest {
  private static Map<String, String> strings(String json) throws IOException {
    return JsonStreams.strings(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void stringMembersAtAnyDepthAreKeyedByTheirJsonPointer() throws IOException {
    assertEquals(
        Map.of("/Item/user_id/S", "u-1", "/Item/token_version/N", "3", "/type", "TOKEN"),
        strings("{\"type\":\"TOKEN\",\"Item\":{\"user_id\":{\"S\":\"u-1\"},\"token_version\":{\"N\":\"3\"}}}"));
  }

  @Test
  void pointerEscapesTildeAndSlashAsRfc6901Does() throws IOException {
    // RFC 6901 section 3: '~' is written ~0 and '/' is written ~1, so "a/b" and a member b of a differ.
    assertEquals(Map.of("/a~1b", "1", "/a/b", "2", "/m~0n", "3"),
        strings("{\"a/b\":\"1\",\"a\":{\"b\":\"2\"},\"m~n\":\"3\"}"));
  }

  @Test
  void otherScalarsAndArraysAreLeftOut() throws IOException {
    assertEquals(Map.of("/s", "x"),
        strings("{\"n\":1,\"b\":true,\"z\":null,\"a\":[\"in\",{\"s\":\"array\"}],\"s\":\"x\"}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "[]", "\"text\"", "{\"a\":\"1\"} {}", "{\"a\":\"1\",\"a\":\"2\"}", "{\"a\":",
      "{\"n\":NaN}"})
  void anythingButOneWellFormedObjectWithUniqueNamesIsRefused(String json) {
    assertThrows(JsonProcessingException.class, () -> strings(json));
  }

  @Test
  void nestingDeeperThanTheLimitIsRefused() throws IOException {
    int limit = JsonStreams.MAX_NESTING_DEPTH;
    String ok = "{\"a\":".repeat(limit - 1) + "{}" + "}".repeat(limit - 1);
    assertEquals(Map.of(), strings(ok));
    String deep = "{\"a\":".repeat(limit) + "{}" + "}".repeat(limit);
    assertThrows(JsonProcessingException.class, () -> strings(deep));
  }

  @Test
  void theMapperReadsWithTheSameLimits() {
    assertThrows(JsonProcessingException.class, () -> Json.MAPPER.readTree("{\"a\":1,\"a\":2}"));
    assertThrows(JsonProcessingException.class, () -> Json.MAPPER.readTree("{\"n\":NaN}"));
    String deep = "[".repeat(JsonStreams.MAX_NESTING_DEPTH + 1) + "]".repeat(JsonStreams.MAX_NESTING_DEPTH + 1);
    assertThrows(JsonProcessingException.class, () -> Json.MAPPER.readTree(deep));
    assertThrows(JsonProcessingException.class, () -> Json.MAPPER.readTree("{} {}"));
  }
}
