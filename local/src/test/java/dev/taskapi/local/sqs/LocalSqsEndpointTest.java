package dev.taskapi.local.sqs;

import static dev.taskapi.local.sqs.SqsStack.queueUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.local.lambda.FunctionCredentials;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The local SQS endpoint, called with the AWS SDK's SQS client as the functions call it (their own credentials,
 * real SigV4, real ElasticMQ behind): signatures are checked, each action is authorized on the queue's ARN against
 * the caller's policies in sqs-template.yaml, and the template's queues carry their attributes.
 */
class LocalSqsEndpointTest {
  private static final String WORK = queueUrl("WorkQueue");
  private static final String WORK_DLQ = queueUrl("WorkDeadLetters");
  private static final String WORK_ARN = "arn:aws:sqs:us-east-1:123456789012:WorkQueue";

  @RegisterExtension static final SqsStack stack = new SqsStack();

  @Test
  void aFunctionSendsWithItsOwnSignatureAndAnotherReceivesAndDeletes() {
    String body = "hello " + UUID.randomUUID();
    try (SqsClient sender = stack.clientOf("SenderFunction"); SqsClient worker = stack.clientOf("WorkerFunction")) {
      String id = sender.sendMessage(r -> r.queueUrl(WORK).messageBody(body)).messageId();
      sender.sendMessageBatch(r -> r.queueUrl(WORK).entries(e -> e.id("b").messageBody(body + " batch")));

      List<Message> received = receiveAll(worker, WORK, 2);
      assertEquals(List.of(body, body + " batch"), received.stream().map(Message::body).sorted().toList());
      assertTrue(received.stream().anyMatch(m -> m.messageId().equals(id)));
      received.forEach(m -> worker.deleteMessage(r -> r.queueUrl(WORK).receiptHandle(m.receiptHandle())));
      assertEquals(0, messagesIn(worker, WORK));
    }
  }

  @Test
  void aWrongSecretAnUnknownKeyOrNoSignatureIsRefusedBeforeSqs() {
    FunctionCredentials own = stack.runtime().lambdaEnvironment().credentials().get("SenderFunction");
    var endpoint = stack.runtime().lambdaEnvironment().sqsEndpoint();
    Map<String, SqsClient> callers = Map.of(
        "InvalidSignatureException",
        SqsStack.client(endpoint, AwsSessionCredentials.create(own.accessKeyId(), "wrong", own.sessionToken())),
        "UnrecognizedClientException",
        SqsStack.client(endpoint, AwsSessionCredentials.create("ASIAUNKNOWN", own.secretAccessKey(), own.sessionToken())),
        "MissingAuthenticationTokenException",
        SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .httpClient(UrlConnectionHttpClient.create()).build());
    int before = messagesInBackend();
    callers.forEach((expected, client) -> {
      try (client) {
        SqsException refused = assertThrows(SqsException.class,
            () -> client.sendMessage(r -> r.queueUrl(WORK).messageBody("forged")));
        assertEquals(403, refused.statusCode(), expected);
        assertEquals(expected, refused.awsErrorDetails().errorCode());
      }
    });
    assertEquals(before, messagesInBackend(), "nothing reached ElasticMQ");
  }

