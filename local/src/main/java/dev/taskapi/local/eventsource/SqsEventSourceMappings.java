package dev.taskapi.local.eventsource;

import dev.taskapi.local.aws.FakeAws;
import dev.taskapi.local.lambda.FunctionCredentials;
import dev.taskapi.local.lambda.LambdaFunctions;
import dev.taskapi.local.template.SqsEventDef;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The template's SQS event source mappings, each polling through the local SQS endpoint with its function's
 * credentials, so that every call Lambda would make with the execution role is authenticated and authorized
 * like the function's own (SAM gives the role AWSLambdaSQSQueueExecutionRole for it). Disabled mappings
 * ({@code Enabled: false}) do not poll.
 */
public final class SqsEventSourceMappings implements AutoCloseable {
  private final List<SqsEventSourceMapping> mappings;
  private final List<SqsClient> clients;

  private SqsEventSourceMappings(List<SqsEventSourceMapping> mappings, List<SqsClient> clients) {
    this.mappings = mappings;
    this.clients = clients;
  }

  public static SqsEventSourceMappings start(List<SqsEventDef> events, LambdaFunctions functions,
      Map<String, FunctionCredentials> credentials, URI sqsEndpoint, String region) {
    List<SqsEventSourceMapping> mappings = new ArrayList<>();
    List<SqsClient> clients = new ArrayList<>();
    SqsEventSourceMappings started = new SqsEventSourceMappings(mappings, clients);
    try {
      for (SqsEventDef event : events.stream().filter(SqsEventDef::enabled).toList()) {
        SqsClient client = client(credentials.get(event.functionLogicalId()), sqsEndpoint, region);
        clients.add(client);
        SqsEventSourceMapping mapping = new SqsEventSourceMapping(event, functions.get(event.functionLogicalId()),
            client, FakeAws.sqsQueueUrl(region, event.queueName()), region);
        mapping.start();
        mappings.add(mapping);
      }
      return started;
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
  }

  /** The mappings as {@code Function.Event -> queue}, for the start banner. */
  public List<String> describe() {
    return mappings.stream().map(SqsEventSourceMapping::name).toList();
  }

  @Override
  public void close() {
    mappings.forEach(SqsEventSourceMapping::close);
    clients.forEach(SqsClient::close);
  }

  private static SqsClient client(FunctionCredentials own, URI endpoint, String region) {
    return SqsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsSessionCredentials.create(own.accessKeyId(), own.secretAccessKey(), own.sessionToken())))
        // A long poll waits up to 20 s for its answer.
        .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build())
        .build();
  }
}
