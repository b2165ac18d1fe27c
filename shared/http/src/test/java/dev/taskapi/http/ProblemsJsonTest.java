package dev.taskapi.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.taskapi.api.Json;
import dev.taskapi.api.JsonBody;
import dev.taskapi.http.Problems.InvalidParam;
import dev.taskapi.http.Problems.Problem;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** problem+json bodies write what the mapper writes for the annotated record: absent members left out. */
class ProblemsJsonTest {
  static Stream<Problem> problems() {
    return Stream.of(
        new Problem("about:blank", "Bad Request", 400, "The request has invalid fields.",
            List.of(new InvalidParam("title", "must be 1 to 200 characters"), new InvalidParam("x", null))),
        new Problem("about:blank", "Not Found", 404, "No such task \"x\".", null),
        new Problem(null, null, 500, null, List.of()));
  }

  @ParameterizedTest
  @MethodSource("problems")
  void writesWhatTheMapperWrites(Problem problem) throws JsonProcessingException {
    assertEquals(Json.MAPPER.writeValueAsString(problem), JsonBody.toJson(problem));
  }
}
