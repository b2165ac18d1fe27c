package dev.taskapi.upgradetaskindex;

import dev.taskapi.config.Environment;
import dev.taskapi.store.dynamodb.AwsClientSettings;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.endpoints.LambdaEndpointProvider;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * {@link UpgradeTaskIndexHandler.Relay} on Lambda's Invoke with {@code InvocationType: Event} (queued, answered 202
 * at once: "Invoke", Lambda API Reference) of this very function, named by Lambda's own {@code
 * AWS_LAMBDA_FUNCTION_NAME}; its role may invoke only itself. The client is built as the other SDK clients are
 * ({@link AwsClientSettings}): {@code LAMBDA_ENDPOINT} (the local stack's) or the region's endpoint, evaluated once.
 */
final class LambdaRelay implements UpgradeTaskIndexHandler.Relay {
  private final LambdaClient lambda;
  private final String functionName;

  private LambdaRelay(LambdaClient lambda, String functionName) {
    this.lambda = lambda;
    this.functionName = functionName;
  }

  static LambdaRelay fromEnvironment(Environment env) {
    Region region = AwsClientSettings.region(env);
    URI url = AwsClientSettings.endpoint(env, "LAMBDA_ENDPOINT", () -> LambdaEndpointProvider.defaultProvider()
        .resolveEndpoint(p -> p.region(region).useFips(false).useDualStack(false)).join().url());
    Endpoint endpoint = Endpoint.builder().url(url).build();
    LambdaClient client = AwsClientSettings.configure(LambdaClient.builder(), env, region, url,
            AwsClientSettings.overrideConfiguration().build())
        .endpointProvider(params -> CompletableFuture.completedFuture(endpoint))
        .build();
    return new LambdaRelay(client, env.required("AWS_LAMBDA_FUNCTION_NAME"));
  }

  @Override
  public void invokeAsync(byte[] event) {
    lambda.invoke(r -> r.functionName(functionName).invocationType(InvocationType.EVENT)
        .payload(SdkBytes.fromByteArray(event)));
  }
}
