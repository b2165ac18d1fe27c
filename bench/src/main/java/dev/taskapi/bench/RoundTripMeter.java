package dev.taskapi.bench;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
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
 * Counts every DynamoDB HTTP attempt (round trip) and the capacity units each call consumed, and records every
 * SDK request (DynamoDB's, SES's and Scheduler's, which the warm baseline replays), for every client in the harness's JVM:
 * registered as a global interceptor ({@code software/amazon/awssdk/global/handlers/execution.interceptors}), so
 * the functions' own clients are measured without changing them. Asks DynamoDB to return consumed capacity,
 * which only adds a field to the response. Measurements run one request at a time.
 *
 * <p>The authorizer sends its one GetItem without an SDK client (SigV4-signed JSON over the JDK's
 * {@code HttpURLConnection}); {@link #install()} counts those too, through the JDK's cookie-handler hook, which
 * {@code HttpURLConnection} consults once for every request it writes (it adds no cookies). Their capacity is not
 * in their responses; the harness takes it from the same request replayed through the SDK.
 */
public final class RoundTripMeter implements ExecutionInterceptor {
  private static final AtomicInteger ROUND_TRIPS = new AtomicInteger();
  private static final DoubleAdder READ_UNITS = new DoubleAdder();
  private static final DoubleAdder WRITE_UNITS = new DoubleAdder();
  /** Read units of Queries computed from the items read ({@link ItemSize}), beside what DynamoDB reports. */
  private static final DoubleAdder QUERY_READ_UNITS = new DoubleAdder();
  private static final List<SdkRequest> REQUESTS = new CopyOnWriteArrayList<>();
  /**
   * Set on the thread that measures (by {@link #reset()}) and inherited by the threads it starts (a handler's
   * virtual threads): the local stack's own pollers (the stream's and the queue's event source mappings, and the
   * functions they invoke) share this JVM and its SDK, and their calls are no part of the measured invocation.
   */
  private static final InheritableThreadLocal<Boolean> MEASURED = new InheritableThreadLocal<>();
  private static final List<String> RAW_REQUESTS = new CopyOnWriteArrayList<>();

  /**
   * What the calls since the last {@link #reset()} cost: DynamoDB round trips (HTTP attempts), the SDK requests
   * made to any service (one per call, in order), and the operations of DynamoDB requests sent without the SDK.
   */
  record Reading(int roundTrips, double readUnits, double writeUnits, List<SdkRequest> requests,
      List<String> rawRequests, double queryReadUnits) {}

  /** Also counts DynamoDB requests sent over {@code HttpURLConnection}; call before the connections are opened. */
  static synchronized void install() {
    if (!(CookieHandler.getDefault() instanceof RawDynamoDbCounter)) {
      CookieHandler.setDefault(new RawDynamoDbCounter(CookieHandler.getDefault()));
    }
  }

  static void reset() {
    MEASURED.set(Boolean.TRUE);
    ROUND_TRIPS.set(0);
    READ_UNITS.reset();
    WRITE_UNITS.reset();
    QUERY_READ_UNITS.reset();
    REQUESTS.clear();
    RAW_REQUESTS.clear();
  }

  static Reading read() {
    return new Reading(ROUND_TRIPS.get(), READ_UNITS.sum(), WRITE_UNITS.sum(), List.copyOf(REQUESTS),
        List.copyOf(RAW_REQUESTS), QUERY_READ_UNITS.sum());
  }

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    if (!measured()) {
      return context.request();
    }
    if (!(context.request() instanceof DynamoDbRequest)) {
      // Another service's call (the password reset's SES SendEmail): replayed by the baseline too, but neither a
      // DynamoDB round trip nor capacity.
      REQUESTS.add(context.request());
      return context.request();
    }
    SdkRequest request = switch (context.request()) {
      case GetItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
      case PutItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
      case DeleteItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
      case UpdateItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
      case QueryRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
      case BatchGetItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
      case BatchWriteItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
      default -> context.request();
    };
    REQUESTS.add(request);
    return request;
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    if (measured() && context.request() instanceof DynamoDbRequest) {
      ROUND_TRIPS.incrementAndGet();
    }
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    if (!measured()) {
      return;
    }
    if (context.response() instanceof QueryResponse r && context.request() instanceof QueryRequest q) {
      long bytes = r.items().stream().mapToLong(ItemSize::of).sum();
      QUERY_READ_UNITS.add(ItemSize.readUnits(bytes, Boolean.TRUE.equals(q.consistentRead())));
    }
    List<ConsumedCapacity> consumed = switch (context.response()) {
      case GetItemResponse r -> single(r.consumedCapacity());
      case PutItemResponse r -> single(r.consumedCapacity());
      case DeleteItemResponse r -> single(r.consumedCapacity());
      case UpdateItemResponse r -> single(r.consumedCapacity());
      case QueryResponse r -> single(r.consumedCapacity());
      case BatchGetItemResponse r -> r.hasConsumedCapacity() ? r.consumedCapacity() : List.of();
      case BatchWriteItemResponse r -> r.hasConsumedCapacity() ? r.consumedCapacity() : List.of();
      default -> List.of();
    };
    boolean read = context.response() instanceof GetItemResponse || context.response() instanceof QueryResponse
        || context.response() instanceof BatchGetItemResponse;
    for (ConsumedCapacity capacity : consumed) {
      if (capacity != null && capacity.capacityUnits() != null) {
        (read ? READ_UNITS : WRITE_UNITS).add(capacity.capacityUnits());
      }
    }
  }

  private static boolean measured() {
    return Boolean.TRUE.equals(MEASURED.get());
  }

  private static List<ConsumedCapacity> single(ConsumedCapacity capacity) {
    List<ConsumedCapacity> list = new ArrayList<>(1);
    list.add(capacity);
    return list;
  }

  /**
   * Counts requests carrying {@code X-Amz-Target: DynamoDB_...} but not the SDK's invocation id (the SDK's
   * url-connection HTTP client also goes through here, and the interceptor counts those); delegates cookies, if
   * any, unchanged.
   */
  private static final class RawDynamoDbCounter extends CookieHandler {
    private final CookieHandler delegate;

    RawDynamoDbCounter(CookieHandler delegate) {
      this.delegate = delegate;
    }

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
      boolean sentBySdk = requestHeaders.keySet().stream()
          .anyMatch(name -> "amz-sdk-invocation-id".equalsIgnoreCase(name)); // counted by the interceptor
      for (Map.Entry<String, List<String>> header : sentBySdk ? List.<Map.Entry<String, List<String>>>of()
          : requestHeaders.entrySet()) {
        if ("X-Amz-Target".equalsIgnoreCase(header.getKey()) && header.getValue() != null) {
          for (String target : header.getValue()) {
            if (target.startsWith("DynamoDB_")) {
              ROUND_TRIPS.incrementAndGet();
              RAW_REQUESTS.add(target.substring(target.indexOf('.') + 1));
            }
          }
        }
      }
      return delegate == null ? Map.of() : delegate.get(uri, requestHeaders);
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
      if (delegate != null) {
        delegate.put(uri, responseHeaders);
      }
    }
  }
}
