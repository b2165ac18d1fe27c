package dev.taskapi.local.eventsource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.local.lambda.LambdaFunction;
import dev.taskapi.local.streams.DynamoDbStreamsClient;
import dev.taskapi.local.template.DynamoDbEventDef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One DynamoDB event source mapping: reads its stream's shard about four times a second, as Lambda polls a shard
 * ("Lambda polls shards in your DynamoDB stream for records at a base rate of 4 times per second", Lambda Developer
 * Guide, "Using AWS Lambda with Amazon DynamoDB"), gathers up to BatchSize records that pass its filter (waiting up
 * to MaximumBatchingWindowInSeconds for more), and delivers one batch at a time, in stream order, through
 * {@link BatchDelivery}. After each batch it records its place ({@link Checkpoints}), so a restart resumes after
 * the last record processed; without a checkpoint it starts at StartingPosition.
 */
final class DynamoDbStreamMapping implements Runnable {
  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
  private static final int MAX_RECORDS_PER_CALL = 1000; // GetRecords' Limit (Streams API Reference)

  private final String id;
  private final DynamoDbEventDef event;
  private final LambdaFunction function;
  private final String functionArn;
  private final DynamoDbStreamsClient streams;
  private final Checkpoints checkpoints;
  private final RecordFilter filter;
  private final OnFailureDestination onFailure;
  private volatile boolean running = true;

  DynamoDbStreamMapping(String id, DynamoDbEventDef event, LambdaFunction function, String functionArn,
      DynamoDbStreamsClient streams, Checkpoints checkpoints, OnFailureDestination onFailure) {
    this.id = id;
    this.event = event;
    this.function = function;
    this.functionArn = functionArn;
    this.streams = streams;
    this.checkpoints = checkpoints;
    this.filter = RecordFilter.of(event.name(), event.filterPatterns());
    this.onFailure = onFailure;
  }

  void stop() {
    running = false;
  }

  @Override
  public void run() {
    while (running) {
      try {
        poll();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // A stream call refused (IAM, a table without its stream) or failed: Lambda keeps the mapping and retries.
        System.err.println("DynamoDB event source mapping " + event.name() + ": " + e.getMessage());
        sleep(Duration.ofSeconds(1));
      }
    }
  }

  private void poll() throws InterruptedException {
    String shardId = streams.shardId(event.streamArn());
    BatchDelivery delivery = new BatchDelivery(event, function, functionArn, shardId, onFailure);
    String iterator = startingIterator(shardId);
    List<ObjectNode> batch = new ArrayList<>();
    String lastRead = null;
    long windowEnds = 0;
    while (running && iterator != null) {
      DynamoDbStreamsClient.Page page;
      try {
        page = streams.records(iterator, Math.min(MAX_RECORDS_PER_CALL, event.batchSize() - batch.size()));
      } catch (DynamoDbStreamsClient.StreamsException e) {
        if (!e.code().equals("ExpiredIteratorException")) {
          throw e;
        }
        return; // a new iterator from the checkpoint; the batch gathered so far is read again
      }
      iterator = page.nextIterator();
      for (ObjectNode record : page.records()) {
        lastRead = BatchDelivery.sequenceNumber(record);
        if (filter.passes(record)) {
          if (batch.isEmpty()) {
            windowEnds = System.nanoTime() + Duration.ofSeconds(event.maximumBatchingWindowSeconds()).toNanos();
          }
          batch.add(record);
        }
      }
      boolean full = batch.size() >= event.batchSize();
      if (!batch.isEmpty() && (full || System.nanoTime() >= windowEnds)) {
        delivery.deliver(List.copyOf(batch), sequence -> checkpoints.write(id, event.streamArn(), sequence));
        batch.clear();
      }
      if (batch.isEmpty() && lastRead != null) {
        // Records the filter dropped are done with too: Lambda does not read them again.
        checkpoints.write(id, event.streamArn(), lastRead);
        lastRead = null;
      }
      if (page.records().isEmpty() || !full) {
        Thread.sleep(POLL_INTERVAL);
      }
    }
  }

  private String startingIterator(String shardId) {
    Optional<String> checkpoint = checkpoints.read(id, event.streamArn());
    if (checkpoint.isPresent()) {
      try {
        return streams.shardIterator(event.streamArn(), shardId, "AFTER_SEQUENCE_NUMBER", checkpoint.get());
      } catch (DynamoDbStreamsClient.StreamsException e) {
        if (!e.code().equals("TrimmedDataAccessException")) {
          throw e;
        }
        // The records after the checkpoint expired meanwhile (24 hours): on from the oldest one kept.
        return streams.shardIterator(event.streamArn(), shardId, "TRIM_HORIZON", null);
      }
    }
    return streams.shardIterator(event.streamArn(), shardId, event.startingPosition(), null);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
