package dev.taskapi.local.scheduler;

import static dev.taskapi.local.scheduler.SchedulerErrors.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of a CreateSchedule or UpdateSchedule, checked as EventBridge Scheduler checks it (EventBridge Scheduler
 * API Reference, "CreateSchedule": each member's length, pattern and valid values; "Target", "RetryPolicy",
 * "FlexibleTimeWindow", "DeadLetterConfig") and given the documented defaults: GroupName {@code default},
 * ScheduleExpressionTimezone {@code UTC}, State {@code ENABLED}, ActionAfterCompletion {@code NONE}, RetryPolicy 185
 * attempts over 86,400 seconds.
 *
 * <p>What the local scheduler cannot do exactly is refused with a ValidationException that says so, never accepted
 * and ignored: {@code rate()} and {@code cron()} expressions (only one-time {@code at()} schedules are served),
 * targets other than a Lambda function (the templated Lambda Invoke target), {@code KmsKeyArn}.
 */
final class ScheduleDefinitions {
  /** What a valid request defines. */
  record Definition(String groupName, ObjectNode definition, Instant fireAt, Optional<String> clientToken) {}

  // CreateSchedule, "URI Request Parameters" and "Request Body".
  private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z-_.]{1,64}");
  private static final Pattern CLIENT_TOKEN = Pattern.compile("[a-zA-Z0-9-_]{1,64}");
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws(-[a-z]+)?:iam::\\d{12}:role/[\\w+=,.@/-]+");
  private static final Pattern QUEUE_ARN = Pattern.compile("arn:aws(-[a-z]+)?:sqs:[a-z0-9\\-]+:\\d{12}:[a-zA-Z0-9\\-_]+");
  // The templated Lambda target: a function's ARN, with or without a version or alias.
  private static final Pattern FUNCTION_ARN =
      Pattern.compile("arn:aws(-[a-z]+)?:lambda:[a-z0-9\\-]+:\\d{12}:function:[a-zA-Z0-9-_]+(:[a-zA-Z0-9-_$]+)?");
  // "Schedule types on EventBridge Scheduler", one-time schedules: at(yyyy-mm-ddThh:mm:ss).
  private static final Pattern AT = Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)");
  private static final Set<String> BODY_MEMBERS = Set.of("ActionAfterCompletion", "ClientToken", "Description",
      "EndDate", "FlexibleTimeWindow", "GroupName", "KmsKeyArn", "ScheduleExpression", "ScheduleExpressionTimezone",
      "StartDate", "State", "Target");
  private static final Set<String> TARGET_MEMBERS = Set.of("Arn", "RoleArn", "Input", "RetryPolicy",
      "DeadLetterConfig");
  // RetryPolicy: "MaximumEventAgeInSeconds" 60 to 86,400 and "MaximumRetryAttempts" 0 to 185; without a policy
  // Scheduler retries for 24 hours and up to 185 times ("Configuring a retry policy", Scheduler User Guide).
  static final int DEFAULT_MAXIMUM_EVENT_AGE = 86_400;
  static final int DEFAULT_MAXIMUM_RETRY_ATTEMPTS = 185;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ScheduleDefinitions() {}

  /** The schedule's name from the request path, checked. */
  static String name(String name) {
    if (!NAME.matcher(name).matches()) {
      throw validation("1 validation error detected: Value '" + name + "' at 'name' failed to satisfy constraint: "
          + "Member must satisfy regular expression pattern: [0-9a-zA-Z-_.]+ and have length 1 to 64");
    }
    return name;
  }

  /** A group name given in a query (GetSchedule, DeleteSchedule, ListSchedules), or the default group. */
  static String groupName(String group) {
    if (group == null) {
      return Schedule.DEFAULT_GROUP;
    }
    if (!NAME.matcher(group).matches()) {
      throw validation("Value '" + group + "' at 'groupName' failed to satisfy constraint: Member must satisfy "
          + "regular expression pattern: [0-9a-zA-Z-_.]+ and have length 1 to 64");
    }
    return group;
  }

  static Definition read(byte[] body) {
    JsonNode request;
    try {
      request = body.length == 0 ? JsonNodeFactory.instance.objectNode() : JSON.readTree(body);
    } catch (IOException e) {
      throw validation("The request body is not JSON");
    }
    if (!(request instanceof ObjectNode object)) {
      throw validation("The request body is not a JSON object");
    }
    for (String member : iterable(object)) {
      if (!BODY_MEMBERS.contains(member)) {
        throw validation("Unknown member " + member);
      }
    }
    if (object.has("KmsKeyArn")) {
      throw validation("KmsKeyArn: the local EventBridge Scheduler does not encrypt schedules with a customer "
          + "managed key (its folder is the owner's); leave it out");
    }
    String group = groupName(text(object, "GroupName", false, 1, 64));
    Optional<String> clientToken = Optional.ofNullable(text(object, "ClientToken", false, 1, 64));
    if (clientToken.isPresent() && !CLIENT_TOKEN.matcher(clientToken.get()).matches()) {
      throw validation("ClientToken must match [a-zA-Z0-9-_]+");
    }
    ObjectNode definition = JsonNodeFactory.instance.objectNode();
    String expression = text(object, "ScheduleExpression", true, 1, 256);
    String zone = Optional.ofNullable(text(object, "ScheduleExpressionTimezone", false, 1, 50)).orElse("UTC");
    Instant at = at(expression, zone);
    definition.put("ScheduleExpression", expression).put("ScheduleExpressionTimezone", zone);
    Optional.ofNullable(text(object, "Description", false, 0, 512)).ifPresent(d -> definition.put("Description", d));
    // StartDate and EndDate: "EventBridge Scheduler ignores StartDate/EndDate for one-time schedules" (CreateSchedule).
    for (String date : new String[] {"StartDate", "EndDate"}) {
      if (object.has(date)) {
        if (!object.get(date).isNumber()) {
          throw validation(date + " must be a timestamp");
        }
        definition.set(date, object.get(date));
      }
    }
    definition.put("State", oneOf(object, "State", Set.of("ENABLED", "DISABLED"), "ENABLED"));
    ObjectNode window = flexibleTimeWindow(object.get("FlexibleTimeWindow"));
    definition.set("FlexibleTimeWindow", window);
    definition.set("Target", target(object.get("Target")));
    definition.put("ActionAfterCompletion", oneOf(object, "ActionAfterCompletion", Set.of("NONE", "DELETE"), "NONE"));
    return new Definition(group, definition, at.plusSeconds(flexibleDelaySeconds(window)), clientToken);
  }

  /**
   * The instant of {@code at(yyyy-mm-ddThh:mm:ss)} in {@code zone}, an IANA time zone name. rate() and cron() are
   * refused: the local scheduler fires one-time schedules only.
   */
  static Instant at(String expression, String zone) {
    if (expression.startsWith("rate(") || expression.startsWith("cron(")) {
      throw validation("The local EventBridge Scheduler supports only one-time schedules, "
          + "at(yyyy-mm-ddThh:mm:ss); " + expression + " is a recurring schedule, which it does not fire");
    }
    Matcher matcher = AT.matcher(expression);
    if (!matcher.matches()) {
      throw validation("Invalid Schedule Expression " + expression + ": expected at(yyyy-mm-ddThh:mm:ss)");
    }
    if (!ZoneId.getAvailableZoneIds().contains(zone)) {
      throw validation("Invalid ScheduleExpressionTimezone " + zone + ": expected an IANA time zone name");
    }
    try {
      return LocalDateTime.parse(matcher.group(1)).atZone(ZoneId.of(zone)).toInstant();
    } catch (DateTimeParseException e) {
      throw validation("Invalid Schedule Expression " + expression + ": " + matcher.group(1) + " is no date and time");
    }
  }

  // FlexibleTimeWindow (required): Mode OFF or FLEXIBLE; FLEXIBLE needs MaximumWindowInMinutes, 1 to 1,440.
  private static ObjectNode flexibleTimeWindow(JsonNode spec) {
    if (!(spec instanceof ObjectNode window)) {
      throw validation("FlexibleTimeWindow is required");
    }
    String mode = oneOf(window, "Mode", Set.of("OFF", "FLEXIBLE"), null);
    ObjectNode checked = JsonNodeFactory.instance.objectNode().put("Mode", mode);
    JsonNode minutes = window.get("MaximumWindowInMinutes");
    if (mode.equals("FLEXIBLE")) {
      if (minutes == null || !minutes.canConvertToInt() || minutes.asInt() < 1 || minutes.asInt() > 1440) {
        throw validation("FlexibleTimeWindow Mode FLEXIBLE needs MaximumWindowInMinutes from 1 to 1440");
      }
      checked.put("MaximumWindowInMinutes", minutes.asInt());
    } else if (minutes != null) {
      throw validation("FlexibleTimeWindow Mode OFF takes no MaximumWindowInMinutes");
    }
    return checked;
  }

  /** A flexible window's delay: "invokes the target within the window" after the time, here at a random second. */
  private static long flexibleDelaySeconds(ObjectNode window) {
    return window.has("MaximumWindowInMinutes")
        ? ThreadLocalRandom.current().nextLong(window.get("MaximumWindowInMinutes").asLong() * 60) : 0;
  }

  private static ObjectNode target(JsonNode spec) {
    if (!(spec instanceof ObjectNode target)) {
      throw validation("Target is required");
    }
    for (String member : iterable(target)) {
      if (!TARGET_MEMBERS.contains(member)) {
        throw validation("Target." + member + ": the local EventBridge Scheduler invokes Lambda functions only "
            + "(the templated Lambda Invoke target), which take none");
      }
    }
    String arn = text(target, "Arn", true, 1, 1600);
    if (!FUNCTION_ARN.matcher(arn).matches()) {
      throw validation("Target.Arn " + arn + ": the local EventBridge Scheduler invokes Lambda functions only "
          + "(arn:aws:lambda:<region>:<account>:function:<name>)");
    }
    String role = text(target, "RoleArn", true, 1, 1600);
    if (!ROLE_ARN.matcher(role).matches()) {
      throw validation("Target.RoleArn " + role + " is not an IAM role ARN");
    }
    ObjectNode checked = JsonNodeFactory.instance.objectNode().put("Arn", arn).put("RoleArn", role);
    String input = text(target, "Input", false, 1, Integer.MAX_VALUE);
    if (input != null) {
      // Target.Input: for a templated Lambda target "the input must be a well-formed JSON".
      try {
        JSON.readTree(input);
      } catch (IOException e) {
        throw validation("Target.Input must be well-formed JSON for a Lambda target");
      }
      checked.put("Input", input);
    }
    JsonNode retry = target.path("RetryPolicy");
    checked.putObject("RetryPolicy")
        .put("MaximumEventAgeInSeconds", range(retry, "MaximumEventAgeInSeconds", 60, 86_400, DEFAULT_MAXIMUM_EVENT_AGE))
        .put("MaximumRetryAttempts", range(retry, "MaximumRetryAttempts", 0, 185, DEFAULT_MAXIMUM_RETRY_ATTEMPTS));
    if (target.has("DeadLetterConfig")) {
      String queue = text((ObjectNode) target.get("DeadLetterConfig"), "Arn", false, 1, 1600);
      if (queue != null && !QUEUE_ARN.matcher(queue).matches()) {
        throw validation("Target.DeadLetterConfig.Arn " + queue + " is not an SQS queue ARN");
      }
      checked.putObject("DeadLetterConfig").put("Arn", queue);
    }
    return checked;
  }

  private static int range(JsonNode spec, String member, int min, int max, int fallback) {
    JsonNode value = spec.get(member);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
      throw validation("RetryPolicy." + member + " must be from " + min + " to " + max + "; got " + value);
    }
    return value.asInt();
  }

  private static String oneOf(JsonNode spec, String member, Set<String> values, String fallback) {
    JsonNode value = spec.get(member);
    if (value == null || value.isNull()) {
      if (fallback == null) {
        throw validation(member + " is required");
      }
      return fallback;
    }
    if (!values.contains(value.asText())) {
      throw validation("Value '" + value.asText() + "' at '" + member + "' failed to satisfy constraint: Member must "
          + "satisfy enum value set: " + values);
    }
    return value.asText();
  }

  private static String text(ObjectNode spec, String member, boolean required, int min, int max) {
    JsonNode value = spec.get(member);
    if (value == null || value.isNull()) {
      if (required) {
        throw validation(member + " is required");
      }
      return null;
    }
    if (!value.isTextual() || value.asText().length() < min || value.asText().length() > max) {
      throw validation(member + " must be a string of length " + min + " to " + max);
    }
    return value.asText();
  }

  private static Iterable<String> iterable(ObjectNode object) {
    return object::fieldNames;
  }
}
