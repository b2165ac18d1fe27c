package dev.taskapi.authorizer;

import dev.taskapi.api.JsonStreams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * DynamoDB's JSON protocol without an SDK client: a SigV4-signed POST over the JDK's HttpURLConnection, signed by
 * the SDK's small {@code http-auth-aws} signer, retried as the SDK's clients retry.
 *
 * <p>Retries are the SDK's own standard retry strategy (the {@code retries} module, {@link
 * DefaultRetryStrategy#standardStrategyBuilder()}): "Configure retry behavior in the AWS SDK for Java 2.x"
 * (Developer Guide) documents it as 3 attempts, exponential backoff with full jitter from a 100 ms base (1 s for
 * throttling) capped at 20 s, and a token bucket that stops retrying when most attempts fail. What it retries is
 * ours to say, and is what the SDK's clients retry ({@code AwsRetryStrategy}: {@code SdkDefaultRetrySetting},
 * {@code AwsErrorCode}): no response at all (connection refused or dropped, a timeout), HTTP 500, 502, 503 and 504,
 * the throttling error codes (DynamoDB's are ProvisionedThroughputExceededException, ThrottlingException and
 * RequestLimitExceeded, HTTP 400: "Error handling with DynamoDB", DynamoDB Developer Guide), and a clock-skew error
 * whose response's {@code Date} is more than 4 minutes from our clock, after which every later request is signed at
 * the server's time, as the SDK's {@code ClockSkewAdjuster} does. Anything else (a validation error, access denied)
 * fails at once. Every attempt and wait fits in {@link #API_CALL_TIMEOUT}, as the SDK clients' call timeout
 * ({@code AwsClientSettings}) bounds theirs.
 */
final class DynamoDbJsonClient {
  static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(5);
  private static final int CONNECT_TIMEOUT_MILLIS = 1000;
  private static final int READ_TIMEOUT_MILLIS = 1500;
  private static final Set<Integer> RETRYABLE_STATUS = Set.of(500, 502, 503, 504);
  private static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "ThrottledException",
      "ProvisionedThroughputExceededException", "SlowDown", "TooManyRequestsException", "RequestLimitExceeded",
      "BandwidthLimitExceeded", "RequestThrottled", "RequestThrottledException", "TransactionInProgressException",
      "PriorRequestNotComplete", "EC2ThrottledException");
  private static final Set<String> TRANSIENT = Set.of("RequestTimeout", "RequestTimeoutException");
  private static final Set<String> CLOCK_SKEW = Set.of("RequestTimeTooSkewed", "RequestExpired",
      "RequestInTheFuture", "InvalidSignatureException", "SignatureDoesNotMatch", "AuthFailure");
  private static final Duration CLOCK_SKEW_THRESHOLD = Duration.ofMinutes(4);

  private final URI endpoint;
  private final String region;
  private final Supplier<AwsCredentialsIdentity> credentials;
  private final Clock clock;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final RetryStrategy retries =
      DefaultRetryStrategy.standardStrategyBuilder()
          .retryOnException(DynamoDbJsonClient::retryable)
          .treatAsThrottling(e -> e instanceof ErrorResponse error && THROTTLING.contains(error.code()))
          .build();
  /** How far DynamoDB's clock is ahead of ours, learned from a clock-skew error; zero until one. */
  private volatile Duration clockOffset = Duration.ZERO;

  DynamoDbJsonClient(URI endpoint, String region, Supplier<AwsCredentialsIdentity> credentials, Clock clock) {
    this.endpoint = endpoint;
    this.region = region;
    this.credentials = credentials;
    this.clock = clock;
  }

  /** {@code operation}'s response as {@link JsonStreams#strings}, after retries; unchecked when it failed. */
  Map<String, String> call(String operation, byte[] body) {
    long deadline = System.nanoTime() + API_CALL_TIMEOUT.toNanos();
    RetryToken token = retries.acquireInitialToken(AcquireInitialTokenRequest.create("dynamodb")).token();
    while (true) {
      RuntimeException failure;
      try {
        Map<String, String> response = attempt(operation, body);
        retries.recordSuccess(RecordSuccessRequest.create(token));
        return response;
      } catch (ErrorResponse | UncheckedIOException e) {
        failure = e;
      }
      RefreshRetryTokenResponse retry;
      try {
        retry = retries.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token).failure(failure).build());
      } catch (TokenAcquisitionFailedException e) {
        throw failure; // not retryable, attempts used up, or the token bucket is empty
      }
      Duration delay = retry.delay();
      if (System.nanoTime() + delay.toNanos() + (long) READ_TIMEOUT_MILLIS * 1_000_000 > deadline) {
        throw failure; // no time left for another attempt
      }
      sleep(delay);
      token = retry.token();
    }
  }

  private Map<String, String> attempt(String operation, byte[] body) {
    SdkHttpRequest unsigned =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(endpoint.resolve("/"))
            .putHeader("Content-Type", "application/x-amz-json-1.0")
            .putHeader("X-Amz-Target", "DynamoDB_20120810." + operation)
            .build();
    Clock signingClock = Clock.offset(clock, clockOffset);
    SignedRequest signed =
        signer.sign(
            r ->
                r.identity(credentials.get())
                    .request(unsigned)
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(HttpSigner.SIGNING_CLOCK, signingClock));
    return post(signed.request(), body);
  }

  private Map<String, String> post(SdkHttpRequest request, byte[] body) {
    try {
      HttpURLConnection connection = (HttpURLConnection) request.getUri().toURL().openConnection();
      connection.setRequestMethod("POST");
      connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
      connection.setReadTimeout(READ_TIMEOUT_MILLIS);
      connection.setDoOutput(true);
      for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
        if (!header.getKey().equalsIgnoreCase("Host")) { // the connection sends the same Host itself
          connection.setRequestProperty(header.getKey(), String.join(",", header.getValue()));
        }
      }
      try (OutputStream out = connection.getOutputStream()) {
        out.write(body);
      }
      int status = connection.getResponseCode();
      if (status != 200) {
        throw errorResponse(connection, status);
      }
      try (InputStream in = connection.getInputStream()) {
        return JsonStreams.strings(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("DynamoDB unreachable from the authorizer", e);
    }
  }

  /**
   * DynamoDB's error: its {@code __type} ({@code com.amazonaws.dynamodb.v20120810#ThrottlingException}) names the
   * code after the {@code #}. A clock-skew error moves {@link #clockOffset} to the server's {@code Date}.
   */
  private ErrorResponse errorResponse(HttpURLConnection connection, int status) throws IOException {
    String type;
    try (InputStream in = connection.getErrorStream()) {
      type = in == null ? "" : JsonStreams.strings(in).getOrDefault("/__type", "");
    } catch (RuntimeException e) {
      type = ""; // not JSON (a proxy's page): the status decides
    }
    String code = type.substring(type.indexOf('#') + 1);
    boolean skewCorrected = CLOCK_SKEW.contains(code) && correctClockSkew(connection.getHeaderField("Date"));
    return new ErrorResponse(status, code, skewCorrected);
  }

  private boolean correctClockSkew(String date) {
    if (date == null) {
      return false;
    }
    Instant serverTime;
    try {
      serverTime = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return false;
    }
    Duration skew = Duration.between(clock.instant(), serverTime);
    if (skew.abs().compareTo(CLOCK_SKEW_THRESHOLD) <= 0) {
      return false;
    }
    clockOffset = skew;
    return true;
  }

  private static boolean retryable(Throwable failure) {
    if (failure instanceof UncheckedIOException) {
      return true; // no response: refused, dropped, timed out
    }
    return failure instanceof ErrorResponse error
        && (RETRYABLE_STATUS.contains(error.status())
            || THROTTLING.contains(error.code())
            || TRANSIENT.contains(error.code())
            || error.skewCorrected());
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted before retrying DynamoDB", e);
    }
  }

  /** A response other than 200; {@code skewCorrected} when it was a clock-skew error and the clock now follows. */
  static final class ErrorResponse extends IllegalStateException {
    private final int status;
    private final String code;
    private final boolean skewCorrected;

    ErrorResponse(int status, String code, boolean skewCorrected) {
      super("DynamoDB answered " + status + (code.isEmpty() ? "" : " " + code));
      this.status = status;
      this.code = code;
      this.skewCorrected = skewCorrected;
    }

    int status() {
      return status;
    }

    String code() {
      return code;
    }

    boolean skewCorrected() {
      return skewCorrected;
    }
  }
}
