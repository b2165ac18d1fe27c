package dev.taskapi.store.dynamodb;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.api.JsonStreams;
import dev.taskapi.domain.ItemChange;
import dev.taskapi.domain.Task;
import dev.taskapi.schema.ListItem;
import dev.taskapi.schema.TableKeys;
import dev.taskapi.schema.TaskItem;
import dev.taskapi.store.dynamodb.ListSchema.StoredList;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The table's change stream as Lambda hands it over (a {@code DynamodbEvent}: {@code Records}, each with its
 * {@code eventID} and {@code dynamodb.Keys}, {@code OldImage}, {@code NewImage} in DynamoDB's JSON, {@code
 * SequenceNumber} and {@code ApproximateCreationDateTime} in epoch seconds; DynamoDB Streams API Reference,
 * "StreamRecord"), read into the tasks' and lists' {@link ItemChange}s through the same table schemas the stores
 * read items with, so an item of any release reads as it does through the API. Records of other items (counters,
 * the change log, webhooks, sessions) are not changes of the user's objects and are skipped.
 */
public final class StreamImages {
  /** One task's or list's change, with the stream record's identity: its id is unique and stable across retries. */
  public record StreamChange(String eventId, String sequenceNumber, Instant at, ItemChange change) {}

  private StreamImages() {}

  public static List<StreamChange> changes(JsonNode event) {
    List<StreamChange> changes = new ArrayList<>();
    for (JsonNode record : event.path("Records")) {
      JsonNode stream = record.path("dynamodb");
      Map<String, AttributeValue> keys = attributes(stream.path("Keys"));
      Optional<ItemChange> change;
      try {
        change = change(keys, attributes(stream.path("OldImage")), attributes(stream.path("NewImage")));
      } catch (RuntimeException e) {
        // An item the schema cannot read is no object of the API's (no write of ours makes one); failing on it
        // would make Lambda retry its batch until the record expires, 24 hours in which no later write is
        // published. It is skipped, named in the function's log.
        System.err.println("skipped stream record " + record.path("eventID").asText() + " of "
            + stringOf(keys, TableKeys.PARTITION_KEY) + " " + stringOf(keys, TableKeys.SORT_KEY)
            + ": its image is not readable (" + e + ")");
        continue;
      }
      if (change.isPresent()) {
        Instant at = Instant.ofEpochMilli(Math.round(stream.path("ApproximateCreationDateTime").asDouble() * 1000));
        changes.add(new StreamChange(
            record.path("eventID").asText(), stream.path("SequenceNumber").asText(), at, change.get()));
      }
    }
    return changes;
  }

  /**
   * The event Lambda hands over for one stream record of {@code task}: {@code eventName} {@code INSERT} or {@code
   * MODIFY} with the task as the record's new image, {@code REMOVE} with it as the old one, the item as the table
   * schema writes it. A stream reader primes with it, so its snapshot holds the parsing of what the table holds.
   */
  public static String event(String eventName, Task task) {
    Map<String, AttributeValue> item = TaskSchema.SCHEMA.itemToMap(task, true);
    StringWriter json = new StringWriter();
    try (JsonGenerator out = JsonStreams.FACTORY.createGenerator(json)) {
      out.writeStartObject();
      out.writeArrayFieldStart("Records");
      out.writeStartObject();
      out.writeStringField("eventID", eventName + "-" + task.id());
      out.writeStringField("eventName", eventName);
      out.writeStringField("eventSource", "aws:dynamodb");
      out.writeObjectFieldStart("dynamodb");
      out.writeNumberField("ApproximateCreationDateTime", task.updatedAt().getEpochSecond());
      out.writeStringField("SequenceNumber", Long.toString(task.version()));
      out.writeFieldName("Keys");
      write(out, Map.of(
          TableKeys.PARTITION_KEY, item.get(TableKeys.PARTITION_KEY), TableKeys.SORT_KEY, item.get(TableKeys.SORT_KEY)));
      out.writeFieldName(eventName.equals("REMOVE") ? "OldImage" : "NewImage");
      write(out, item);
      out.writeEndObject();
      out.writeEndObject();
      out.writeEndArray();
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return json.toString();
  }

  /** {@code item} in DynamoDB's JSON: the types a table schema writes (no sets or binary in our items). */
  private static void write(JsonGenerator out, Map<String, AttributeValue> item) throws IOException {
    out.writeStartObject();
    for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
      out.writeFieldName(attribute.getKey());
      write(out, attribute.getValue());
    }
    out.writeEndObject();
  }

