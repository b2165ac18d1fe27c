package dev.taskapi.log;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.taskapi.api.JsonStreams;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * One count of an event that is not a request's answer (a notice mail that could not be sent), as one Embedded
 * Metric Format line in the function's log, in the requests' namespace ({@link RequestMetrics}) with no dimension
 * (an empty dimension set: "Specification: Embedded metric format", Amazon CloudWatch User Guide).
 */
public final class EventMetric {
  private EventMetric() {}

  /** The EMF line counting one {@code name} at {@code timestampMillis}. */
  public static String line(String name, long timestampMillis) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JsonStreams.FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeObjectFieldStart("_aws");
      json.writeNumberField("Timestamp", timestampMillis);
      json.writeArrayFieldStart("CloudWatchMetrics");
      json.writeStartObject();
      json.writeStringField("Namespace", RequestMetrics.NAMESPACE);
      json.writeArrayFieldStart("Dimensions");
      json.writeStartArray();
      json.writeEndArray();
      json.writeEndArray();
      json.writeArrayFieldStart("Metrics");
      json.writeStartObject();
      json.writeStringField("Name", name);
      json.writeStringField("Unit", "Count");
      json.writeEndObject();
      json.writeEndArray();
      json.writeEndObject();
      json.writeEndArray();
      json.writeEndObject();
      json.writeNumberField(name, 1);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter: not reached
    }
    return out.toString();
  }

  /** Writes {@link #line} to {@code log}. */
  public static void count(PrintStream log, String name) {
    log.println(line(name, System.currentTimeMillis()));
  }
}
