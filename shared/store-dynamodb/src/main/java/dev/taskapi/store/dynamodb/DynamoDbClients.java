package dev.taskapi.store.dynamodb;

import dev.taskapi.config.Environment;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.defaultsmode.DefaultsMode;
import software.amazon.awssdk.awscore.endpoints.AccountIdEndpointMode;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds the DynamoDB client with everything explicit, so no provider chain probes files, profiles or metadata
 * endpoints at cold start: region, credentials, the JDK's URL connection HTTP client, timeouts and retries.
 *
 * <p>The endpoint too: the table's one URL (the region's DynamoDB endpoint from the SDK's generated service
 * metadata, or {@code DYNAMODB_ENDPOINT}) answers every request, so the SDK's endpoint rules engine, which parses
 * its partitions document and evaluates the rule set at the first request, never runs; nor do the profile-file
 * lookups of endpoint discovery, account-id endpoints and defaults mode, which this table uses none of. Signing is
 * unchanged: SigV4 with the service's signing name and the client's region (the auth scheme provider's default).
 *
 * <p>Time budget: a request may spend at most {@link #API_CALL_TIMEOUT} in DynamoDB (three attempts of at most
 * {@link #ATTEMPT_TIMEOUT}), well inside the functions' 10 s timeout, so a slow or unreachable table becomes a
 * 503 the handler answers rather than a Lambda timeout.
 */
public final class DynamoDbClients {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
  static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(1500);
  static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(5);
  static final int MAX_ATTEMPTS = 3;

  private DynamoDbClients() {}

  public static DynamoDbClient create(Environment env) {
    return builder(env).build();
  }

  /** The configured builder, for callers that add to it (tests and benchmarks count round trips with it). */
  public static DynamoDbClientBuilder builder(Environment env) {
    Region region = Region.of(env.optional("AWS_REGION", "us-east-1"));
    URI endpoint = env.find("DYNAMODB_ENDPOINT").map(URI::create).orElseGet(() -> regionalEndpoint(region));
    return DynamoDbClient.builder()
        .region(region)
        // Both: the override alone would still have the rules compute the client's endpoint while it is built.
        .endpointOverride(endpoint)
        .endpointProvider(params -> CompletableFuture.completedFuture(Endpoint.builder().url(endpoint).build()))
        .endpointDiscoveryEnabled(false)
        .accountIdEndpointMode(AccountIdEndpointMode.DISABLED)
        .defaultsMode(DefaultsMode.LEGACY)
        .credentialsProvider(credentials(env))
        .httpClient(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(ATTEMPT_TIMEOUT)
                .build())
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .addExecutionInterceptor(new PrimingWriteGuard())
                .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                .apiCallTimeout(API_CALL_TIMEOUT)
                .retryStrategy(
                    AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(MAX_ATTEMPTS)
                        .build())
                .build());
  }

  /** {@code https://dynamodb.<region>.amazonaws.com} (or the partition's domain), as DynamoDB lists it. */
  static URI regionalEndpoint(Region region) {
    return URI.create("https://" + DynamoDbClient.serviceMetadata().endpointFor(region));
  }

  /**
   * SnapStart functions get credentials from the container credentials endpoint (static keys in the snapshot
   * would expire); other Lambda functions and the local stack pass them as environment variables.
   */
  private static AwsCredentialsProvider credentials(Environment env) {
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
