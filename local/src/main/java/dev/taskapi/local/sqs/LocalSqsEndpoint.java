package dev.taskapi.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.taskapi.local.aws.FakeAws;
import dev.taskapi.local.aws.LoopbackServer;
import dev.taskapi.local.iam.IamAuthorizer;
import dev.taskapi.local.iam.Principals;
import dev.taskapi.local.iam.RequestContext;
import dev.taskapi.local.iam.SignedCallers;
import dev.taskapi.local.iam.SignedCallers.Authentication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Amazon SQS for the functions: ElasticMQ behind the checks SQS makes. As SQS does, it authenticates the SigV4
 * signature (signing name {@code sqs}) with the calling function's credentials and authorizes the call's IAM
 * action ({@link SqsActions}) on the queue's ARN ({@code arn:aws:sqs:<region>:<account>:<name>}) against that
 * function's policies; only then is the request passed to ElasticMQ, and ElasticMQ's answer passed back.
 *
 * <p>It speaks SQS's JSON protocol ({@code POST /}, {@code X-Amz-Target: AmazonSQS.<Action>}, {@code
 * application/x-amz-json-1.0}), the one the AWS SDK for Java 2.x uses. Queues are named by their URL ({@code
 * QueueUrl}, whose path is {@code /<account>/<name>} whatever its host, as the SDK sends the URL a template's
 * {@code !Ref} gave to the endpoint it is configured with) or, for GetQueueUrl, by {@code QueueName}; the queue
 * URLs in ElasticMQ's answers are given back in SQS's form, {@code https://sqs.<region>.amazonaws.com/...}. A call
 * that names no queue (CreateQueue, ListQueues) is not served: the functions get their queues from the template.
 */
public final class LocalSqsEndpoint implements AutoCloseable {
  private static final String TARGET_PREFIX = "AmazonSQS.";
  // ReceiveMessage waits up to 20 s (WaitTimeSeconds); ElasticMQ answers within that.
  private static final Duration BACKEND_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String region;
  private final URI elasticMq;
  private final SignedCallers callers;
  private final IamAuthorizer authorizer;
  private final HttpClient backend = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final LoopbackServer server;
  private volatile boolean closing;

  private LocalSqsEndpoint(String region, URI elasticMq, Principals principals, IamAuthorizer authorizer)
      throws IOException {
    this.region = region;
    this.elasticMq = elasticMq;
    this.callers = new SignedCallers(principals, "sqs", Clock.systemUTC());
    this.authorizer = authorizer;
    this.server = LoopbackServer.start(0, 0, this::handle);
  }

  /** Serves on a free port of 127.0.0.1, in front of the ElasticMQ at {@code elasticMq}. */
  public static LocalSqsEndpoint start(String region, URI elasticMq, Principals principals, IamAuthorizer authorizer)
      throws IOException {
    return new LocalSqsEndpoint(region, elasticMq, principals, authorizer);
  }

  /** What the functions get as SQS_ENDPOINT. */
  public URI endpoint() {
    return server.endpoint();
  }

  @Override
  public void close() {
    closing = true;
    server.close();
    backend.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Authentication authentication = callers.authenticate(exchange, body);
      if (authentication instanceof Authentication.Refused refused) {
        refuse(exchange, refused.refusal());
        return;
      }
      String function = ((Authentication.Caller) authentication).function();
      String target = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target")).orElse("");
      JsonNode request = parse(body);
      if (!exchange.getRequestMethod().equals("POST") || !target.startsWith(TARGET_PREFIX) || request == null) {
        SqsErrors.send(exchange, SqsErrors.INVALID_ACTION,
            "The local SQS endpoint speaks SQS's JSON protocol (POST, X-Amz-Target: AmazonSQS.<Action>) only.");
        return;
      }
      String operation = target.substring(TARGET_PREFIX.length());
      Optional<String> queueName = queueName(request);
      if (queueName.isEmpty()) {
        SqsErrors.send(exchange, request.has("QueueUrl") ? SqsErrors.QUEUE_DOES_NOT_EXIST : SqsErrors.INVALID_ACTION,
            request.has("QueueUrl") ? "The specified queue does not exist."
                : "The local SQS endpoint serves the actions on a queue of the template; " + operation + " names none.");
        return;
      }
      String action = SqsActions.iamAction(operation);
      String queueArn = FakeAws.arn(region, "AWS::SQS::Queue", queueName.get());
      Optional<IamAuthorizer.Denial> denial = authorizer.authorize(
          function, List.of(new IamAuthorizer.Request(action, queueArn, RequestContext.empty())));
      if (denial.isPresent()) {
        // SQS writes the action in lower case in its message ("not authorized to perform: sqs:sendmessage").
        IamAuthorizer.Denial denied = denial.get();
        SqsErrors.send(exchange, SqsErrors.ACCESS_DENIED, new IamAuthorizer.Denial(denied.function(),
            denied.action().toLowerCase(Locale.ROOT), denied.resource(), denied.explicit(), denied.sessionArn())
            .message());
        return;
      }
      if (operation.equals("ReceiveMessage") && !request.has("WaitTimeSeconds")) {
        ((ObjectNode) request).put("WaitTimeSeconds", queueWaitSeconds(request.get("QueueUrl").asText()));
      }
      HttpResponse<byte[]> answer = operation.equals("ReceiveMessage") && request.path("WaitTimeSeconds").asInt() > 1
          ? longPoll(target, (ObjectNode) request)
          : send(target, body);
      reply(exchange, answer);
    }
  }

  /**
   * A long poll (WaitTimeSeconds up to 20) made of one-second long polls of ElasticMQ until one answers messages
   * or the wait is over: the client sees the same answer, as soon as a message arrives, and the stack's close
   * waits a second at most (ElasticMQ's shutdown waits for the requests it is serving, a 20 s poll included).
   */
  private HttpResponse<byte[]> longPoll(String target, ObjectNode request) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(request.get("WaitTimeSeconds").asInt()).toNanos();
    while (true) {
      // A second's poll while at least half a second is left, then a last one that does not wait.
      int waitSeconds = deadline - System.nanoTime() >= Duration.ofMillis(500).toNanos() ? 1 : 0;
      request.put("WaitTimeSeconds", waitSeconds);
      HttpResponse<byte[]> answer = send(target, JSON.writeValueAsBytes(request));
      JsonNode messages = answer.statusCode() == 200 ? parse(answer.body()) : null;
      if (answer.statusCode() != 200 || messages == null || messages.path("Messages").size() > 0 || waitSeconds == 0
          || closing) {
        return answer;
      }
    }
  }

  /**
   * The queue's ReceiveMessageWaitTimeSeconds, what a ReceiveMessage without WaitTimeSeconds waits ("ReceiveMessage",
   * SQS API Reference), made explicit so that {@link #longPoll} serves it too; 0 when ElasticMQ does not say.
   */
  private int queueWaitSeconds(String queueUrl) throws IOException {
    ObjectNode request = JSON.createObjectNode().put("QueueUrl", queueUrl);
    request.putArray("AttributeNames").add("ReceiveMessageWaitTimeSeconds");
    HttpResponse<byte[]> answer = send(TARGET_PREFIX + "GetQueueAttributes", JSON.writeValueAsBytes(request));
    JsonNode attributes = answer.statusCode() == 200 ? parse(answer.body()) : null;
    return attributes == null ? 0 : attributes.path("Attributes").path("ReceiveMessageWaitTimeSeconds").asInt(0);
  }

  private HttpResponse<byte[]> send(String target, byte[] body) throws IOException {
    try {
      return backend.send(HttpRequest.newBuilder(elasticMq.resolve("/"))
              .timeout(BACKEND_TIMEOUT)
              .header("Content-Type", SqsErrors.CONTENT_TYPE)
              .header("X-Amz-Target", target)
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while ElasticMQ answered", e);
    }
  }

  private void reply(HttpExchange exchange, HttpResponse<byte[]> answer) throws IOException {
    for (String header : List.of("x-amzn-query-error", "x-amzn-RequestId")) {
      answer.headers().firstValue(header).ifPresent(value -> exchange.getResponseHeaders().set(header, value));
    }
    exchange.getResponseHeaders().set("Content-Type", SqsErrors.CONTENT_TYPE);
    LoopbackServer.send(exchange, answer.statusCode(), withSqsQueueUrls(answer.body()));
  }

  /** The queue URLs of an answer (GetQueueUrl, ListDeadLetterSourceQueues) in SQS's form instead of ElasticMQ's. */
  private byte[] withSqsQueueUrls(byte[] answer) throws IOException {
    JsonNode json = parse(answer);
    if (json instanceof ObjectNode object && (object.has("QueueUrl") || object.has("queueUrls"))) {
      if (object.path("QueueUrl").isTextual()) {
        object.put("QueueUrl", sqsUrl(object.get("QueueUrl").asText()));
      }
      if (object.get("queueUrls") instanceof ArrayNode urls) {
        for (int i = 0; i < urls.size(); i++) {
          urls.set(i, sqsUrl(urls.get(i).asText()));
        }
      }
      return JSON.writeValueAsBytes(object);
    }
    return answer;
  }

  private String sqsUrl(String elasticMqUrl) {
    return FakeAws.sqsQueueUrl(region, elasticMqUrl.substring(elasticMqUrl.lastIndexOf('/') + 1));
  }

  /** The queue a request names: the last segment of its QueueUrl when the account is this stack's, or QueueName. */
  private static Optional<String> queueName(JsonNode request) {
    if (request.path("QueueUrl").isTextual()) {
      String path = URI.create(request.get("QueueUrl").asText()).getPath();
      String[] segments = path == null ? new String[0] : path.split("/");
      return segments.length == 3 && segments[1].equals(FakeAws.ACCOUNT_ID) && !segments[2].isEmpty()
          ? Optional.of(segments[2]) : Optional.empty();
    }
    return Optional.ofNullable(request.path("QueueName").textValue()).filter(name -> !name.isEmpty());
  }

  private static JsonNode parse(byte[] body) {
    try {
      return body.length == 0 ? null : JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static void refuse(HttpExchange exchange, SignedCallers.Refusal refusal) throws IOException {
    SqsErrors.send(exchange, SqsErrors.signatureError(refusal), refusal.message());
  }
}
