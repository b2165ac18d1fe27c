package dev.taskapi.api;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.testing.Lambda;
import dev.taskapi.testing.Requests;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.function.Executable;

/** Parses request bodies the way the handlers do: through {@link ApiRequest#jsonObjectBody()}. */
final class Bodies {
  private Bodies() {}

  static ObjectNode object(String json) {
    return new ApiRequest(Lambda.tree(Requests.json(json))).jsonObjectBody();
  }

  static <T> T parse(Function<ObjectNode, T> parser, String json) {
    return parser.apply(object(json));
  }

  /** The field errors of a body the parser must reject. */
  static List<FieldError> errors(Function<ObjectNode, ?> parser, String json) {
    ObjectNode body = object(json);
    Executable parse = () -> parser.apply(body);
    return assertThrows(InvalidRequestException.class, parse, json).fieldErrors();
  }

  static List<String> errorNames(Function<ObjectNode, ?> parser, String json) {
    return errors(parser, json).stream().map(FieldError::name).toList();
  }

  /** {@code s} as a JSON string literal. */
  static String quote(String s) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }
}
