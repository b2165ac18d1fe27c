package dev.taskapi.local.template;

import static dev.taskapi.local.template.ProjectTemplate.list;
import static dev.taskapi.local.template.ProjectTemplate.map;
import static dev.taskapi.local.template.ProjectTemplate.properties;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The template's operations resources (docs/operations.md: Operating it) stay complete as functions are added, and the two
 * JSON documents CloudFormation passes on unread are JSON: CloudWatch's PutDashboard and API Gateway's access-log
 * format refuse anything else only at deploy time.
 */
class OperationsTemplateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, Object> template = ProjectTemplate.parse();
  private final Map<String, Object> resources = map(template.get("Resources"));

  @Test
  void everyFunctionsErrorsAndThrottlesRaiseAnAlarmThatNotifiesTheTopic() {
    Set<String> expected = new TreeSet<>();
    for (var resource : resources.entrySet()) {
      if (map(resource.getValue()).get("Type").equals("AWS::Serverless::Function")) {
        String function = resource.getKey();
        // The authorizer's errors and throttles share AuthorizerFailuresAlarm, a rollback trigger.
        expected.addAll(
            function.equals("AuthorizerFunction")
                ? List.of("Errors AuthorizerFunction", "Throttles AuthorizerFunction")
                : List.of("Errors " + function, "Throttles " + function));
      }
    }
    Set<String> alarmed = new TreeSet<>();
    for (var resource : resources.entrySet()) {
      Map<String, Object> definition = map(resource.getValue());
      if (!definition.get("Type").equals("AWS::CloudWatch::Alarm")) {
        continue;
      }
      Map<String, Object> alarm = map(definition.get("Properties"));
      assertEquals(List.of(Map.of("Ref", "AlarmTopic")), alarm.get("AlarmActions"), resource.getKey());
      assertEquals(List.of(Map.of("Ref", "AlarmTopic")), alarm.get("OKActions"), resource.getKey());
      List<Map<String, Object>> metrics =
          alarm.containsKey("Metrics")
              ? list(alarm.get("Metrics")).stream()
                  .map(ProjectTemplate::map)
                  .filter(metric -> metric.containsKey("MetricStat"))
                  .map(metric -> map(map(metric.get("MetricStat")).get("Metric")))
                  .toList()
              : List.of(alarm);
      for (Map<String, Object> metric : metrics) {
        if ("AWS/Lambda".equals(metric.get("Namespace"))
            && List.of("Errors", "Throttles").contains(metric.get("MetricName"))) {
          Map<String, Object> dimension = map(list(metric.get("Dimensions")).getFirst());
          alarmed.add(metric.get("MetricName") + " " + map(dimension.get("Value")).get("Ref"));
        }
      }
    }
    assertEquals(expected, alarmed);
  }

  /**
   * A stream consumer that falls behind loses what it has not read when the records expire (24 hours), so each
   * function with a DynamoDB event has an IteratorAge alarm, and each dead-letter queue (every queue no function
   * reads) a depth alarm.
   */
  @Test
  void streamConsumersLagAndDeadLetterQueuesDepthRaiseAlarms() {
    Set<String> consumers = new TreeSet<>();
    Set<String> deadLetterQueues = new TreeSet<>();
    for (var resource : resources.entrySet()) {
      Map<String, Object> definition = map(resource.getValue());
      Map<String, Object> properties = map(definition.get("Properties"));
      if (definition.get("Type").equals("AWS::Serverless::Function") && properties.get("Events") != null) {
        map(properties.get("Events")).values().stream()
            .filter(event -> "DynamoDB".equals(map(event).get("Type")))
            .forEach(event -> consumers.add(resource.getKey()));
      }
      if (definition.get("Type").equals("AWS::SQS::Queue")) {
        deadLetterQueues.add(resource.getKey());
      }
    }
    // A queue no function reads is where what failed is kept (a redrive target, a schedule's dead-letter queue):
    // each message in it is something that did not happen.
    for (Object definition : resources.values()) {
      Map<String, Object> properties = map(map(definition).get("Properties"));
      if (map(definition).get("Type").equals("AWS::Serverless::Function") && properties.get("Events") != null) {
        for (Object event : map(properties.get("Events")).values()) {
          if ("SQS".equals(map(event).get("Type"))) {
            deadLetterQueues.remove((String) list(map(map(map(event).get("Properties")).get("Queue")).get("Fn::GetAtt"))
                .getFirst());
          }
        }
      }
    }
    Set<String> lagAlarmed = new TreeSet<>();
    Set<String> depthAlarmed = new TreeSet<>();
    for (var resource : resources.entrySet()) {
      Map<String, Object> definition = map(resource.getValue());
      if (!definition.get("Type").equals("AWS::CloudWatch::Alarm")) {
        continue;
      }
      Map<String, Object> alarm = map(definition.get("Properties"));
      if (alarm.get("Dimensions") == null) {
        continue;
      }
      Object value = map(list(alarm.get("Dimensions")).getFirst()).get("Value");
      if ("IteratorAge".equals(alarm.get("MetricName"))) {
        lagAlarmed.add((String) map(value).get("Ref"));
      }
      if ("ApproximateNumberOfMessagesVisible".equals(alarm.get("MetricName"))) {
        depthAlarmed.add((String) list(map(value).get("Fn::GetAtt")).getFirst());
      }
    }
    assertEquals(Set.of("PublishWebhookEventsFunction", "ScheduleRemindersFunction"), consumers);
    assertEquals(consumers, lagAlarmed);
    assertEquals(Set.of("ReminderDeadLetterQueue", "WebhookDeliveryDeadLetterQueue"), deadLetterQueues);
    assertEquals(deadLetterQueues, depthAlarmed);
  }

  @Test
  void gradualDeploymentsRollBackOnAlarmsOfThisTemplate() {
    Map<String, Object> preference = map(map(map(template.get("Globals")).get("Function")).get("DeploymentPreference"));
    assertEquals(Map.of("Ref", "DeploymentType"), preference.get("Type"));
    List<Object> alarms = list(preference.get("Alarms"));
    assertTrue(!alarms.isEmpty() && alarms.size() <= 10, "CodeDeploy takes 1 to 10 alarms: " + alarms);
    for (Object alarm : alarms) {
      String name = (String) map(alarm).get("Ref");
      assertEquals("AWS::CloudWatch::Alarm", map(resources.get(name)).get("Type"), name);
    }
  }

  @Test
  void theDashboardBodyIsJson() throws Exception {
    String body = (String) map(properties(template, "OperationsDashboard").get("DashboardBody")).get("Fn::Sub");
    // Fn::Sub's ${...} become a value; what is left must be JSON.
    JsonNode dashboard = JSON.readTree(body.replaceAll("\\$\\{[^}!]+}", "1"));
    assertTrue(dashboard.path("widgets").size() > 5, body);
  }

  @Test
  void theAccessLogIsOneJsonObjectWithTheFieldsOperatorsQuery() throws Exception {
    Map<String, Object> setting = map(properties(template, "TaskApi").get("AccessLogSetting"));
    String format = (String) setting.get("Format");
    assertTrue(format.contains("$context.requestId"), "API Gateway requires $context.requestId: " + format);
    JsonNode line = JSON.readTree(format.replaceAll("\\$context\\.[A-Za-z.]+", "1"));
    Set<String> fields = new TreeSet<>();
    line.fieldNames().forEachRemaining(fields::add);
    assertTrue(
        fields.containsAll(
            Set.of("request_id", "ip", "method", "resource_path", "status", "latency_ms", "authorizer_error", "user_id")),
        fields.toString());
    assertEquals(Map.of("Fn::GetAtt", List.of("ApiAccessLogGroup", "Arn")), setting.get("DestinationArn"));
    assertEquals(
        Map.of("Ref", "LogRetentionDays"), properties(template, "ApiAccessLogGroup").get("RetentionInDays"));
  }
}