  private static void write(JsonGenerator out, AttributeValue value) throws IOException {
    out.writeStartObject();
    switch (value.type()) {
      case S -> out.writeStringField("S", value.s());
      case N -> out.writeStringField("N", value.n());
      case BOOL -> out.writeBooleanField("BOOL", value.bool());
      case NUL -> out.writeBooleanField("NULL", true);
      case L -> {
        out.writeArrayFieldStart("L");
        for (AttributeValue element : value.l()) {
          write(out, element);
        }
        out.writeEndArray();
      }
      case M -> {
        out.writeFieldName("M");
        write(out, value.m());
      }
      default -> throw new IllegalArgumentException("no item of ours stores a " + value.type());
    }
    out.writeEndObject();
  }

  /** The change of the task or list at {@code keys} from {@code before} to {@code after} (each empty when absent). */
  static Optional<ItemChange> change(
      Map<String, AttributeValue> keys, Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
    String partition = stringOf(keys, TableKeys.PARTITION_KEY);
    String sort = stringOf(keys, TableKeys.SORT_KEY);
    if (!partition.startsWith(TaskItem.PARTITION_PREFIX)) {
      return Optional.empty();
    }
    String userId = partition.substring(TaskItem.PARTITION_PREFIX.length());
    if (sort.startsWith(TaskItem.SORT_PREFIX)) {
      return Optional.of(new ItemChange.OfTask(userId, sort.substring(TaskItem.SORT_PREFIX.length()),
          task(before), task(after)));
    }
    if (sort.startsWith(ListItem.SORT_PREFIX)) {
      return Optional.of(new ItemChange.OfList(userId, sort.substring(ListItem.SORT_PREFIX.length()),
          liveList(before), liveList(after)));
    }
    return Optional.empty();
  }

  private static Optional<dev.taskapi.domain.Task> task(Map<String, AttributeValue> image) {
    return image.isEmpty() ? Optional.empty() : Optional.of(TaskSchema.SCHEMA.mapToItem(image));
  }

  private static Optional<dev.taskapi.domain.TaskList> liveList(Map<String, AttributeValue> image) {
    if (image.isEmpty()) {
      return Optional.empty();
    }
    StoredList stored = ListSchema.SCHEMA.mapToItem(image);
    return stored.deleting() ? Optional.empty() : Optional.of(stored.list());
  }

  private static String stringOf(Map<String, AttributeValue> keys, String name) {
    AttributeValue value = keys.get(name);
    return value == null || value.s() == null ? "" : value.s();
  }

  /** An item in DynamoDB's JSON ({@code {"name": {"S": "..."}}}), empty for a missing image. */
  static Map<String, AttributeValue> attributes(JsonNode item) {
    Map<String, AttributeValue> attributes = new LinkedHashMap<>();
    item.properties().forEach(e -> attributes.put(e.getKey(), value(e.getValue())));
    return attributes;
  }

  /** One value in DynamoDB's JSON: exactly one member, named by its type (API Reference, "AttributeValue"). */
  private static AttributeValue value(JsonNode typed) {
    Map.Entry<String, JsonNode> only = typed.properties().iterator().next();
    JsonNode v = only.getValue();
    return switch (only.getKey()) {
      case "S" -> AttributeValue.fromS(v.asText());
      case "N" -> AttributeValue.fromN(v.asText());
      case "BOOL" -> AttributeValue.fromBool(v.asBoolean());
      case "NULL" -> AttributeValue.fromNul(true);
      case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(v.asText())));
      case "SS" -> AttributeValue.fromSs(texts(v));
      case "NS" -> AttributeValue.fromNs(texts(v));
      case "BS" -> AttributeValue.fromBs(texts(v).stream()
          .map(b -> SdkBytes.fromByteArray(Base64.getDecoder().decode(b))).toList());
      case "L" -> {
        List<AttributeValue> list = new ArrayList<>();
        v.forEach(element -> list.add(value(element)));
        yield AttributeValue.fromL(list);
      }
      case "M" -> AttributeValue.fromM(attributes(v));
      default -> throw new IllegalArgumentException("not a DynamoDB attribute value type: " + only.getKey());
    };
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(element -> texts.add(element.asText()));
    return texts;
  }
}
