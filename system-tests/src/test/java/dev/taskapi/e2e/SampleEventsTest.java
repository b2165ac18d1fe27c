package dev.taskapi.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskapi.local.LocalRuntime;
import dev.taskapi.local.lambda.InvocationResult;
import dev.taskapi.local.lambda.LambdaFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every file in events/ through its function's real handler, as {@code bin/invoke} and {@code sam local invoke}
 * run it, in an order that makes each answer deterministic on a fresh table.
 */
class SampleEventsTest {
  private static final Path EVENTS = Path.of("..", "events");

  /** Event file, function, and the status it must answer (or the authorizer's error message). */
  private record Expectation(String function, String outcome) {}

  private static final Map<String, Expectation> EXPECTED = new LinkedHashMap<>();

  static {
    EXPECTED.put("register.json", new Expectation("RegisterFunction", "200"));
    EXPECTED.put("login.json", new Expectation("LoginFunction", "200"));
    EXPECTED.put("list-tasks.json", new Expectation("ListTasksFunction", "200"));
    EXPECTED.put("delete-task.json", new Expectation("DeleteTaskFunction", "404"));
    EXPECTED.put("get-task.json", new Expectation("GetTaskFunction", "404"));
    EXPECTED.put("update-task.json", new Expectation("UpdateTaskFunction", "404"));
    EXPECTED.put("move-task.json", new Expectation("MoveTaskFunction", "404"));
    // A full sync of an account with nothing stored: its default list.
    EXPECTED.put("sync.json", new Expectation("SyncFunction", "200"));
    // The sample caller's account does not exist in a fresh table (a task is created only for a live account).
    EXPECTED.put("create-task.json", new Expectation("CreateTaskFunction", "404"));
    // The batch answers 200, its one create a 404 result for the same reason.
    EXPECTED.put("batch.json", new Expectation("BatchFunction", "200"));
    // Every account has its default list, written or not; the samples' other list does not exist in a fresh table.
    EXPECTED.put("list-lists.json", new Expectation("ListListsFunction", "200"));
    EXPECTED.put("get-list.json", new Expectation("GetListFunction", "200"));
    EXPECTED.put("update-list.json", new Expectation("UpdateListFunction", "404"));
    EXPECTED.put("delete-list.json", new Expectation("DeleteListFunction", "404"));
    EXPECTED.put("create-list.json", new Expectation("CreateListFunction", "404"));
    // The sample caller's account does not exist: no webhook is created for it, and it has none to list, delete
    // or test.
    EXPECTED.put("create-webhook.json", new Expectation("CreateWebhookFunction", "404"));
    EXPECTED.put("list-webhooks.json", new Expectation("ListWebhooksFunction", "200"));
    EXPECTED.put("delete-webhook.json", new Expectation("DeleteWebhookFunction", "404"));
    EXPECTED.put("test-webhook.json", new Expectation("TestWebhookFunction", "404"));
    EXPECTED.put("get-account.json", new Expectation("GetAccountFunction", "404"));
    EXPECTED.put("delete-account.json", new Expectation("DeleteAccountFunction", "404"));
    EXPECTED.put("change-password.json", new Expectation("ChangePasswordFunction", "404"));
    // No such session in a fresh table: the refresh is refused, and logging out of it changes nothing.
    EXPECTED.put("refresh.json", new Expectation("RefreshFunction", "401"));
    EXPECTED.put("logout.json", new Expectation("LogoutFunction", "200"));
    // A reset request is a 202 for any address; the sample's token was never mailed.
    EXPECTED.put("password-reset.json", new Expectation("PasswordResetFunction", "202"));
    EXPECTED.put("password-reset-confirm.json", new Expectation("PasswordResetConfirmFunction", "400"));
    // Not API events: their answers are batch responses. The sample's owner has no webhooks: nothing is queued;
    // the sample delivery's webhook does not exist: it is dropped, done.
    EXPECTED.put("publish-webhook-events.json",
        new Expectation("PublishWebhookEventsFunction", "{\"batchItemFailures\":[]}"));
    EXPECTED.put("deliver-webhook.json", new Expectation("DeliverWebhookFunction", "{\"batchItemFailures\":[]}"));
    // The sample task's completion cancels its reminder's schedule, which was never created here: no error. The
    // sample schedule's task does not exist: nothing fires, and the function answers nothing (Scheduler reads no
    // answer).
    EXPECTED.put("schedule-reminders.json",
        new Expectation("ScheduleRemindersFunction", "{\"batchItemFailures\":[]}"));
    EXPECTED.put("fire-reminder.json", new Expectation("FireReminderFunction", ""));
    // The sample token is deliberately invalid (a valid one would expire); the authorizer refuses it.
    EXPECTED.put("authorizer.json", new Expectation("AuthorizerFunction", "Unauthorized"));
  }

  @Test
  void everySampleEventHasAnExpectation() throws IOException {
    Set<String> files = new TreeSet<>();
    try (Stream<Path> list = Files.list(EVENTS)) {
      list.forEach(p -> files.add(p.getFileName().toString()));
    }
    assertEquals(new TreeSet<>(EXPECTED.keySet()), files);
  }

  @Test
  void everySampleEventAnswersAsExpected() throws Exception {
    Path data = Files.createTempDirectory("taskapi-events-");
    try (LocalRuntime runtime = LocalRuntime.start(LocalApi.options(data))) {
      for (Map.Entry<String, Expectation> entry : EXPECTED.entrySet()) {
        LambdaFunction function = runtime.functions().get(entry.getValue().function());
        byte[] event = Files.readAllBytes(EVENTS.resolve(entry.getKey()));
        InvocationResult result = function.invokeJson(event, "events-test", Duration.ofSeconds(30));
        assertEquals(entry.getValue().outcome(), outcome(result), entry.getKey());
      }
    }
  }

  private static String outcome(InvocationResult result) {
    return switch (result) {
      case InvocationResult.Returned returned -> statusCode(returned.payload());
      case InvocationResult.Failed failed -> failed.error().getMessage();
      default -> result.toString();
    };
  }

  /** A proxy response's status; any other answer (a batch response) whole. */
  private static String statusCode(String proxyResponse) {
    try {
      var answer = new ObjectMapper().readTree(proxyResponse);
      return answer.has("statusCode") ? answer.get("statusCode").asText() : proxyResponse;
    } catch (IOException e) {
      throw new AssertionError("not a proxy response: " + proxyResponse, e);
    }
  }
}