  /** Each action as the Sender (SQSSendMessagePolicy) and the Worker (SQSPollerPolicy) are allowed or denied. */
  @ParameterizedTest(name = "{0} by {1}: {2}")
  @CsvSource({
      "SendMessage, SenderFunction, allowed, sqs:sendmessage",
      "SendMessage, WorkerFunction, denied, sqs:sendmessage",
      "SendMessageBatch, SenderFunction, allowed, sqs:sendmessage",
      "SendMessageBatch, WorkerFunction, denied, sqs:sendmessage",
      "ReceiveMessage, SenderFunction, denied, sqs:receivemessage",
      "ReceiveMessage, WorkerFunction, allowed, sqs:receivemessage",
      "DeleteMessage, SenderFunction, denied, sqs:deletemessage",
      "DeleteMessage, WorkerFunction, allowed, sqs:deletemessage",
      "DeleteMessageBatch, SenderFunction, denied, sqs:deletemessage",
      "DeleteMessageBatch, WorkerFunction, allowed, sqs:deletemessage",
      "ChangeMessageVisibility, SenderFunction, denied, sqs:changemessagevisibility",
      "ChangeMessageVisibility, WorkerFunction, allowed, sqs:changemessagevisibility",
      "ChangeMessageVisibilityBatch, SenderFunction, denied, sqs:changemessagevisibility",
      "ChangeMessageVisibilityBatch, WorkerFunction, allowed, sqs:changemessagevisibility",
      "GetQueueAttributes, SenderFunction, denied, sqs:getqueueattributes",
      "GetQueueAttributes, WorkerFunction, allowed, sqs:getqueueattributes",
      "GetQueueUrl, SenderFunction, denied, sqs:getqueueurl",
      "GetQueueUrl, WorkerFunction, allowed, sqs:getqueueurl",
  })
  void eachActionIsAuthorizedOnTheQueueArnAgainstTheCallersPolicies(
      String action, String function, String outcome, String iamAction) {
    String receipt;
    try (SqsClient sender = stack.clientOf("SenderFunction"); SqsClient worker = stack.clientOf("WorkerFunction")) {
      sender.sendMessage(r -> r.queueUrl(WORK).messageBody("for " + action));
      receipt = worker.receiveMessage(r -> r.queueUrl(WORK).waitTimeSeconds(5)).messages().getFirst().receiptHandle();
    }
    try (SqsClient client = stack.clientOf(function)) {
      Consumer<SqsClient> call = calls(receipt).get(action);
      if (outcome.equals("allowed")) {
        call.accept(client);
      } else {
        SqsException denied = assertThrows(SqsException.class, () -> call.accept(client));
        assertEquals(403, denied.statusCode());
        assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
        assertTrue(denied.awsErrorDetails().errorMessage().contains("is not authorized to perform: " + iamAction
            + " on resource: " + WORK_ARN + " because no identity-based policy allows the " + iamAction + " action"),
            denied.awsErrorDetails().errorMessage());
      }
    } finally {
      purge();
    }
  }

  @Test
  void aGrantOnOneQueueDoesNotReachAnother() {
    try (SqsClient sender = stack.clientOf("SenderFunction")) {
      SqsException denied = assertThrows(SqsException.class,
          () -> sender.sendMessage(r -> r.queueUrl(queueUrl("RecordQueue")).messageBody("x")));
      assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
      assertTrue(denied.getMessage().contains("arn:aws:sqs:us-east-1:123456789012:RecordQueue"), denied.getMessage());
    }
  }

