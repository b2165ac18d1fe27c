package dev.taskapi.local.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A message SQS acknowledged survives a kill -9 of the local SQS: a JVM sends messages and halts the moment the
 * last SendMessage has answered, with no shutdown hook; the next start on the same folder holds every one.
 */
class ElasticMqCrashTest {
  private static final int MESSAGES = 40;

  @TempDir Path folder;

  @Test
  void everyAcknowledgedMessageIsThereAfterTheProcessIsHalted() throws Exception {
    Process sender = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
        "-cp", System.getProperty("java.class.path"), SendThenHalt.class.getName(), folder.toString())
        .redirectErrorStream(true)
        .start();
    assertTrue(sender.waitFor(120, TimeUnit.SECONDS), "the sender halts");
    String output = new String(sender.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(output.contains("sent " + MESSAGES), output);

    try (ElasticMq restarted = ElasticMq.start(folder, "us-east-1"); SqsClient admin = restarted.adminClient()) {
      String url = admin.getQueueUrl(r -> r.queueName("Work")).queueUrl();
      String stored = admin.getQueueAttributes(r -> r.queueUrl(url)
          .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
          .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
      assertEquals(Integer.toString(MESSAGES), stored);
    }
  }

  /** The halted process: sends, says how many SendMessage calls answered, and halts at once. */
  public static final class SendThenHalt {
    public static void main(String[] args) {
      ElasticMq elasticMq = ElasticMq.start(Path.of(args[0]), "us-east-1");
      SqsClient admin = elasticMq.adminClient();
      String url = admin.createQueue(r -> r.queueName("Work")).queueUrl();
      for (int i = 0; i < MESSAGES; i++) {
        String body = "message " + i;
        admin.sendMessage(r -> r.queueUrl(url).messageBody(body));
      }
      System.out.println("sent " + MESSAGES);
      System.out.flush();
      Runtime.getRuntime().halt(0);
    }
  }
}
