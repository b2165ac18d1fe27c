package dev.taskapi.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.testing.TestAccounts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * IAM as the deployed stack enforces it: the project's template lets every route work, and the same template with
 * one grant removed makes the route that needs it fail, with the denial logged (function, action, resource).
 */
class IamEnforcementTest {
  // The grant GET /tasks?completed= in a sorted order (due, updated, priority) needs: DynamoDB authorizes a Query of
  // an index on the index's ARN. (completed alone reads by-created, in creation order.)
  private static final String INDEX_GRANT = "                - !Sub \"${TasksTable.Arn}/index/by-completed\"\n";

  @Test
  void theFindingsOfTheProductionFidelityIssueWorkUnderEnforcement() {
    ApiClient api = LocalApi.shared().client();
    Account ada = api.newAccount();
    assertEquals(409, api.register("again", ada.email(), TestAccounts.NEW_PASSWORD).status(), "duplicate registration");
    assertEquals(200, api.listTasks(ada, "?completed=true&sort=due").status(), "the by-completed index");
    assertEquals(200, api.listTasks(ada, "?completed=false").status());
  }

  @Test
  void withoutTheIndexGrantTheCompletedFilterFailsAndTheDenialIsLogged() throws IOException {
    Path template = LocalApi.templateReplacing(INDEX_GRANT, "");
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(tee(captured, original), true, StandardCharsets.UTF_8));
    LocalApi api = LocalApi.startPrivate(options -> options.withTemplate(template));
    try {
      ApiClient client = api.client();
      Account ada = client.newAccount();
      assertEquals(200, client.listTasks(ada, "").status(), "the table grant is still there");
      int status = client.listTasks(ada, "?completed=true&sort=due").status();
      assertTrue(status >= 500, "GET /tasks?completed=true&sort=due answered " + status);
    } finally {
      api.close();
      System.setErr(original);
      Files.deleteIfExists(template);
    }
    assertTrue(captured.toString(StandardCharsets.UTF_8).contains("IAM denied: function=ListTasksFunction "
        + "action=dynamodb:Query resource=arn:aws:dynamodb:us-east-1:123456789012:table/TasksTable/index/by-completed"),
        "the denial names the function, the action and the resource");
  }

  private static OutputStream tee(OutputStream first, OutputStream second) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        synchronized (first) {
          first.write(b);
        }
        second.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        synchronized (first) {
          first.write(b, off, len);
        }
        second.write(b, off, len);
      }
    };
  }
}
