package dev.taskapi.store.dynamodb;

import dev.taskapi.config.Environment;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.awscore.endpoints.AccountIdEndpointMode;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.endpoints.EndpointUrl;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointProvider;

/**
 * Builds the DynamoDB client with everything explicit ({@link AwsClientSettings}: region, credentials, the fixed
 * endpoint, the JDK's URL connection HTTP client, timeouts and retries), plus the guard that refuses writes while
 * SnapStart primes.
 *
 * <p>The endpoint is the table's one URL ({@code DYNAMODB_ENDPOINT}, or the one DynamoDB's endpoint rules give the
 * region, evaluated once), so the rules are not evaluated per request; nor do the profile-file lookups of endpoint discovery,
 * account-id endpoints and defaults mode run, which this table uses none of. Signing is unchanged: SigV4 with the
 * service's signing name and the client's region (the auth scheme provider's default).
 */
public final class DynamoDbClients {
  private DynamoDbClients() {}

  public static DynamoDbClient create(Environment env) {
    return builder(env).build();
  }

  /** The configured builder, for callers that add to it (tests and benchmarks count round trips with it). */
  public static DynamoDbClientBuilder builder(Environment env) {
    Region region = AwsClientSettings.region(env);
    URI url = AwsClientSettings.endpoint(env, "DYNAMODB_ENDPOINT", () -> regionalEndpoint(region));
    Endpoint endpoint = Endpoint.builder().endpointUrl(EndpointUrl.fromUri(url)).build();
    return AwsClientSettings.configure(DynamoDbClient.builder(), env, region, url,
            AwsClientSettings.overrideConfiguration().addExecutionInterceptor(new PrimingWriteGuard()).build())
        .endpointProvider(params -> CompletableFuture.completedFuture(endpoint))
        .endpointDiscoveryEnabled(false)
        .accountIdEndpointMode(AccountIdEndpointMode.DISABLED);
  }

  /** The endpoint the rules give this client (no account-id endpoints, as {@code accountIdEndpointMode} says). */
  static URI regionalEndpoint(Region region) {
    return DynamoDbEndpointProvider.defaultProvider()
        .resolveEndpoint(p -> p.region(region).useFips(false).useDualStack(false).accountIdEndpointMode("disabled"))
        .join()
        .endpointUrl()
        .toUri();
  }

  /**
   * The table mapped by the enhanced client with no extensions. Its defaults, VersionedRecordExtension and
   * AtomicCounterExtension, act only on attributes tagged for them ({@code versionAttribute()}, {@code
   * atomicCounter()}), which our schemas have none of (a task's version is ours: the update's condition expression),
   * so without them every read and write maps the same, and skips the extension chain's hooks.
   */
  static <T> DynamoDbTable<T> table(DynamoDbClient client, String tableName, TableSchema<T> schema) {
    return DynamoDbEnhancedClient.builder().dynamoDbClient(client).extensions().build().table(tableName, schema);
  }
}
