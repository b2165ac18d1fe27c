package dev.taskapi.local.sqs;

import dev.taskapi.local.LocalRuntime;
import dev.taskapi.local.ProjectStack;
import dev.taskapi.local.lambda.FunctionCredentials;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local stack on sqs-template.yaml with fresh data, started once for a test class. {@link #clientOf} is an
 * SQS client as a function builds its own (its credentials, real SigV4, SQS_ENDPOINT); {@link #elasticMq} reaches
 * ElasticMQ itself, for checks no function could make.
 */
public final class SqsStack implements BeforeAllCallback, AfterAllCallback {
  public static final Path TEMPLATE = Path.of("src", "test", "resources", "sqs-template.yaml");

  private final ProjectStack stack = new ProjectStack("taskapi-sqs-", TEMPLATE);

  public static LocalRuntime start(Path dataDir) {
    return ProjectStack.start(TEMPLATE, dataDir);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    stack.beforeAll(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stack.afterAll(context);
  }

  public LocalRuntime runtime() {
    return stack.runtime();
  }

  public Map<String, String> env(String function) {
    return stack.env(function);
  }

  public SqsClient clientOf(String function) {
    return clientOf(runtime(), function);
  }

  public static SqsClient clientOf(LocalRuntime runtime, String function) {
    FunctionCredentials own = runtime.lambdaEnvironment().credentials().get(function);
    return client(runtime.lambdaEnvironment().sqsEndpoint(),
        AwsSessionCredentials.create(own.accessKeyId(), own.secretAccessKey(), own.sessionToken()));
  }

  public static SqsClient client(URI endpoint, AwsCredentials credentials) {
    return SqsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build())
        .build();
  }

  public SqsClient elasticMq() {
    return client(runtime().sqsBackend().orElseThrow(), AwsBasicCredentials.create("test", "test"));
  }

  public static String queueUrl(String name) {
    return "https://sqs.us-east-1.amazonaws.com/123456789012/" + name;
  }
}
