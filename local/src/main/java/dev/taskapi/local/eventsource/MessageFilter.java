package dev.taskapi.local.eventsource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.local.template.TemplateException;
import java.io.IOException;
import java.util.List;
import software.amazon.event.ruler.Machine;

/**
 * An SQS mapping's FilterCriteria: a message goes to the function when any pattern matches its record, and every
 * message goes without filters (Lambda Developer Guide, "Control which events Lambda sends to your function",
 * "Filtering Amazon SQS messages": a pattern's {@code body} keys match the body's JSON when the body is JSON,
 * e.g. {@code {"body": {"type": ["webhook"]}}}; the other keys match the record's metadata). The patterns are read
 * and matched by event-ruler, the library of that pattern syntax.
 */
final class MessageFilter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Machine machine;

  private MessageFilter(Machine machine) {
    this.machine = machine;
  }

  /** @throws TemplateException for a pattern Lambda would refuse ("Invalid filter pattern definition.") */
  static MessageFilter of(String mapping, List<String> patterns) {
    if (patterns.isEmpty()) {
      return new MessageFilter(null);
    }
    Machine machine = new Machine();
    for (int i = 0; i < patterns.size(); i++) {
      try {
        machine.addRule("filter-" + i, patterns.get(i));
      } catch (Exception e) {
        throw new TemplateException(mapping + ": invalid filter pattern " + patterns.get(i) + ": " + e.getMessage(), e);
      }
    }
    return new MessageFilter(machine);
  }

  /** Whether the record (as {@link SqsEventRecords#record} makes it) passes. */
  boolean passes(ObjectNode record) {
    if (machine == null) {
      return true;
    }
    ObjectNode matched = record.deepCopy();
    JsonNode body = bodyJson(record.path("body").asText());
    if (body != null) {
      matched.set("body", body);
    }
    try {
      return !machine.rulesForJSONEvent(matched.toString()).isEmpty();
    } catch (Exception e) {
      return false; // a record event-ruler cannot read matches no pattern
    }
  }

  private static JsonNode bodyJson(String body) {
    try {
      JsonNode json = JSON.readTree(body);
      return json != null && json.isContainerNode() ? json : null;
    } catch (IOException e) {
      return null;
    }
  }
}
