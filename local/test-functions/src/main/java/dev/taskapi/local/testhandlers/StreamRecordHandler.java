package dev.taskapi.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A DynamoDB stream consumer for the event source mapping tests: appends one line per invocation, the batch's
 * "eventName:pk" entries, to the file named by the system property {@code taskapi.test.streamLog} (the local stack
 * runs functions in the test's JVM). An item whose {@code mode} is {@code fail} makes the invocation throw; one whose
 * mode is {@code fail-once} is reported in {@code batchItemFailures} the first time it arrives.
 */
public final class StreamRecordHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private static final Set<String> REPORTED_ONCE = ConcurrentHashMap.newKeySet();

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    List<Map<String, Object>> records = (List<Map<String, Object>>) event.get("Records");
    List<String> entries = new ArrayList<>();
    List<Map<String, String>> failures = new ArrayList<>();
    boolean fail = false;
    for (Map<String, Object> record : records) {
      Map<String, Object> dynamodb = (Map<String, Object>) record.get("dynamodb");
      String pk = attribute((Map<String, Object>) dynamodb.get("Keys"), "pk");
      String mode = attribute((Map<String, Object>) dynamodb.get("NewImage"), "mode");
      entries.add(record.get("eventName") + ":" + pk + ":" + record.get("eventSourceARN").toString().contains("/stream/"));
      fail |= "fail".equals(mode);
      if ("fail-once".equals(mode) && REPORTED_ONCE.add(pk)) {
        failures.add(Map.of("itemIdentifier", String.valueOf(dynamodb.get("SequenceNumber"))));
      }
    }
    log(String.join(",", entries));
    if (fail) {
      throw new IllegalStateException("a record asked to fail");
    }
    return Map.of("batchItemFailures", failures);
  }

  @SuppressWarnings("unchecked")
  private static String attribute(Map<String, Object> image, String name) {
    if (image == null || !(image.get(name) instanceof Map<?, ?> value)) {
      return null;
    }
    return String.valueOf(((Map<String, Object>) value).get("S"));
  }

  private static void log(String line) {
    String file = System.getProperty("taskapi.test.streamLog");
    if (file == null) {
      return;
    }
    try {
      Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
