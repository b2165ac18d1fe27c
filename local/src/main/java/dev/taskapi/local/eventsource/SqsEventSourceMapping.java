package dev.taskapi.local.eventsource;

import dev.taskapi.local.lambda.InvocationResult;
import dev.taskapi.local.lambda.LambdaFunction;
import dev.taskapi.local.template.SqsEventDef;
import dev.taskapi.local.template.TemplateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * One SQS event source mapping, run as Lambda runs it (Lambda Developer Guide, "Using Lambda with Amazon SQS"):
 * a poller long-polls the queue (ReceiveMessage, WaitTimeSeconds 20, up to 10 messages a call) with the
 * function's own credentials, gathers a batch of up to {@code BatchSize} messages for up to {@code
 * MaximumBatchingWindowInSeconds}, and invokes the function synchronously with it, while it goes on polling for
 * the next batch. Then:
 *
 * <ul>
 *   <li>the function returned: the batch is deleted; with {@code ReportBatchItemFailures}, all but the messages
 *       its {@code batchItemFailures} names (an invalid answer fails the whole batch, {@link BatchItemFailures});
 *   <li>the function failed (an exception, its timeout, a payload over the limits): nothing is deleted, and every
 *       message of the batch comes back when its visibility timeout ends, its ApproximateReceiveCount one higher;
 *       the queue's RedrivePolicy moves it to the dead-letter queue after maxReceiveCount receives.
 * </ul>
 *
 * <p>Messages that no {@code FilterCriteria} pattern matches are deleted without an invocation ("Control which
 * events Lambda sends to your function": Lambda deletes SQS messages that do not match). The number of batches
 * in flight is at most {@code ScalingConfig.MaximumConcurrency}, and at most {@value #MAX_CONCURRENCY} locally
 * (the local runtime's environments per function). Lambda polls with five connections at first and more as the
 * queue grows; locally one poller gathers every batch, so messages sent together arrive together.
 */
final class SqsEventSourceMapping implements AutoCloseable {
  static final int MAX_CONCURRENCY = 4;
  // ReceiveMessage's limits: 10 messages a call, a long poll of at most 20 s.
  private static final int MAX_RECEIVE = 10;
  private static final int LONG_POLL_SECONDS = 20;
  private static final Duration ERROR_BACKOFF = Duration.ofSeconds(1);

  private final SqsEventDef definition;
  private final LambdaFunction function;
  private final SqsClient sqs;
  private final String queueUrl;
  private final String region;
  private final MessageFilter filter;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Semaphore concurrency;
  private final ExecutorService invocations = Executors.newVirtualThreadPerTaskExecutor();
  private Thread poller;

  SqsEventSourceMapping(SqsEventDef definition, LambdaFunction function, SqsClient sqs, String queueUrl, String region) {
    this.definition = definition;
    this.function = function;
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.region = region;
    this.filter = MessageFilter.of(name(), definition.filterPatterns());
    this.concurrency = new Semaphore(Math.min(definition.maximumConcurrency().orElse(MAX_CONCURRENCY), MAX_CONCURRENCY));
  }

  /**
   * Checks the queue as CreateEventSourceMapping does (GetQueueAttributes with the function's role: its
   * execution role must allow sqs:GetQueueAttributes) and starts the pollers.
   */
  void start() {
    String visibilityTimeout = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
        .attributeNamesWithStrings("QueueArn", "VisibilityTimeout")).attributesAsStrings().get("VisibilityTimeout");
    // CreateEventSourceMapping refuses a queue whose messages would come back while the function still runs:
    // "InvalidParameterValueException: Queue visibility timeout: 30 seconds is less than Function timeout: 60
    // seconds" (Lambda Developer Guide, "Configuring a queue to use with Lambda").
    int functionTimeout = function.definition().timeoutSeconds();
    if (Integer.parseInt(visibilityTimeout) < functionTimeout) {
      throw new TemplateException(name() + ": Queue visibility timeout: " + visibilityTimeout
          + " seconds is less than Function timeout: " + functionTimeout + " seconds");
    }
    poller = Thread.ofVirtual().name(name() + "-poller").start(this::poll);
  }

  String name() {
    return definition.functionLogicalId() + "." + definition.eventName();
  }

  @Override
  public void close() {
    running.set(false);
    if (poller == null) {
      return;
    }
    poller.interrupt();
    try {
      // A poller in a long poll ends when the local SQS endpoint closes; invocations under way finish.
      poller.join(Duration.ofSeconds(2));
      invocations.shutdown();
      invocations.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void poll() {
    while (running.get()) {
      try {
        concurrency.acquire();
        List<Message> batch = gatherBatch();
        if (batch.isEmpty() || !running.get()) {
          concurrency.release();
          continue;
        }
        invocations.execute(() -> {
          try {
            process(batch);
          } catch (SdkException e) {
            System.err.println("SQS event source " + name() + ": " + e.getMessage());
          } finally {
            concurrency.release();
          }
        });
      } catch (InterruptedException | java.util.concurrent.RejectedExecutionException e) {
        return; // closed
      } catch (SdkException e) {
        concurrency.release();
        if (!running.get()) {
          return;
        }
        System.err.println("SQS event source " + name() + ": " + e.getMessage());
        sleep(ERROR_BACKOFF);
      }
    }
  }

  /** Up to BatchSize messages: the first long poll, then more until the batch is full or the window has passed. */
  private List<Message> gatherBatch() {
    List<Message> batch = new ArrayList<>(receive(Math.min(definition.batchSize(), MAX_RECEIVE), LONG_POLL_SECONDS));
    long windowEnd = System.nanoTime() + Duration.ofSeconds(definition.maximumBatchingWindowSeconds()).toNanos();
    while (!batch.isEmpty() && batch.size() < definition.batchSize() && running.get()) {
      long remaining = windowEnd - System.nanoTime();
      if (remaining <= 0) {
        break;
      }
      int waitSeconds = (int) Math.min(LONG_POLL_SECONDS, Math.max(1, Duration.ofNanos(remaining).toSeconds()));
      batch.addAll(receive(Math.min(definition.batchSize() - batch.size(), MAX_RECEIVE), waitSeconds));
    }
    return batch;
  }

  private List<Message> receive(int max, int waitSeconds) {
    return sqs.receiveMessage(r -> r.queueUrl(queueUrl)
            .maxNumberOfMessages(max)
            .waitTimeSeconds(waitSeconds)
            .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
            .messageAttributeNames("All"))
        .messages();
  }

  private void process(List<Message> received) {
    List<Message> batch = new ArrayList<>();
    List<Message> unmatched = new ArrayList<>();
    for (Message message : received) {
      (filter.passes(SqsEventRecords.record(message, definition.queueArn(), region)) ? batch : unmatched).add(message);
    }
    delete(unmatched);
    if (batch.isEmpty()) {
      return;
    }
    String requestId = UUID.randomUUID().toString();
    InvocationResult result = function.invokeJson(SqsEventRecords.event(batch, definition.queueArn(), region),
        requestId, Duration.ofSeconds(function.definition().timeoutSeconds() + 5L));
    if (!(result instanceof InvocationResult.Returned returned)) {
      System.err.println("SQS event source " + name() + ": invocation " + requestId + " ended " + result
          + "; the batch's " + batch.size() + " messages return after their visibility timeout");
      return;
    }
    if (!definition.reportBatchItemFailures()) {
      delete(batch);
      return;
    }
    Set<String> ids = new LinkedHashSet<>(SqsEventRecords.ids(batch));
    Optional<Set<String>> failed = BatchItemFailures.failedMessageIds(returned.payload(), ids);
    if (failed.isEmpty()) {
      System.err.println("SQS event source " + name() + ": invocation " + requestId + " answered an invalid "
          + "batchItemFailures; the whole batch is kept");
      return;
    }
    delete(batch.stream().filter(message -> !failed.get().contains(message.messageId())).toList());
  }

  private void delete(List<Message> messages) {
    for (int from = 0; from < messages.size(); from += MAX_RECEIVE) {
      List<DeleteMessageBatchRequestEntry> entries = messages.subList(from, Math.min(messages.size(), from + MAX_RECEIVE))
          .stream()
          .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
          .toList();
      var answer = sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
      answer.failed().forEach(failure -> System.err.println("SQS event source " + name() + ": could not delete "
          + failure.id() + ": " + failure.code() + " " + failure.message()));
    }
  }

  private void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.set(false);
    }
  }
}
