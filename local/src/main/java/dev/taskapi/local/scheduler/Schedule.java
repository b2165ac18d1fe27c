package dev.taskapi.local.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.local.aws.FakeAws;
import java.time.Instant;
import java.util.Optional;

/**
 * One stored schedule of the local EventBridge Scheduler.
 *
 * @param definition what CreateSchedule or UpdateSchedule set, as GetSchedule answers it ({@code
 *     ScheduleExpression}, {@code ScheduleExpressionTimezone}, {@code State}, {@code FlexibleTimeWindow}, {@code
 *     Target} with its {@code RetryPolicy}, {@code ActionAfterCompletion}...), the documented defaults filled in
 * @param fireAt when it is due: the at() time in its time zone, plus the random delay of a flexible time window
 * @param completed whether it has fired (a one-time schedule never fires again, unless an update gives it a time
 *     again)
 * @param clientToken the ClientToken of the CreateSchedule that made it, with {@code requestDigest}, the digest of
 *     that request: the same request again is answered as the first was
 */
public record Schedule(String name, String groupName, ObjectNode definition, Instant creationDate,
    Instant lastModificationDate, Instant fireAt, boolean completed, String clientToken, String requestDigest) {
  static final String DEFAULT_GROUP = "default";

  public Schedule {
    definition = definition.deepCopy();
  }

  @Override
  public ObjectNode definition() {
    return definition.deepCopy();
  }

  /** {@code <group>/<name>}, unique per account and region. */
  String key() {
    return key(groupName, name);
  }

  static String key(String group, String name) {
    return group + "/" + name;
  }

  public String arn(String region) {
    return FakeAws.scheduleArn(region, groupName, name);
  }

  public String state() {
    return definition.path("State").asText();
  }

  public String scheduleExpression() {
    return definition.path("ScheduleExpression").asText();
  }

  public String actionAfterCompletion() {
    return definition.path("ActionAfterCompletion").asText();
  }

  public String targetArn() {
    return target().path("Arn").asText();
  }

  public String roleArn() {
    return target().path("RoleArn").asText();
  }

  public Optional<String> input() {
    return Optional.ofNullable(target().path("Input").textValue());
  }

  public Optional<String> deadLetterArn() {
    return Optional.ofNullable(target().path("DeadLetterConfig").path("Arn").textValue());
  }

  int maximumRetryAttempts() {
    return target().path("RetryPolicy").path("MaximumRetryAttempts").asInt();
  }

  int maximumEventAgeInSeconds() {
    return target().path("RetryPolicy").path("MaximumEventAgeInSeconds").asInt();
  }

  private JsonNode target() {
    return definition.path("Target");
  }

  Schedule fired() {
    return new Schedule(name, groupName, definition, creationDate, lastModificationDate, fireAt, true, clientToken,
        requestDigest);
  }

  /** The GetSchedule answer: the definition with the schedule's ARN, name, group and dates (epoch seconds). */
  ObjectNode toGetScheduleAnswer(String region) {
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    answer.put("Arn", arn(region)).put("Name", name).put("GroupName", groupName);
    answer.setAll(definition());
    answer.put("CreationDate", epochSeconds(creationDate)).put("LastModificationDate",
        epochSeconds(lastModificationDate));
    return answer;
  }

  /** The ListSchedules entry ("ScheduleSummary"). */
  ObjectNode toSummary(String region) {
    ObjectNode summary = JsonNodeFactory.instance.objectNode();
    summary.put("Arn", arn(region)).put("Name", name).put("GroupName", groupName).put("State", state())
        .put("CreationDate", epochSeconds(creationDate))
        .put("LastModificationDate", epochSeconds(lastModificationDate));
    summary.putObject("Target").put("Arn", targetArn());
    return summary;
  }

  /** How the data folder keeps it. */
  ObjectNode toStored() {
    ObjectNode stored = JsonNodeFactory.instance.objectNode();
    stored.put("Name", name).put("GroupName", groupName).set("Definition", definition());
    stored.put("CreationDate", creationDate.toString()).put("LastModificationDate", lastModificationDate.toString())
        .put("FireAt", fireAt.toString()).put("Completed", completed).put("ClientToken", clientToken)
        .put("RequestDigest", requestDigest);
    return stored;
  }

  static Schedule fromStored(JsonNode stored) {
    return new Schedule(stored.path("Name").asText(), stored.path("GroupName").asText(),
        (ObjectNode) stored.path("Definition"), Instant.parse(stored.path("CreationDate").asText()),
        Instant.parse(stored.path("LastModificationDate").asText()), Instant.parse(stored.path("FireAt").asText()),
        stored.path("Completed").asBoolean(), stored.path("ClientToken").asText(),
        stored.path("RequestDigest").asText());
  }

  // REST-JSON timestamps without a timestampFormat trait are epoch seconds (a number, fractions allowed).
  private static double epochSeconds(Instant instant) {
    return instant.toEpochMilli() / 1000.0;
  }
}
