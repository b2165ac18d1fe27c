package dev.taskapi.local.eventsource;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A function's partial batch response, read as Lambda reads it with {@code ReportBatchItemFailures} (Lambda
 * Developer Guide, "Handling errors for an SQS event source in Lambda", "Implementing partial batch responses"):
 * {@code {"batchItemFailures": [{"itemIdentifier": "<messageId>"}]}}.
 *
 * <ul>
 *   <li>a complete success: an empty or null list, an empty or null response;
 *   <li>a complete failure: invalid JSON, an empty or null itemIdentifier, an item without the {@code
 *       itemIdentifier} key, or an identifier that is not a message of the batch.
 * </ul>
 */
final class BatchItemFailures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BatchItemFailures() {}

  /**
   * The message ids to keep on the queue; empty when the response fails the whole batch.
   *
   * @param payload the function's response, JSON (null or blank when it returned nothing)
   */
  static Optional<Set<String>> failedMessageIds(String payload, Set<String> batch) {
    if (payload == null || payload.isBlank()) {
      return Optional.of(Set.of());
    }
    JsonNode response;
    try {
      response = JSON.readTree(payload);
    } catch (JacksonException e) {
      return Optional.empty();
    }
    if (response == null || response.isNull() || response.isObject() && response.isEmpty()) {
      return Optional.of(Set.of());
    }
    JsonNode failures = response.path("batchItemFailures");
    if (failures.isMissingNode() || failures.isNull()) {
      return Optional.of(Set.of());
    }
    if (!failures.isArray()) {
      return Optional.empty();
    }
    Set<String> failed = new LinkedHashSet<>();
    for (JsonNode failure : failures) {
      JsonNode id = failure.get("itemIdentifier");
      if (id == null || !id.isTextual() || id.asText().isEmpty() || !batch.contains(id.asText())) {
        return Optional.empty();
      }
      failed.add(id.asText());
    }
    return Optional.of(failed);
  }
}
