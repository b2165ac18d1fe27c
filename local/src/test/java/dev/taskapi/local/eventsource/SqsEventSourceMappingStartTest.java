package dev.taskapi.local.eventsource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.local.LocalRuntime;
import dev.taskapi.local.LocalStackOptions;
import dev.taskapi.local.template.TemplateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** What a mapping does when the stack starts: the checks CreateEventSourceMapping makes, and Enabled. */
class SqsEventSourceMappingStartTest {
  @TempDir Path dir;

  private LocalRuntime start(int visibilityTimeout, boolean enabled) throws Exception {
    Path template = dir.resolve("template.yaml");
    Files.writeString(template, """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Jobs:
            Type: AWS::SQS::Queue
            Properties:
              VisibilityTimeout: %d
          Worker:
            Type: AWS::Serverless::Function
            Properties:
              Handler: dev.taskapi.local.testhandlers.SqsDeliveryHandler::handleRequest
              Timeout: 10
              Events:
                Jobs:
                  Type: SQS
                  Properties:
                    Queue: !GetAtt Jobs.Arn
                    Enabled: %s
        """.formatted(visibilityTimeout, enabled));
    return LocalRuntime.start(LocalStackOptions.defaults()
        .withTemplate(template)
        .withDataDir(dir.resolve("data"))
        .withEnvironment(Map.of("PATH", System.getenv("PATH"))));
  }

  @Test
  void aQueueWhoseVisibilityTimeoutIsBelowTheFunctionsTimeoutStopsTheStart() {
    TemplateException refused = assertThrows(TemplateException.class, () -> start(5, true).close());
    assertTrue(refused.getMessage().contains("Queue visibility timeout: 5 seconds is less than Function timeout: 10 "
        + "seconds"), refused.getMessage());
  }

  @Test
  void aDisabledMappingLeavesTheQueueAlone() throws Exception {
    try (LocalRuntime runtime = start(30, false);
        SqsClient elasticMq = SqsClient.builder().endpointOverride(runtime.sqsBackend().orElseThrow())
            .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t"))).build()) {
      String url = elasticMq.getQueueUrl(r -> r.queueName("Jobs")).queueUrl();
      elasticMq.sendMessage(r -> r.queueUrl(url).messageBody("ok waiting"));
      Thread.sleep(3_000);
      assertEquals("1", elasticMq.getQueueAttributes(r -> r.queueUrl(url)
              .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
          .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES), "still there, visible: nothing received it");
    }
  }
}
