package dev.taskapi.local.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    try (SecretsEndpoint endpoint = SecretsEndpoint.start(secrets, "session-token", 0);
        HttpClient http = HttpClient.newHttpClient()) {
      String base = "http://127.0.0.1:" + endpoint.port() + "/secretsmanager/get?secretId=";
      assertEquals(403, get(http, base + "Key", null).statusCode());
      assertEquals(403, get(http, base + "Key", "wrong").statusCode());
      assertEquals(400, get(http, base, "session-token").statusCode());
      assertEquals(404, get(http, base + "Unknown", "session-token").statusCode());

      HttpResponse<String> ok = get(http, base + "Key", "session-token");
      assertEquals(200, ok.statusCode());
      JsonNode body = new ObjectMapper().readTree(ok.body());
      LocalSecret secret = secrets.find("Key").orElseThrow();
      assertEquals("Key", body.get("Name").asText());
      assertEquals(secret.value(), body.get("SecretString").asText());
      assertEquals(secret.arn(), body.get("ARN").asText());
      assertEquals("AWSCURRENT", body.get("VersionStages").get(0).asText());
      assertEquals(secret.versionId(), body.get("VersionId").asText());

      String byArn = base + java.net.URLEncoder.encode(secret.arn(), java.nio.charset.StandardCharsets.UTF_8);
      assertEquals(200, get(http, byArn, "session-token").statusCode());
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
