package dev.taskapi.api;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * A response body that writes itself with Jackson's generator, exactly as {@link Json#MAPPER} would write the
 * record (snake_case names in component order, nulls written unless the record says otherwise): the functions
 * then build no ObjectMapper and introspect no record at their first request. JsonBodyTest holds every
 * implementation to the mapper's output.
 */
public interface JsonBody {
  /** Writes this body as one JSON object. */
  void writeTo(JsonGenerator json) throws IOException;

  /** The body's JSON text. */
  static String toJson(JsonBody body) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator json = JsonStreams.FACTORY.createGenerator(out)) {
      body.writeTo(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  /** Writes the object {@code {name: body}}, the shape of the answers that wrap one value. */
  static void writeWrapped(JsonGenerator json, String name, JsonBody body) throws IOException {
    json.writeStartObject();
    writeField(json, name, body);
    json.writeEndObject();
  }

  /** Writes the object {@code {message, name: body}}, the shape of the answers that say what they did to it. */
  static void writeWithMessage(JsonGenerator json, String message, String name, JsonBody body) throws IOException {
    json.writeStartObject();
    json.writeStringField("message", message);
    writeField(json, name, body);
    json.writeEndObject();
  }

  /** Writes {@code body} as member {@code name}'s value, or null as the mapper writes a null component. */
  static void writeField(JsonGenerator json, String name, JsonBody body) throws IOException {
    json.writeFieldName(name);
    if (body == null) {
      json.writeNull();
    } else {
      body.writeTo(json);
    }
  }
}
