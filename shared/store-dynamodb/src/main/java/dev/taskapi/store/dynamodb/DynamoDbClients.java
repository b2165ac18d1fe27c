package dev.taskapi.store.dynamodb;

import dev.taskapi.config.Environment;
import java.net.URI;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds the DynamoDB client with everything explicit ({@link AwsClientSettings}: region, credentials, the JDK's
 * URL connection HTTP client, timeouts and retries), plus the guard that refuses writes while SnapStart primes.
 */
public final class DynamoDbClients {
  private DynamoDbClients() {}

  public static DynamoDbClient create(Environment env) {
    return builder(env).build();
  }

  /** The configured builder, for callers that add to it (tests and benchmarks count round trips with it). */
  public static DynamoDbClientBuilder builder(Environment env) {
    DynamoDbClientBuilder builder =
        DynamoDbClient.builder()
            .region(Region.of(env.optional("AWS_REGION", "us-east-1")))
            .credentialsProvider(AwsClientSettings.credentials(env))
            .httpClient(AwsClientSettings.httpClient())
            .overrideConfiguration(
                AwsClientSettings.overrideConfiguration().addExecutionInterceptor(new PrimingWriteGuard()).build());
    env.find("DYNAMODB_ENDPOINT").map(URI::create).ifPresent(builder::endpointOverride);
    return builder;
  }
}
