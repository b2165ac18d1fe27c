package dev.taskapi.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Data and keys live in the data folder: a restarted stack still knows its users, tasks and tokens. */
class RestartTest {
  @Test
  void usersTasksAndTokensSurviveARestart() {
    LocalApi local = LocalApi.startPrivate();
    try {
      ApiClient api = local.client();
      Account ada = api.newAccount();
      String id = api.createTask(ada, Map.of("title", "remember me")).json().path("task").path("uuid").asText();

      local.restart();
      api = local.client();

      Response listed = api.listTasks(ada, "");
      assertEquals(200, listed.status(), "the old token verifies with the persisted key: " + listed.text());
      assertEquals(id, listed.json().path("tasks").get(0).path("uuid").asText());
      assertEquals(200, api.login(ada.email(), ada.password()).status());
    } finally {
      local.close();
    }
  }
}
