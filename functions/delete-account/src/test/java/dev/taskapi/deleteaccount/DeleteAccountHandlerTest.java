package dev.taskapi.deleteaccount;

import static dev.taskapi.testing.Responses.assertJson;
import static dev.taskapi.testing.Responses.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.taskapi.domain.Session;
import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.User;
import dev.taskapi.http.Cors;
import dev.taskapi.password.PasswordHasher;
import dev.taskapi.testing.InMemoryLoginStore;
import dev.taskapi.testing.InMemoryPasswordResetStore;
import dev.taskapi.testing.InMemorySessionStore;
import dev.taskapi.testing.InMemoryTaskStore;
import dev.taskapi.testing.InMemoryUserStore;
import dev.taskapi.testing.Lambda;
import dev.taskapi.testing.Requests;
import dev.taskapi.testing.TestCrypto;
import dev.taskapi.testing.TestPasswords;
import dev.taskapi.domain.PasswordReset;
import dev.taskapi.testing.TestTasks;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeleteAccountHandlerTest {
  private final InMemoryUserStore users = new InMemoryUserStore();
  private final InMemoryTaskStore tasks = new InMemoryTaskStore();
  private final PasswordHasher hasher = TestPasswords.fastHasher();
  private final InMemorySessionStore sessions = new InMemorySessionStore();
  private final InMemoryPasswordResetStore resets = new InMemoryPasswordResetStore();
  private final InMemoryLoginStore resetMailWindows = new InMemoryLoginStore();
  private final DeleteAccountHandler handler = new DeleteAccountHandler(users, tasks, sessions, resets,
      resetMailWindows, TestPasswords.passwordAttempts(new InMemoryLoginStore(), hasher), Cors.none());
  private final TaskIds ids = new TaskIds();
  private User ada;
  private User bob;

  @BeforeEach
  void seed() {
    ada = new User("user-ada", "Ada", "ada@example.com", hasher.hash("correct horse"), TestCrypto.NOW);
    bob = new User("user-bob", "Bob", "bob@example.com", hasher.hash("battery staple"), TestCrypto.NOW);
    users.create(ada);
    users.create(bob);
    for (User user : List.of(ada, ada, bob)) {
      tasks.create(
          TestTasks.task(ids.next(TestCrypto.NOW.toEpochMilli()).toString(), user.id(), "t", ""), user.email());
    }
  }

  private APIGatewayProxyResponseEvent delete(String body) {
    return Lambda.invoke(handler, Requests.asCaller(Requests.json(body), ada.id(), ada.email()), null);
  }

  @Test
  void theRightPasswordDeletesTheAccountAndItsTasksOnly() {
    Instant now = TestCrypto.NOW;
    sessions.create(new Session("family-ada", ada.id(), ada.email(), 0, "hash-a", now, now, now.plusSeconds(60)));
    sessions.create(new Session("family-bob", bob.id(), bob.email(), 0, "hash-b", now, now, now.plusSeconds(60)));
    assertEquals("Account deleted", assertJson(delete("{\"password\":\"correct horse\"}"), 200).get("message").asText());

    assertEquals(List.of(bob), users.all());
    assertTrue(tasks.tasksOf(ada.id()).isEmpty());
    assertEquals(1, tasks.tasksOf(bob.id()).size());
    assertEquals(List.of("family-bob"), sessions.all().stream().map(Session::familyId).toList(), "and its sessions");
    assertProblem(delete("{\"password\":\"correct horse\"}"), 404);
  }

  @Test
  void itsPendingResetTokensAndItsResetMailWindowGoWithIt() {
    Instant later = TestCrypto.NOW.plusSeconds(1800);
    resets.create(new PasswordReset("reset-ada", ada.id(), ada.email(), 0, later));
    resets.create(new PasswordReset("reset-bob", bob.id(), bob.email(), 0, later));
    resetMailWindows.reserve(ada.email(), TestCrypto.NOW, 3, later);
    resetMailWindows.reserve(bob.email(), TestCrypto.NOW, 3, later);

    assertJson(delete("{\"password\":\"correct horse\"}"), 200);

    assertTrue(resets.find("reset-ada").isEmpty());
    assertTrue(resets.find("reset-bob").isPresent());
    assertFalse(resetMailWindows.hasWindow(ada.email()));
    assertTrue(resetMailWindows.hasWindow(bob.email()));
  }

  @Test
  void aWrongOrMissingPasswordChangesNothing() {
    assertProblem(delete("{\"password\":\"wrong horse\"}"), 403);
    assertProblem(delete("{}"), 400);
    assertProblem(delete("{\"password\":7}"), 400);
    assertEquals(2, users.all().size());
    assertEquals(2, tasks.tasksOf(ada.id()).size());
  }
}
