package dev.taskapi.bench;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Counts every DynamoDB HTTP attempt (round trip) and the capacity units each call consumed, for every client
 * in the harness's JVM: registered as a global interceptor ({@code software/amazon/awssdk/global/handlers/
 * execution.interceptors}), so the functions' own clients are measured without changing them. Asks DynamoDB to
 * return consumed capacity, which only adds a field to the response. Measurements run one request at a time.
 */
public final class RoundTripMeter implements ExecutionInterceptor {
  private static final AtomicInteger ROUND_TRIPS = new AtomicInteger();
  private static final DoubleAdder READ_UNITS = new DoubleAdder();
  private static final DoubleAdder WRITE_UNITS = new DoubleAdder();
  private static final AtomicReference<SdkRequest> LAST_REQUEST = new AtomicReference<>();

  /** What the calls since the last {@link #reset()} cost. */
  record Reading(int roundTrips, double readUnits, double writeUnits, SdkRequest lastRequest) {}

  static void reset() {
    ROUND_TRIPS.set(0);
    READ_UNITS.reset();
    WRITE_UNITS.reset();
    LAST_REQUEST.set(null);
  }

  static Reading read() {
    return new Reading(ROUND_TRIPS.get(), READ_UNITS.sum(), WRITE_UNITS.sum(), LAST_REQUEST.get());
  }

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    SdkRequest request = switch (context.request()) {
      case GetItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
      case PutItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
      case DeleteItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
      case UpdateItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
      case QueryRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
      default -> context.request();
    };
    LAST_REQUEST.set(request);
    return request;
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    ROUND_TRIPS.incrementAndGet();
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    ConsumedCapacity consumed = switch (context.response()) {
      case GetItemResponse r -> r.consumedCapacity();
      case PutItemResponse r -> r.consumedCapacity();
      case DeleteItemResponse r -> r.consumedCapacity();
      case UpdateItemResponse r -> r.consumedCapacity();
      case QueryResponse r -> r.consumedCapacity();
      default -> null;
    };
    if (consumed != null && consumed.capacityUnits() != null) {
      boolean read = context.response() instanceof GetItemResponse || context.response() instanceof QueryResponse;
      (read ? READ_UNITS : WRITE_UNITS).add(consumed.capacityUnits());
    }
  }
}
