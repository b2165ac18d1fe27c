package dev.taskapi.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Jackson's streaming layer (jackson-core) with the limits every JSON read of a function keeps: the functions read
 * their events and bodies and write their answers through it, into and out of databind's tree nodes or with a
 * generator. None of it needs an {@code ObjectMapper}: building one, with its (de)serializer factories, standard
 * serializers and date format, and introspecting the records it writes loads about 400 Jackson and 150 JDK classes
 * (GetTaskFunction's first request: 4,445 classes in all with the mapper, 3,878 without), which no function needs
 * to pay at its cold start. {@link Json#MAPPER} reads through this same factory, so both
 * enforce the same limits; it stays the reference the hand-written shapes are tested against.
 */
public final class JsonStreams {
  /** Deeper than any body we accept needs; stops stack-exhausting nesting long before Jackson's default 500. */
  static final int MAX_NESTING_DEPTH = 32;

  /** Duplicate names are refused (which one a reader takes is not defined), as are NaN and Infinity. */
  public static final JsonFactory FACTORY =
      new JsonFactoryBuilder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  private JsonStreams() {}

  /**
   * The one JSON value {@code in} holds, as a tree, as {@code ObjectMapper.readTree} with
   * {@code FAIL_ON_TRAILING_TOKENS} reads it: {@link MissingNode} for no content, an error for malformed JSON or
   * anything after the value. Numbers become int, long, big-integer or double nodes as the mapper's defaults make them.
   */
  public static JsonNode readTree(InputStream in) throws IOException {
    try (JsonParser parser = FACTORY.createParser(in)) {
      return readRoot(parser);
    }
  }

  /** {@link #readTree(InputStream)} for JSON text already in memory (a request body). */
  public static JsonNode readTree(String json) throws IOException {
    try (JsonParser parser = FACTORY.createParser(json)) {
      return readRoot(parser);
    }
  }

  private static JsonNode readRoot(JsonParser parser) throws IOException {
    JsonToken first = parser.nextToken();
    if (first == null) {
      return MissingNode.getInstance();
    }
    JsonNode root = readValue(parser, first);
    if (parser.nextToken() != null) {
      throw new JsonParseException(parser, "content after the JSON value");
    }
    return root;
  }

  /** The value that starts at {@code token}; the factory's nesting limit bounds the recursion. */
  private static JsonNode readValue(JsonParser parser, JsonToken token) throws IOException {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    return switch (token) {
      case START_OBJECT -> {
        ObjectNode object = nodes.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          object.set(name, readValue(parser, parser.nextToken()));
        }
        yield object;
      }
      case START_ARRAY -> {
        ArrayNode array = nodes.arrayNode();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
          array.add(readValue(parser, next));
        }
        yield array;
      }
      case VALUE_STRING -> nodes.textNode(parser.getText());
      case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
        case INT -> nodes.numberNode(parser.getIntValue());
        case LONG -> nodes.numberNode(parser.getLongValue());
        default -> nodes.numberNode(parser.getBigIntegerValue());
      };
      case VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDoubleValue());
      case VALUE_TRUE -> nodes.booleanNode(true);
      case VALUE_FALSE -> nodes.booleanNode(false);
      case VALUE_NULL -> nodes.nullNode();
      default -> throw new JsonParseException(parser, "unexpected " + token);
    };
  }

  /**
   * The string members of the JSON object {@code in} holds, at any depth, keyed by their JSON Pointer (RFC 6901:
   * {@code /Item/user_id/S}). Members of other types (numbers, booleans, null) and everything inside arrays are
   * left out, as a reader of string fields would ignore them. Refuses anything but one object: another value, a
   * second value after it, malformed JSON.
   */
  public static Map<String, String> strings(InputStream in) throws IOException {
    try (JsonParser parser = FACTORY.createParser(in)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new JsonParseException(parser, "expected a JSON object");
      }
      Map<String, String> strings = new HashMap<>();
      readObject(parser, "", strings);
      if (parser.nextToken() != null) {
        throw new JsonParseException(parser, "content after the JSON object");
      }
      return strings;
    }
  }

  /** The members of the object whose START_OBJECT was just read; the factory's nesting limit bounds the depth. */
  private static void readObject(JsonParser parser, String pointer, Map<String, String> strings) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String member = pointer + "/" + parser.currentName().replace("~", "~0").replace("/", "~1");
      switch (parser.nextToken()) {
        case START_OBJECT -> readObject(parser, member, strings);
        case START_ARRAY -> parser.skipChildren();
        case VALUE_STRING -> strings.put(member, parser.getText());
        default -> {} // another scalar: not a string field
      }
    }
  }
}
