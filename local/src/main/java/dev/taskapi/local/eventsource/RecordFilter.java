package dev.taskapi.local.eventsource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import software.amazon.event.ruler.Machine;

/**
 * A mapping's FilterCriteria: a record goes to the function when any of its patterns matches it, none at all when
 * the mapping has no filter (Lambda Developer Guide, "Control which events Lambda sends to your function"; "Filtering
 * Amazon DynamoDB events": the pattern is matched against the stream record as Lambda receives it, its {@code
 * dynamodb} keys and images in DynamoDB JSON, e.g. {@code {"dynamodb": {"NewImage": {"kind": {"S": ["task"]}}}}}).
 * The patterns are read and matched by event-ruler, the library that implements that pattern syntax.
 */
final class RecordFilter {
  private final Machine machine;

  private RecordFilter(Machine machine) {
    this.machine = machine;
  }

  static RecordFilter of(String mapping, List<String> patterns) {
    if (patterns.isEmpty()) {
      return new RecordFilter(null);
    }
    Machine machine = new Machine();
    for (int i = 0; i < patterns.size(); i++) {
      try {
        machine.addRule("filter-" + i, patterns.get(i));
      } catch (Exception e) {
        // Lambda refuses the mapping: "InvalidParameterValueException: Invalid filter pattern definition."
        throw new IllegalArgumentException(mapping + ": invalid filter pattern " + patterns.get(i) + ": "
            + e.getMessage(), e);
      }
    }
    return new RecordFilter(machine);
  }

  boolean passes(ObjectNode record) {
    if (machine == null) {
      return true;
    }
    try {
      return !machine.rulesForJSONEvent(record.toString()).isEmpty();
    } catch (Exception e) {
      return false; // a record event-ruler cannot read matches no pattern
    }
  }
}
