package dev.taskapi.local.sqs;

import dev.taskapi.local.iam.IamAuthorizer;
import dev.taskapi.local.iam.Principals;
import dev.taskapi.local.template.SqsResources;
import dev.taskapi.local.template.TemplateException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local Amazon SQS of a template: ElasticMQ with the template's queues, behind {@link LocalSqsEndpoint}. It
 * starts only for a template that declares a queue, so a stack without one pays nothing for it (ElasticMQ's start,
 * Scala and Pekko, costs seconds).
 */
public final class LocalSqs implements AutoCloseable {
  private final ElasticMq elasticMq;
  private final LocalSqsEndpoint endpoint;

  private LocalSqs(ElasticMq elasticMq, LocalSqsEndpoint endpoint) {
    this.elasticMq = elasticMq;
    this.endpoint = endpoint;
  }

  /**
   * Starts ElasticMQ on {@code folder}, deploys the queues and serves the endpoint; empty when the template has
   * no queue.
   */
  public static Optional<LocalSqs> startFor(SqsResources sqs, Path folder, String region, Principals principals,
      IamAuthorizer authorizer) throws IOException {
    if (sqs.queues().isEmpty()) {
      if (!sqs.eventSources().isEmpty()) {
        throw new TemplateException("SQS events need their queue in the template; the local stack serves only the "
            + "template's queues: " + sqs.eventSources().getFirst().queueArn());
      }
      return Optional.empty();
    }
    ElasticMq elasticMq = ElasticMq.start(folder, region);
    try {
      try (SqsClient admin = elasticMq.adminClient()) {
        LocalQueues.deploy(admin, sqs.queues()).forEach(change -> System.out.println("SQS: " + change));
      }
      return Optional.of(new LocalSqs(elasticMq, LocalSqsEndpoint.start(region, elasticMq.endpoint(), principals,
          authorizer)));
    } catch (IOException | RuntimeException e) {
      elasticMq.close();
      throw e;
    }
  }

  /** The endpoint the functions get as SQS_ENDPOINT. */
  public URI endpoint() {
    return endpoint.endpoint();
  }

  /** ElasticMQ itself, unchecked: for the stack's own calls and tests' inspection, never for functions. */
  public URI backendEndpoint() {
    return elasticMq.endpoint();
  }

  @Override
  public void close() {
    try {
      endpoint.close();
    } finally {
      elasticMq.close();
    }
  }
}
