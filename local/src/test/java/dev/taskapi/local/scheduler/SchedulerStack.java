package dev.taskapi.local.scheduler;

import dev.taskapi.local.LocalRuntime;
import dev.taskapi.local.LocalStackOptions;
import dev.taskapi.local.lambda.FunctionCredentials;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The local stack on scheduler-template.yaml with fresh data, started once for a test class, its scheduler retrying
 * after {@link #RETRY_DELAY} (doubled each time) instead of a second. {@link #clientOf} is a Scheduler client as a
 * function builds its own (its credentials, real SigV4, SCHEDULER_ENDPOINT).
 */
public final class SchedulerStack implements BeforeAllCallback, AfterAllCallback {
  public static final Path TEMPLATE = Path.of("src", "test", "resources", "scheduler-template.yaml");
  public static final Duration RETRY_DELAY = Duration.ofMillis(100);
  public static final String GROUP = "taskapi-local-reminders";
  public static final String ROLE_ARN = "arn:aws:iam::123456789012:role/ReminderSchedulerRole";
  public static final String POWERLESS_ROLE_ARN = "arn:aws:iam::123456789012:role/powerless-scheduler";
  public static final String ANY_QUALIFIER_ROLE_ARN = "arn:aws:iam::123456789012:role/any-qualifier-scheduler";
  public static final String REMIND_ARN = "arn:aws:lambda:us-east-1:123456789012:function:RemindFunction";
  public static final String RECORD_QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/RecordQueue";
  public static final String DEAD_LETTERS = "https://sqs.us-east-1.amazonaws.com/123456789012/ReminderDeadLetters";
  public static final String DEAD_LETTERS_ARN = "arn:aws:sqs:us-east-1:123456789012:ReminderDeadLetters";

  private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  private LocalRuntime runtime;

  public static LocalRuntime start(Path dataDir) {
    return LocalRuntime.start(LocalStackOptions.defaults()
        .withTemplate(TEMPLATE)
        .withDataDir(dataDir)
        .withSchedulerRetryDelay(RETRY_DELAY)
        .withEnvironment(Map.of("PATH", System.getenv("PATH"))));
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    runtime = start(Files.createTempDirectory("taskapi-scheduler-"));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    runtime.close();
  }

  public LocalRuntime runtime() {
    return runtime;
  }

  public SchedulerClient clientOf(String function) {
    return clientOf(runtime, function);
  }

  public static SchedulerClient clientOf(LocalRuntime runtime, String function) {
    FunctionCredentials own = runtime.lambdaEnvironment().credentials().get(function);
    return client(runtime.lambdaEnvironment().schedulerEndpoint(),
        AwsSessionCredentials.create(own.accessKeyId(), own.secretAccessKey(), own.sessionToken()));
  }

  public static SchedulerClient client(URI endpoint, AwsCredentials credentials) {
    return SchedulerClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** ElasticMQ itself, to read what the target recorded and the dead-letter queue. */
  public static SqsClient elasticMq(LocalRuntime runtime) {
    return SqsClient.builder()
        .endpointOverride(runtime.sqsBackend().orElseThrow())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build())
        .build();
  }

  /** The messages that reach {@code queueUrl} within {@code wait}, each deleted, with all their attributes. */
  public static List<Message> receive(SqsClient sqs, String queueUrl, Duration wait) {
    List<Message> received = new java.util.ArrayList<>();
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
              .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL))
          .messages().forEach(message -> {
            received.add(message);
            sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
          });
    }
    return received;
  }

  /** {@code at(...)} of the whole second {@code seconds} from now or later, in UTC, and that instant. */
  public static At atSecondsFromNow(long seconds) {
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(seconds + 1);
    return new At("at(" + AT.format(LocalDateTime.ofInstant(at, ZoneOffset.UTC)) + ")", at);
  }

  public record At(String expression, Instant instant) {}

  /** When SQS received the message: when the target sent it. */
  public static Instant sentAt(Message message) {
    return Instant.ofEpochMilli(Long.parseLong(message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP)));
  }
}
