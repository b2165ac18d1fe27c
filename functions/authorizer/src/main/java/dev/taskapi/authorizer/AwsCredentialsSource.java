package dev.taskapi.authorizer;

import dev.taskapi.api.JsonStreams;
import dev.taskapi.config.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * The function's AWS credentials without the SDK's provider chain: under SnapStart from the container credentials
 * endpoint (static keys would be frozen into the snapshot and expire), refreshed five minutes before they expire;
 * otherwise (the local stack, plain Lambda) from the environment variables Lambda sets.
 */
final class AwsCredentialsSource implements Supplier<AwsCredentialsIdentity> {
  private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);
  private static final int TIMEOUT_MILLIS = 1000;

  private final Environment env;
  private final Clock clock;
  private AwsCredentialsIdentity cached;
  private Instant refreshAt = Instant.MIN;

  AwsCredentialsSource(Environment env, Clock clock) {
    this.env = env;
    this.clock = clock;
  }

  @Override
  public synchronized AwsCredentialsIdentity get() {
    if (env.find("AWS_CONTAINER_CREDENTIALS_FULL_URI").isEmpty()) {
      return fromEnvironment();
    }
    if (cached == null || !clock.instant().isBefore(refreshAt)) {
      fetchFromContainerEndpoint();
    }
    return cached;
  }

  private AwsCredentialsIdentity fromEnvironment() {
    String accessKey = env.required("AWS_ACCESS_KEY_ID");
    String secretKey = env.required("AWS_SECRET_ACCESS_KEY");
    return env.find("AWS_SESSION_TOKEN")
        .filter(token -> !token.isEmpty())
        .<AwsCredentialsIdentity>map(token -> AwsSessionCredentialsIdentity.create(accessKey, secretKey, token))
        .orElseGet(() -> AwsCredentialsIdentity.create(accessKey, secretKey));
  }

  private void fetchFromContainerEndpoint() {
    try {
      HttpURLConnection connection =
          (HttpURLConnection) URI.create(env.required("AWS_CONTAINER_CREDENTIALS_FULL_URI")).toURL().openConnection();
      connection.setConnectTimeout(TIMEOUT_MILLIS);
      connection.setReadTimeout(TIMEOUT_MILLIS);
      connection.setRequestProperty("Authorization", authorizationToken());
      Map<String, String> body;
      try (InputStream in = connection.getInputStream()) {
        body = JsonStreams.strings(in);
      }
      cached =
          AwsSessionCredentialsIdentity.create(
              body.getOrDefault("/AccessKeyId", ""), body.getOrDefault("/SecretAccessKey", ""),
              body.getOrDefault("/Token", ""));
      refreshAt = Instant.parse(body.getOrDefault("/Expiration", "")).minus(REFRESH_BEFORE_EXPIRY);
    } catch (IOException e) {
      throw new UncheckedIOException("container credentials endpoint unavailable", e);
    }
  }

  private String authorizationToken() throws IOException {
    var file = env.find("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
    if (file.isPresent()) {
      return Files.readString(Path.of(file.get())).trim();
    }
    return env.optional("AWS_CONTAINER_AUTHORIZATION_TOKEN", "");
  }
}
