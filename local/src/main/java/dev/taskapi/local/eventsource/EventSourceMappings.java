package dev.taskapi.local.eventsource;

import dev.taskapi.local.aws.FakeAws;
import dev.taskapi.local.lambda.FunctionCredentials;
import dev.taskapi.local.lambda.LambdaEnvironment;
import dev.taskapi.local.lambda.LambdaFunctions;
import dev.taskapi.local.streams.DynamoDbStreamsClient;
import dev.taskapi.local.template.DynamoDbEventDef;
import dev.taskapi.local.template.FunctionDef;
import dev.taskapi.local.template.SamTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * The template's DynamoDB event source mappings, each polling on a thread of its own. A mapping reads its stream
 * with its function's credentials through the local IAM endpoint, as Lambda reads it with the function's execution
 * role (Lambda Developer Guide, "Using AWS Lambda with Amazon DynamoDB", "Execution role permissions"), so a
 * function whose role cannot read the stream gets no events, as on AWS.
 */
public final class EventSourceMappings implements AutoCloseable {
  private final List<DynamoDbStreamMapping> mappings;
  private final List<Thread> threads;
  private final List<DynamoDbStreamsClient> clients;

  private EventSourceMappings(List<DynamoDbStreamMapping> mappings, List<Thread> threads,
      List<DynamoDbStreamsClient> clients) {
    this.mappings = mappings;
    this.threads = threads;
    this.clients = clients;
  }

  /**
   * Starts every enabled mapping ({@code Enabled: false} ones stay paused, as on AWS).
   *
   * @param dataDir where the checkpoints ({@code event-source-mappings/}) are kept
   * @param onFailure where a discarded batch's record goes
   */
  public static EventSourceMappings start(SamTemplate template, LambdaFunctions functions,
      LambdaEnvironment environment, Path dataDir, OnFailureDestination onFailure) {
    Checkpoints checkpoints = new Checkpoints(dataDir.resolve("event-source-mappings"));
    List<DynamoDbStreamMapping> mappings = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    List<DynamoDbStreamsClient> clients = new ArrayList<>();
    for (FunctionDef function : template.functions().values()) {
      for (DynamoDbEventDef event : function.dynamoDbEvents()) {
        if (!event.enabled()) {
          continue;
        }
        FunctionCredentials credentials = environment.credentials().get(function.logicalId());
        DynamoDbStreamsClient streams = new DynamoDbStreamsClient(environment.dynamoDbEndpoint(),
            AwsSessionCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials.sessionToken()),
            environment.region());
        clients.add(streams);
        String id = event.name().replace(' ', '.');
        DynamoDbStreamMapping mapping = new DynamoDbStreamMapping(id, event, functions.get(function.logicalId()),
            FakeAws.functionArn(environment.region(), function.functionName()), streams, checkpoints, onFailure);
        mappings.add(mapping);
        threads.add(Thread.ofVirtual().name("event-source-mapping-" + id).start(mapping));
      }
    }
    return new EventSourceMappings(mappings, threads, clients);
  }

  /** Stops polling; a batch being delivered is abandoned, and read again from the checkpoint after a restart. */
  @Override
  public void close() {
    mappings.forEach(DynamoDbStreamMapping::stop);
    threads.forEach(Thread::interrupt);
    for (Thread thread : threads) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    clients.forEach(DynamoDbStreamsClient::close);
  }
}
