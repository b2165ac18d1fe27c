package dev.taskapi.local.sqs;

import dev.taskapi.local.iam.IamAuthorizer;
import dev.taskapi.local.iam.Principals;
import dev.taskapi.local.template.SqsResources;
import dev.taskapi.local.template.TemplateException;
import java.io.IOException;
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
   * Starts ElasticMQ on {@code folder} and deploys the queues on a thread of its own, so that ElasticMQ's start
   * (seconds: Scala, Pekko, H2) overlaps dynalite's; {@link #serve} takes the result once the functions' policies
   * are known. Empty when the template has no queue; a template whose SQS events name no queue of its own fails
   * here.
   */
  public static CompletableFuture<Optional<ElasticMq>> startInBackground(SqsResources sqs, Path folder,
      String region) {
    if (!needed(sqs)) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return CompletableFuture.supplyAsync(() -> {
      ElasticMq elasticMq = ElasticMq.start(folder, region);
      try (SqsClient admin = elasticMq.adminClient()) {
        LocalQueues.deploy(admin, sqs.queues()).forEach(change -> System.out.println("SQS: " + change));
        return Optional.of(elasticMq);
      } catch (RuntimeException e) {
        elasticMq.close();
        throw e;
      }
    }, task -> Thread.ofPlatform().name("local-sqs-start").start(task));
  }

  /**
   * The SQS {@code starting} brings up, served behind the endpoint that checks each call's signature and the
   * caller's policies ({@code authorizer}); or the exception its start threw.
   */
  public static Optional<LocalSqs> serve(CompletableFuture<Optional<ElasticMq>> starting, String region,
      Principals principals, IamAuthorizer authorizer) throws IOException {
    Optional<ElasticMq> started;
    try {
      started = starting.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
    if (started.isEmpty()) {
      return Optional.empty();
    }
    ElasticMq elasticMq = started.get();
    try {
      return Optional.of(new LocalSqs(elasticMq, LocalSqsEndpoint.start(region, elasticMq.endpoint(), principals,
          authorizer)));
    } catch (IOException | RuntimeException e) {
      elasticMq.close();
      throw e;
    }
  }

  /** For a start that failed elsewhere: the ElasticMQ started in the background is closed once it is up. */
  public static void closeWhenStarted(CompletableFuture<Optional<ElasticMq>> starting) {
    starting.thenAccept(started -> started.ifPresent(ElasticMq::close));
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
