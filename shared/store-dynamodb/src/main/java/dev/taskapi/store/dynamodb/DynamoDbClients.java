package dev.taskapi.store.dynamodb;

import dev.taskapi.config.Environment;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.awscore.defaultsmode.DefaultsMode;
import software.amazon.awssdk.awscore.endpoints.AccountIdEndpointMode;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds the DynamoDB client with everything explicit ({@link AwsClientSettings}: region, credentials, the JDK's
 * URL connection HTTP client, timeouts and retries), plus the guard that refuses writes while SnapStart primes.
 *
 * <p>The endpoint too: the table's one URL (the region's DynamoDB endpoint from the SDK's generated service
 * metadata, or {@code DYNAMODB_ENDPOINT}) answers every request, so the SDK's endpoint rules engine, which parses
 * its partitions document and evaluates the rule set at the first request, never runs; nor do the profile-file
 * lookups of endpoint discovery, account-id endpoints and defaults mode, which this table uses none of. Signing is
 * unchanged: SigV4 with the service's signing name and the client's region (the auth scheme provider's default).
 */
public final class DynamoDbClients {
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
        .credentialsProvider(AwsClientSettings.credentials(env))
        .httpClient(AwsClientSettings.httpClient())
        .overrideConfiguration(
            AwsClientSettings.overrideConfiguration().addExecutionInterceptor(new PrimingWriteGuard()).build());
  }

  /** {@code https://dynamodb.<region>.amazonaws.com} (or the partition's domain), as DynamoDB lists it. */
  static URI regionalEndpoint(Region region) {
    return URI.create("https://" + DynamoDbClient.serviceMetadata().endpointFor(region));
  }
}
