package dev.taskapi.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.api.Json;
import dev.taskapi.config.Environment;
import dev.taskapi.local.lambda.LambdaFunction;
import dev.taskapi.local.lambda.LambdaHandler;
import dev.taskapi.mail.SesMailer;
import dev.taskapi.schedulereminders.EventBridgeReminderScheduler;
import dev.taskapi.store.dynamodb.DynamoDbClients;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.DeleteScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Warm in-process invocations of one function's handler, each followed by its baseline: the AWS requests the
 * function just made, DynamoDB's, SES's and Scheduler's, sent again in the same order directly through clients
 * configured the same way: the function's own configuration ({@link DynamoDbClients}, {@link SesMailer#client},
 * {@link EventBridgeReminderScheduler#client} over its environment), so over the same path, the local IAM endpoint that checks the function's SigV4 signature and
 * policies before it passes the call to dynalite (and the local SES endpoint, which checks them before it writes
 * the message), as each service authorizes every call on AWS. The ratio is then what the function adds over its
 * own calls; a replayed SendEmail mails the same message again, into the run's mail directory.
 * Conditions are dropped from replayed writes (their item now exists, has moved on a version, or is gone), which
 * leaves the same one-item writes. Requests sent without the SDK (the authorizer's GetItem) are replayed as
 * their SDK equivalent, given by the caller, which also gives their capacity units. A webhook delivery the
 * function sent to the run's receiver ({@link DiscardingReceiver}) is posted to it again, after the AWS requests,
 * on a connection of its own written straight to a socket: the raw exchange the function's pinned HttpClient 5
 * send is measured against.
 */
final class WarmLatency {
  /**
   * {@code eventJson}: the share of the timed call that is the proxy event's JSON read and the answer's written
   * (the stream handler does both, as the runtime's serializer would for a typed handler), timed apart.
   */
  record Result(Stats function, Stats baseline, Stats roundTrips, double readUnits, double writeUnits,
      Stats eventJson, double queryReadUnits) {
    boolean hasBaseline() {
      return baseline != null;
    }
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("[:#][A-Za-z0-9_]+");

  private final DiscardingReceiver receiver;

  /** {@code receiver}: the run's webhook receiver, whose deliveries during a call the baseline sends again. */
  WarmLatency(DiscardingReceiver receiver) {
    this.receiver = receiver;
    RoundTripMeter.install();
  }

  Result measure(LambdaFunction function, IntFunction<String> events, int warmups, int runs) throws Exception {
    return measure(function, events, warmups, runs, List.of());
  }

  /**
   * Invokes {@code function}'s handler directly on this thread, as the Lambda runtime does (the local stack's
   * executor hop would add a thread hand-off that is not ours), built as the local stack builds it: the
   * no-argument constructor, once the function's environment is what {@link Environment#current()} reads in
   * this JVM. {@code rawEquivalents}: the SDK form of each request the function sends without the SDK, in order.
   */
  Result measure(LambdaFunction function, IntFunction<String> events, int warmups, int runs,
      List<SdkRequest> rawEquivalents) throws Exception {
    LambdaHandler handler = handler(function);
    try (Replay direct = new Replay(new Environment(function.environment()))) {
      return measure(handler, direct, function.definition().logicalId(), events, warmups, runs, rawEquivalents);
    }
  }

  /** {@code function}'s handler as {@link #measure} builds it, in this JVM with the function's environment. */
  static LambdaHandler handler(LambdaFunction function) throws Exception {
    Environment.setCurrent(function.environment());
    return LambdaHandler.of(Class.forName(function.definition().handlerClass()).getConstructor().newInstance(),
        function.definition().handlerMethod());
  }

  /** One invocation's answer (the proxy response's JSON), unmeasured: a state a measured request starts from. */
  static JsonNode invokeOnce(LambdaFunction function, String event) throws Exception {
    return Json.MAPPER.readTree(handler(function).invoke(event.getBytes(StandardCharsets.UTF_8), null));
  }

  private Result measure(LambdaHandler handler, Replay direct, String name, IntFunction<String> events,
      int warmups, int runs, List<SdkRequest> rawEquivalents) throws Exception {
    List<Double> times = new ArrayList<>();
    List<Double> eventJson = new ArrayList<>();
    List<Double> baseline = new ArrayList<>();
    List<Integer> trips = new ArrayList<>();
    double reads = 0;
    double writes = 0;
    double queryReads = 0;
    for (int i = 0; i < warmups + runs; i++) {
      byte[] event = events.apply(i).getBytes(StandardCharsets.UTF_8);
      RoundTripMeter.reset();
      receiver.drain();
      long start = System.nanoTime();
      // Bytes in, bytes out, as the runtime calls it: the handlers read and write the events' JSON themselves.
      byte[] output = handler.invoke(event, null);
      long end = System.nanoTime();
      RoundTripMeter.Reading reading = RoundTripMeter.read();
      JsonNode answer = Json.MAPPER.readTree(output);
      JsonNode status = answer.path("statusCode");
      if (!status.isMissingNode() && (status.asInt() < 200 || status.asInt() > 299)) {
        // Only the success path is measured: an error answer would time something else.
        throw new IllegalStateException(name + " did not succeed: "
            + new String(output, StandardCharsets.UTF_8));
      }
      if (!reading.rawRequests().isEmpty() && reading.rawRequests().size() != rawEquivalents.size()) {
        throw new IllegalStateException(name + " sent " + reading.rawRequests()
            + " without the SDK; the harness replays " + rawEquivalents.size() + " equivalents");
      }
      double json = eventJson(event, answer);
      List<DiscardingReceiver.Received> deliveries = receiver.drain();
      double replayed = 0;
      for (SdkRequest request : reading.requests()) {
        replayed += direct.replay(request);
      }
      // A webhook's send follows the function's AWS reads (the webhook's GetItem), so it is sent again after them.
      for (DiscardingReceiver.Received delivery : deliveries) {
        replayed += receiver.resend(delivery);
      }
      double readUnits = reading.readUnits();
      double writeUnits = reading.writeUnits();
      if (!reading.rawRequests().isEmpty()) {
        RoundTripMeter.reset();
        for (SdkRequest request : rawEquivalents) {
          replayed += direct.replay(request);
        }
        RoundTripMeter.Reading equivalents = RoundTripMeter.read();
        readUnits += equivalents.readUnits();
        writeUnits += equivalents.writeUnits();
      }
      boolean anyRequest = !reading.requests().isEmpty() || !reading.rawRequests().isEmpty();
      if (i < warmups) {
        continue;
      }
      times.add((end - start) / 1e6);
      eventJson.add(json);
      trips.add(reading.roundTrips());
      reads += readUnits;
      writes += writeUnits;
      queryReads += reading.queryReadUnits();
      if (anyRequest) {
        baseline.add(replayed);
      }
    }
    return new Result(Stats.of(times), baseline.isEmpty() ? null : Stats.of(baseline), Stats.of(trips),
        reads / runs, writes / runs, Stats.of(eventJson), queryReads / runs);
  }

  /** Milliseconds to read {@code event} into a tree and write {@code answer} out, with the functions' mapper. */
  private static double eventJson(byte[] event, JsonNode answer) throws java.io.IOException {
    long start = System.nanoTime();
    Json.MAPPER.readTree(event);
    Json.MAPPER.writeValue(OutputStream.nullOutputStream(), answer);
    return (System.nanoTime() - start) / 1e6;
  }

  /**
   * The clients the baseline replays through, configured as the function's own: DynamoDB's, SES's once a SendEmail
   * is replayed and Scheduler's once a schedule's create or delete is (each built then, since only the password
   * reset's environment configures SES, and only the reminders' Scheduler).
   */
  static final class Replay implements AutoCloseable {
    private final Environment environment;
    private final DynamoDbClient dynamoDb;
    private SesV2Client ses;
    private SchedulerClient scheduler;

    Replay(Environment environment) {
      this.environment = environment;
      this.dynamoDb = DynamoDbClients.create(environment);
    }

    /** Milliseconds of the same call made directly. */
    double replay(SdkRequest request) {
      if (request instanceof SendEmailRequest sendEmail) {
        if (ses == null) {
          ses = SesMailer.client(environment);
        }
        long start = System.nanoTime();
        ses.sendEmail(sendEmail);
        return (System.nanoTime() - start) / 1e6;
      }
      if (request instanceof CreateScheduleRequest || request instanceof DeleteScheduleRequest) {
        if (scheduler == null) {
          scheduler = EventBridgeReminderScheduler.client(environment);
        }
        long start = System.nanoTime();
        try {
          if (request instanceof CreateScheduleRequest create) {
            scheduler.createSchedule(create);
          } else {
            scheduler.deleteSchedule((DeleteScheduleRequest) request);
          }
        } catch (ConflictException | ResourceNotFoundException answered) {
          // Answered as the function's call was: the schedule exists already, or is gone (the handler ignores both).
        }
        return (System.nanoTime() - start) / 1e6;
      }
      return WarmLatency.replay(dynamoDb, request);
    }

    @Override
    public void close() {
      dynamoDb.close();
      if (ses != null) {
        ses.close();
      }
      if (scheduler != null) {
        scheduler.close();
      }
    }
  }

  /** Milliseconds of the same DynamoDB call made directly. */
  private static double replay(DynamoDbClient direct, SdkRequest request) {
    long start = System.nanoTime();
    switch (request) {
      case GetItemRequest r -> direct.getItem(r);
      case QueryRequest r -> direct.query(r);
      case BatchGetItemRequest r -> direct.batchGetItem(r);
      case BatchWriteItemRequest r -> direct.batchWriteItem(r);
      case PutItemRequest r -> {
        direct.putItem(r.toBuilder().conditionExpression(null).expressionAttributeNames(null)
            .expressionAttributeValues(null).build());
      }
      case DeleteItemRequest r -> direct.deleteItem(r.toBuilder().conditionExpression(null)
          .expressionAttributeNames(null).expressionAttributeValues(null).build());
      case UpdateItemRequest r -> {
        // The update expression shares names and values with the dropped condition: keep only its own.
        Set<String> placeholders = placeholders(r.updateExpression());
        direct.updateItem(r.toBuilder().conditionExpression(null)
            .expressionAttributeNames(keep(r.hasExpressionAttributeNames() ? r.expressionAttributeNames() : null,
                placeholders))
            .expressionAttributeValues(keep(r.hasExpressionAttributeValues() ? r.expressionAttributeValues() : null,
                placeholders))
            .build());
      }
      case TransactWriteItemsRequest r -> {
        // A create's or sign-in's transaction: its ConditionCheck on the account still holds, so it stays; the
        // writes' conditions are dropped like any write's (a session's end: its Delete of the family, already
        // deleted, and its Update of the account, which keeps only its update expression's own placeholders).
        direct.transactWriteItems(r.toBuilder().transactItems(r.transactItems().stream()
            .map(WarmLatency::withoutWriteConditions).toList()).build());
      }
      default -> throw new IllegalStateException("no baseline for " + request.getClass().getSimpleName());
    }
    return (System.nanoTime() - start) / 1e6;
  }

  private static Set<String> placeholders(String expression) {
    Set<String> found = new HashSet<>();
    if (expression != null) {
      Matcher matcher = PLACEHOLDER.matcher(expression);
      while (matcher.find()) {
        found.add(matcher.group());
      }
    }
    return found;
  }

  private static <V> Map<String, V> keep(Map<String, V> map, Set<String> placeholders) {
    if (map == null) {
      return null;
    }
    Map<String, V> kept = new HashMap<>();
    map.forEach((key, value) -> {
      if (placeholders.contains(key)) {
        kept.put(key, value);
      }
    });
    return kept.isEmpty() ? null : kept;
  }

  /** A transaction's item as the baseline replays it: a write without its condition. */
  private static TransactWriteItem withoutWriteConditions(TransactWriteItem item) {
    if (item.put() != null) {
      return item.toBuilder().put(item.put().toBuilder().conditionExpression(null).expressionAttributeNames(null)
          .expressionAttributeValues(null).build()).build();
    }
    if (item.delete() != null) {
      return item.toBuilder().delete(item.delete().toBuilder().conditionExpression(null)
          .expressionAttributeNames(null).expressionAttributeValues(null).build()).build();
    }
    if (item.update() != null) {
      Update update = item.update();
      Set<String> placeholders = placeholders(update.updateExpression());
      return item.toBuilder().update(update.toBuilder().conditionExpression(null)
          .expressionAttributeNames(
              keep(update.hasExpressionAttributeNames() ? update.expressionAttributeNames() : null, placeholders))
          .expressionAttributeValues(
              keep(update.hasExpressionAttributeValues() ? update.expressionAttributeValues() : null, placeholders))
          .build()).build();
    }
    return item;
  }

  /** The SDK form of a GetItem, for {@link #measure}'s raw equivalents. */
  static GetItemRequest getItem(String table, Map<String, AttributeValue> key, String projection) {
    return GetItemRequest.builder().tableName(table).key(key).consistentRead(true).projectionExpression(projection)
        .build();
  }
}
