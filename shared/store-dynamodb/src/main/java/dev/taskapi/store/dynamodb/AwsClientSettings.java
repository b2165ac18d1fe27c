package dev.taskapi.store.dynamodb;

import dev.taskapi.config.Environment;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.defaultsmode.DefaultsMode;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * What every AWS SDK client of a function is built with, explicitly, so no provider chain probes files, profiles
 * or metadata endpoints at cold start: the function's region and credentials, the service's one endpoint, the JDK's
 * URL connection HTTP client, timeouts and retries.
 *
 * <p>The endpoint: a client given both {@code endpointOverride} and an {@code endpointProvider} that answers with
 * that URL evaluates none of the SDK's endpoint rules per request (given the override alone, the default provider
 * would still evaluate them for every request, with the override as their {@code Endpoint} parameter; given the
 * provider alone, the builder would evaluate them for the client's endpoint). They still run once while the client
 * is built: the generated builder derives the client's signing region from the default provider's answer, and no
 * public option sets it (SDK 2.57.8, {@code Default<Service>BaseClientBuilder.finalizeServiceConfiguration}).
 *
 * <p>Time budget: a call may spend at most {@link #API_CALL_TIMEOUT} in the service (three attempts of at most
 * {@link #ATTEMPT_TIMEOUT}), well inside the functions' 10 s timeout, so a slow or unreachable service becomes an
 * answer of the handler rather than a Lambda timeout.
 */
public final class AwsClientSettings {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
  static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(1500);
  static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(5);
  static final int MAX_ATTEMPTS = 3;

  private AwsClientSettings() {}

  /**
   * {@code builder} with what every client of a function is built with: {@code region}, the one endpoint {@code
   * url} (the caller also sets its service's endpoint provider to answer with it, see above: the provider's type is
   * per service), the legacy defaults mode (no profile lookup for a defaults mode), the function's credentials, the
   * JDK's HTTP client and {@code overrides} (from {@link #overrideConfiguration()}, with what is the caller's).
   */
  public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder,
      Environment env, Region region, URI url, ClientOverrideConfiguration overrides) {
    return builder
        .region(region)
        .endpointOverride(url)
        .defaultsMode(DefaultsMode.LEGACY)
        .credentialsProvider(credentials(env))
        .httpClient(httpClient())
        .overrideConfiguration(overrides);
  }

  public static Region region(Environment env) {
    return Region.of(env.optional("AWS_REGION", "us-east-1"));
  }

  /**
   * {@code variable}'s URL when it is set (the local stack), else {@code regional}: the URL the service's own
   * endpoint rules give for the client's region (a regional endpoint, no FIPS, no dual stack), evaluated once here,
   * by the caller, rather than for every request. Not the SDK's service metadata, which names the same URLs: its
   * first use loads the metadata of every AWS service (about 430 classes, measured), while the rules' classes load
   * anyway, since the builder evaluates them for the signing region.
   */
  public static URI endpoint(Environment env, String variable, Supplier<URI> regional) {
    return env.find(variable).map(URI::create).orElseGet(regional);
  }

  public static SdkHttpClient httpClient() {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(CONNECT_TIMEOUT)
        .socketTimeout(ATTEMPT_TIMEOUT)
        .build();
  }

  /** Timeouts and retries; callers add what is theirs (the DynamoDB client its priming write guard). */
  public static ClientOverrideConfiguration.Builder overrideConfiguration() {
    return ClientOverrideConfiguration.builder()
        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
        .apiCallTimeout(API_CALL_TIMEOUT)
        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build());
  }

  /**
   * SnapStart functions get credentials from the container credentials endpoint (static keys in the snapshot
   * would expire); other Lambda functions and the local stack pass them as environment variables.
   */
  public static AwsCredentialsProvider credentials(Environment env) {
    if (env.find("AWS_CONTAINER_CREDENTIALS_FULL_URI").isPresent()) {
      return ContainerCredentialsProvider.builder().build();
    }
    String accessKey = env.required("AWS_ACCESS_KEY_ID");
    String secretKey = env.required("AWS_SECRET_ACCESS_KEY");
    AwsCredentials credentials =
        env.find("AWS_SESSION_TOKEN")
            .<AwsCredentials>map(token -> AwsSessionCredentials.create(accessKey, secretKey, token))
            .orElseGet(() -> AwsBasicCredentials.create(accessKey, secretKey));
    return StaticCredentialsProvider.create(credentials);
  }
}
