package dev.taskapi.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.taskapi.local.lambda.LambdaFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Warm in-process invocations of one function's handler, each followed by its baseline: the DynamoDB request the
 * function just made, sent again directly through a client configured the same way. Conditions are dropped
 * from replayed writes (their item now exists, or is gone), which leaves the same one-item write.
 */
final class WarmLatency {
  record Result(Stats function, Stats baseline, Stats roundTrips, double readUnits, double writeUnits) {
    boolean hasBaseline() {
      return baseline != null;
    }
  }

  private final DynamoDbClient direct;

  WarmLatency(DynamoDbClient direct) {
    this.direct = direct;
  }

  /**
   * Invokes {@code function}'s handler directly on this thread, as the Lambda runtime does (the local stack's
   * executor hop would add a thread hand-off that is not ours), built as the local stack builds it: the
   * constructor taking the environment.
   */
  Result measure(LambdaFunction function, IntFunction<String> events, int warmups, int runs) throws Exception {
    @SuppressWarnings("unchecked")
    RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>) Class
        .forName(function.definition().handlerClass()).getConstructor(Map.class).newInstance(function.environment());
    List<Double> times = new ArrayList<>();
    List<Double> baseline = new ArrayList<>();
    List<Integer> trips = new ArrayList<>();
    double reads = 0;
    double writes = 0;
    for (int i = 0; i < warmups + runs; i++) {
      Object event = function.eventFromJson(events.apply(i));
      RoundTripMeter.reset();
      long start = System.nanoTime();
      Object output = handler.handleRequest(event, null);
      long end = System.nanoTime();
      RoundTripMeter.Reading reading = RoundTripMeter.read();
      if (output instanceof APIGatewayProxyResponseEvent response && response.getStatusCode() >= 400) {
        // Only the success path is measured: an error answer would time something else.
        throw new IllegalStateException(function.definition().logicalId() + " did not succeed: "
            + response.getStatusCode() + " " + response.getBody());
      }
      Double replayed = reading.lastRequest() == null ? null : replay(reading.lastRequest());
      if (i < warmups) {
        continue;
      }
      times.add((end - start) / 1e6);
      trips.add(reading.roundTrips());
      reads += reading.readUnits();
      writes += reading.writeUnits();
      if (replayed != null) {
        baseline.add(replayed);
      }
    }
    return new Result(Stats.of(times), baseline.isEmpty() ? null : Stats.of(baseline), Stats.of(trips),
        reads / runs, writes / runs);
  }

  /** Milliseconds of the same call made directly. */
  private double replay(SdkRequest request) {
    long start = System.nanoTime();
    switch (request) {
      case GetItemRequest r -> direct.getItem(r);
      case QueryRequest r -> direct.query(r);
      case PutItemRequest r -> direct.putItem(
          r.toBuilder().conditionExpression(null).expressionAttributeNames(null).expressionAttributeValues(null)
              .build());
      case DeleteItemRequest r -> direct.deleteItem(
          r.toBuilder().conditionExpression(null).expressionAttributeNames(null).expressionAttributeValues(null)
              .build());
      case UpdateItemRequest r -> direct.updateItem(r);
      default -> throw new IllegalStateException("no baseline for " + request.getClass().getSimpleName());
    }
    return (System.nanoTime() - start) / 1e6;
  }
}
