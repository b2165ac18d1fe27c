package dev.taskapi.config;

import dev.taskapi.api.JsonStreams;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads a Secrets Manager secret through the AWS Parameters and Secrets Lambda Extension's local HTTP endpoint
 * ({@code GET /secretsmanager/get?secretId=..} on localhost, authenticated by the session token). This keeps the
 * AWS SDK out of the functions that only need a key (the authorizer above all, which fronts every cold request),
 * and the local stack serves the same endpoint, so local runs take the same code path.
 */
public final class SecretsExtensionClient {
  private static final int DEFAULT_PORT = 2773;
  /** The extension may still be starting while the runtime initializes the function; wait for it briefly. */
  private static final int CONNECT_ATTEMPTS = 40;
  private static final long RETRY_PAUSE_MILLIS = 50;

  private final Environment environment;

  public SecretsExtensionClient(Environment environment) {
    this.environment = environment;
  }

  /** The SecretString of the secret named by the environment variable {@code idVariable}, as UTF-8 bytes. */
  public byte[] secretBytes(String idVariable) {
    String secretId = environment.required(idVariable);
    for (int attempt = 1; ; attempt++) {
      try {
        return fetch(secretId).getBytes(StandardCharsets.UTF_8);
      } catch (ConnectException e) {
        if (attempt == CONNECT_ATTEMPTS) {
          throw new IllegalStateException("the secrets extension did not answer on its port", e);
        }
        pause();
      } catch (IOException e) {
        // Never include the response: on a misconfiguration it could echo secret material.
        throw new IllegalStateException("could not read secret " + idVariable + " from the extension", e);
      }
    }
  }

  private String fetch(String secretId) throws IOException {
    int port = (int) environment.longValue("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", DEFAULT_PORT);
    URI uri =
        URI.create(
            "http://localhost:" + port + "/secretsmanager/get?secretId="
                + URLEncoder.encode(secretId, StandardCharsets.UTF_8));
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    connection.setConnectTimeout(1000);
    connection.setReadTimeout(5000);
    connection.setRequestProperty(
        "X-Aws-Parameters-Secrets-Token", environment.required("AWS_SESSION_TOKEN"));
    try {
      int status = connection.getResponseCode();
      if (status != 200) {
        throw new IOException("secrets extension answered HTTP " + status);
      }
      try (InputStream in = connection.getInputStream()) {
        // GetSecretValue's response (Secrets Manager API Reference): SecretString is a string member.
        String value = JsonStreams.strings(in).get("/SecretString");
        if (value == null || value.isEmpty()) {
          throw new IOException("secret has no SecretString");
        }
        return value;
      }
    } finally {
      connection.disconnect();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(RETRY_PAUSE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the secrets extension", e);
    }
  }
}
