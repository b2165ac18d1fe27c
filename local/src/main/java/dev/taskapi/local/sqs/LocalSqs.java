package dev.taskapi.local.sqs;

import dev.taskapi.local.iam.IamAuthorizer;
import dev.taskapi.local.iam.Principals;
import dev.taskapi.local.template.SqsResources;
import dev.taskapi.local.template.TemplateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local Amazon SQS of a template: ElasticMQ with the template's queues, behind {@link LocalSqsEndpoint}. It
 * starts only for a template that declares a queue, so a stack without one pays nothing for it (ElasticMQ's start,
 * Scala and Pekko, costs seconds).
 */
public final class LocalSqs implements AutoCloseable {
  private final ElasticMq elasticMq;
  private final LocalSqsEndpoint endpoint;
  private final AtomicBoolean closed = new AtomicBoolean();

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
    if (!needed(sqs)) {
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

  /**
   * {@link #startFor} on a thread of its own, so that ElasticMQ's start (seconds: Scala, Pekko, H2) overlaps
   * dynalite's; {@link #await} takes the result. A template whose SQS events name no queue of its own fails here.
   */
  public static CompletableFuture<Optional<LocalSqs>> startInBackground(SqsResources sqs, Path folder, String region,
      Principals principals, IamAuthorizer authorizer) {
    if (!needed(sqs)) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return CompletableFuture.supplyAsync(() -> {
      try {
        return startFor(sqs, folder, region, principals, authorizer);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, task -> Thread.ofPlatform().name("local-sqs-start").start(task));
  }

  /** The started SQS, or the exception its start threw. */
  public static Optional<LocalSqs> await(CompletableFuture<Optional<LocalSqs>> starting) {
    try {
      return starting.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }

  /** For a start that failed elsewhere: the SQS started in the background is closed once it is up. */
  public static void closeWhenStarted(CompletableFuture<Optional<LocalSqs>> starting) {
    starting.thenAccept(started -> started.ifPresent(LocalSqs::close));
  }

  private static boolean needed(SqsResources sqs) {
    if (sqs.queues().isEmpty() && !sqs.eventSources().isEmpty()) {
      throw new TemplateException("SQS events need their queue in the template; the local stack serves only the "
          + "template's queues: " + sqs.eventSources().getFirst().queueArn());
    }
    return !sqs.queues().isEmpty();
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
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      endpoint.close();
    } finally {
      elasticMq.close();
    }
  }
}
