package dev.taskapi.local.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskapi.local.iam.FunctionPolicies;
import dev.taskapi.local.iam.GrantUsage;
import dev.taskapi.local.iam.IamAuthorizer;
import dev.taskapi.local.iam.Principals;
import dev.taskapi.local.iam.Statement;
import dev.taskapi.local.lambda.FunctionCredentials;
import dev.taskapi.local.template.SecretDef;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsEndpointTest {
  @TempDir Path dataDir;

  @Test
  void servesTheExtensionApiToHoldersOfTheSessionToken() throws Exception {
    LocalSecrets secrets = LocalSecrets.load(
        List.of(new SecretDef("Key", "Key", Optional.empty(), 32, true, "")), dataDir, Map.of(), "us-east-1");
    LocalSecret key = secrets.find("Key").orElseThrow();
    Principals principals = new Principals(Map.of(
        "Reader", new FunctionCredentials("ASIAREADER", "secret", "session-token"),
        "Other", new FunctionCredentials("ASIAOTHER", "secret", "other-token")));
    IamAuthorizer authorizer = new IamAuthorizer(FunctionPolicies.of(Map.of(
        "Reader", List.of(new Statement("Policies[0]", Statement.Effect.ALLOW, List.of("secretsmanager:GetSecretValue"),
            List.of(key.arn()), List.of())),
        "Other", List.of())), GrantUsage.fromSystemProperty());
    try (SecretsEndpoint endpoint = SecretsEndpoint.start(secrets, principals, authorizer, 0);
        HttpClient http = HttpClient.newHttpClient()) {
      String base = "http://127.0.0.1:" + endpoint.port() + "/secretsmanager/get?secretId=";
      assertEquals(403, get(http, base + "Key", null).statusCode());
      assertEquals(403, get(http, base + "Key", "wrong").statusCode());
      assertEquals(400, get(http, base + "Key", "other-token").statusCode(), "Other's policies grant nothing");
      assertEquals(400, get(http, base, "session-token").statusCode());
      assertEquals(404, get(http, base + "Unknown", "session-token").statusCode());

      HttpResponse<String> ok = get(http, base + "Key", "session-token");
      assertEquals(200, ok.statusCode());
      JsonNode body = new ObjectMapper().readTree(ok.body());
      LocalSecret secret = key;
      assertEquals("Key", body.get("Name").asText());
      assertEquals(secret.value(), body.get("SecretString").asText());
      assertEquals(secret.arn(), body.get("ARN").asText());
      assertEquals("AWSCURRENT", body.get("VersionStages").get(0).asText());
      assertEquals(secret.versionId(), body.get("VersionId").asText());

      String byArn = base + java.net.URLEncoder.encode(secret.arn(), java.nio.charset.StandardCharsets.UTF_8);
      assertEquals(200, get(http, byArn, "session-token").statusCode());
    }
  }

  @Test
  void refusesASecretTheCallersPoliciesDoNotGrant() throws Exception {
    LocalSecrets secrets = LocalSecrets.load(List.of(new SecretDef("Key", "Key", Optional.empty(), 32, true, "")),
        dataDir, Map.of(), "us-east-1");
    Principals principals = new Principals(Map.of("Other", new FunctionCredentials("ASIAOTHER", "s", "other-token")));
    IamAuthorizer authorizer =
        new IamAuthorizer(FunctionPolicies.of(Map.of("Other", List.of())), GrantUsage.fromSystemProperty());
    try (SecretsEndpoint endpoint = SecretsEndpoint.start(secrets, principals, authorizer, 0);
        HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> denied =
          get(http, "http://127.0.0.1:" + endpoint.port() + "/secretsmanager/get?secretId=Key", "other-token");

      // What the extension relays from Secrets Manager: its 400 and AccessDeniedException with AWS's message.
      assertEquals(400, denied.statusCode());
      JsonNode body = new ObjectMapper().readTree(denied.body());
      assertEquals("AccessDeniedException", body.get("__type").asText());
      assertEquals("User: arn:aws:sts::123456789012:assumed-role/OtherRole/Other is not authorized to perform: "
          + "secretsmanager:GetSecretValue on resource: " + secrets.find("Key").orElseThrow().arn()
          + " because no identity-based policy allows the secretsmanager:GetSecretValue action",
          body.get("message").asText());
      assertFalse(denied.body().contains(secrets.find("Key").orElseThrow().value()));
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (token != null) {
      request.header("X-Aws-Parameters-Secrets-Token", token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