  @Test
  void theTemplatesQueueHasItsAttributesAndItsUrlArnAndNameResolve() {
    Map<String, String> env = stack.env("WorkerFunction");
    assertEquals(WORK, env.get("WORK_QUEUE_URL"));
    assertEquals(WORK, env.get("WORK_QUEUE_URL_ATT"));
    assertEquals(WORK_ARN, env.get("WORK_QUEUE_ARN"));
    assertEquals(stack.runtime().lambdaEnvironment().sqsEndpoint().toString(), env.get("SQS_ENDPOINT"));
    try (SqsClient worker = stack.clientOf("WorkerFunction")) {
      assertEquals(WORK, worker.getQueueUrl(r -> r.queueName("WorkQueue")).queueUrl(), "SQS's form, not ElasticMQ's");
      Map<QueueAttributeName, String> attributes =
          worker.getQueueAttributes(r -> r.queueUrl(WORK).attributeNames(QueueAttributeName.ALL)).attributes();
      assertEquals("30", attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT));
      assertEquals(WORK_ARN, attributes.get(QueueAttributeName.QUEUE_ARN));
      assertEquals("{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:123456789012:WorkDeadLetters\",\"maxReceiveCount\":2}",
          attributes.get(QueueAttributeName.REDRIVE_POLICY).replace(" ", ""));
    }
    try (SqsClient elasticMq = stack.elasticMq()) {
      var delivery = elasticMq.getQueueAttributes(r -> r.queueUrl(queueUrl("webhook-deliveries"))
          .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)).attributes();
      assertEquals("5", delivery.get(QueueAttributeName.VISIBILITY_TIMEOUT), "QueueName and VisibilityTimeout");
    }
  }

  @Test
  void aMessageReceivedMaxReceiveCountTimesMovesToTheDeadLetterQueue() {
    String body = "poison " + UUID.randomUUID();
    try (SqsClient sender = stack.clientOf("SenderFunction"); SqsClient worker = stack.clientOf("WorkerFunction")) {
      String id = sender.sendMessage(r -> r.queueUrl(WORK).messageBody(body)).messageId();
      for (int receive = 1; receive <= 2; receive++) {
        Message message = worker.receiveMessage(r -> r.queueUrl(WORK).waitTimeSeconds(5).visibilityTimeout(0)
            .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages().getFirst();
        assertEquals(id, message.messageId());
        assertEquals(Integer.toString(receive),
            message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
      }
      assertEquals(List.of(), worker.receiveMessage(r -> r.queueUrl(WORK).waitTimeSeconds(1)).messages(),
          "maxReceiveCount 2: a third receive moves it instead");
      Message dead = worker.receiveMessage(r -> r.queueUrl(WORK_DLQ).waitTimeSeconds(5)).messages().getFirst();
      assertEquals(body, dead.body());
      worker.deleteMessage(r -> r.queueUrl(WORK_DLQ).receiptHandle(dead.receiptHandle()));
    }
  }

  @Test
  void changeMessageVisibilityHidesAMessageUntilItsNewTimeoutInsteadOfTheQueues() throws Exception {
    try (SqsClient sender = stack.clientOf("SenderFunction"); SqsClient worker = stack.clientOf("WorkerFunction")) {
      sender.sendMessage(r -> r.queueUrl(WORK).messageBody("retry later"));
      Message first = worker.receiveMessage(r -> r.queueUrl(WORK).waitTimeSeconds(5)).messages().getFirst();
      long changedAt = System.nanoTime();
      worker.changeMessageVisibility(r -> r.queueUrl(WORK).receiptHandle(first.receiptHandle()).visibilityTimeout(3));
      assertEquals(List.of(), worker.receiveMessage(r -> r.queueUrl(WORK).waitTimeSeconds(1)).messages(),
          "hidden for its 3 s");
      Message again = worker.receiveMessage(r -> r.queueUrl(WORK).waitTimeSeconds(10)
          .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages().getFirst();
      long hiddenMillis = (System.nanoTime() - changedAt) / 1_000_000;
      assertEquals(first.messageId(), again.messageId());
      assertEquals("2", again.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
      assertTrue(hiddenMillis >= 2_500 && hiddenMillis < 20_000,
          "back after the new 3 s, long before the queue's 30 s: " + hiddenMillis + " ms");
      worker.deleteMessage(r -> r.queueUrl(WORK).receiptHandle(again.receiptHandle()));
    }
  }

  @Test
  void aReceiveWithoutWaitTimeSecondsWaitsTheQueuesReceiveMessageWaitTime() {
    try (SqsClient worker = stack.clientOf("WorkerFunction")) {
      long started = System.nanoTime();
      assertEquals(List.of(), worker.receiveMessage(r -> r.queueUrl(WORK_DLQ)).messages());
      long waitedMillis = (System.nanoTime() - started) / 1_000_000;
      assertTrue(waitedMillis >= 1_500 && waitedMillis < 10_000, "the queue's 2 s: " + waitedMillis + " ms");
    }
  }

  private static Map<String, Consumer<SqsClient>> calls(String receipt) {
    return Map.of(
        "SendMessage", c -> c.sendMessage(r -> r.queueUrl(WORK).messageBody("m")),
        "SendMessageBatch", c -> c.sendMessageBatch(r -> r.queueUrl(WORK).entries(e -> e.id("1").messageBody("m"))),
        "ReceiveMessage", c -> c.receiveMessage(r -> r.queueUrl(WORK)),
        "DeleteMessage", c -> c.deleteMessage(r -> r.queueUrl(WORK).receiptHandle(receipt)),
        "DeleteMessageBatch", c -> c.deleteMessageBatch(r -> r.queueUrl(WORK)
            .entries(e -> e.id("1").receiptHandle(receipt))),
        "ChangeMessageVisibility", c -> c.changeMessageVisibility(r -> r.queueUrl(WORK).receiptHandle(receipt)
            .visibilityTimeout(0)),
        "ChangeMessageVisibilityBatch", c -> c.changeMessageVisibilityBatch(r -> r.queueUrl(WORK)
            .entries(e -> e.id("1").receiptHandle(receipt).visibilityTimeout(0))),
        "GetQueueAttributes", c -> c.getQueueAttributes(r -> r.queueUrl(WORK)),
        "GetQueueUrl", c -> c.getQueueUrl(r -> r.queueName("WorkQueue")));
  }

  private static List<Message> receiveAll(SqsClient client, String queue, int count) {
    List<Message> received = new java.util.ArrayList<>();
    for (int attempt = 0; attempt < 10 && received.size() < count; attempt++) {
      received.addAll(client.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(2).maxNumberOfMessages(10))
          .messages());
    }
    return received;
  }

  private static int messagesIn(SqsClient client, String queue) {
    return client.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        .attributes().values().stream().mapToInt(Integer::parseInt).sum();
  }

  private static int messagesInBackend() {
    try (SqsClient elasticMq = stack.elasticMq()) {
      return messagesIn(elasticMq, WORK);
    }
  }

  private static void purge() {
    try (SqsClient elasticMq = stack.elasticMq()) {
      elasticMq.purgeQueue(r -> r.queueUrl(WORK));
    }
  }
}
