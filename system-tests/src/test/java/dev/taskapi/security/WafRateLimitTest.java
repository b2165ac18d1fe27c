package dev.taskapi.security;

import static dev.taskapi.security.SecurityStack.assertProblemJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.taskapi.e2e.ApiClient;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.e2e.ApiClient.Response;
import dev.taskapi.e2e.LocalApi;
import dev.taskapi.local.template.TemplateLoader;
import dev.taskapi.local.template.WebAclDef;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Security finding 2: one client could make every user's refresh, login, registration and reset answer 429, as
 * they shared one throttle. With the template's defaults, the stack's WAF rule limits each client IP on those
 * routes: the client over its limit is refused, and another client at the same time is not. Clients come from
 * different loopback addresses, which the local stack sees as different client IPs, as AWS WAF sees two sources.
 */
class WafRateLimitTest {
  private static final String CREDENTIAL_RULE = "CredentialRoutesPerIp";

  @Test
  void aClientOverTheCredentialRoutesLimitIsRefusedWhileAnotherLogsInAndRefreshes() {
    // The rule as the template deploys it with its default parameters: the limit and window come from there.
    WebAclDef.RateRule rule = TemplateLoader.load(Path.of("..", "template.yaml"), Map.of(), "us-east-1").webAcl()
        .orElseThrow(() -> new AssertionError("the template's defaults deploy no WAF"))
        .rules().stream().filter(r -> r.name().equals(CREDENTIAL_RULE)).findFirst().orElseThrow();
    LocalApi stack = LocalApi.startPrivate(options -> options.withParameterOverrides(
        Map.of(LocalApi.WAF_SWITCH, "Enabled")));
    try {
      ApiClient flooder = stack.clientFrom("127.0.0.2");
      ApiClient user = stack.clientFrom("127.0.0.3");
      Account bob = user.newAccount();

      for (int i = 1; i <= rule.limit(); i++) {
        Response refused = flooder.refresh("not-a-refresh-token-" + i);
        assertNotEquals(429, refused.status(), "request " + i + " is within the limit: " + refused.text());
      }
      Response blocked = flooder.refresh("not-a-refresh-token");
      assertEquals(429, blocked.status(), blocked.text());
      assertProblemJson(blocked);
      assertEquals(String.valueOf(rule.windowSeconds()), blocked.header("Retry-After").orElseThrow());
      // The rule counts the credential routes together: the flooder cannot move on to another one.
      assertEquals(429, flooder.login(bob.email(), bob.password()).status());
      assertEquals(429, flooder.post("/auth/password-reset", Map.of("email", bob.email())).status());
      assertEquals(429, flooder.register("x", "x-" + bob.email(), "long enough password").status());

      // Meanwhile another client signs in and refreshes as usual.
      Response login = user.login(bob.email(), bob.password());
      assertEquals(200, login.status(), login.text());
      Response refreshed = user.refresh(login.json().path("refresh_token").asText());
      assertEquals(200, refreshed.status(), refreshed.text());
      // And the flooder's address is limited on the credential routes only (the rule's scope-down).
      assertEquals(200, flooder.listTasks(bob, "").status());
    } finally {
      stack.close();
    }
  }
}
