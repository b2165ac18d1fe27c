package dev.taskapi.local.sqs;

import static dev.taskapi.local.sqs.SqsStack.queueUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.taskapi.local.LocalRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** bin/start keeps the local SQS's queues and messages in the data directory, the owner's alone. */
class LocalSqsPersistenceTest {
  private static final String WORK = queueUrl("WorkQueue");

  @TempDir Path dataDir;

  @Test
  void aMessageNotYetDeletedIsThereAfterARestartWithItsReceiveCount() throws Exception {
    String id;
    try (LocalRuntime first = SqsStack.start(dataDir);
        SqsClient sender = SqsStack.clientOf(first, "SenderFunction");
        SqsClient worker = SqsStack.clientOf(first, "WorkerFunction")) {
      id = sender.sendMessage(r -> r.queueUrl(WORK).messageBody("survives")).messageId();
      sender.sendMessage(r -> r.queueUrl(WORK).messageBody("deleted"));
      for (Message message : worker.receiveMessage(r -> r.queueUrl(WORK).waitTimeSeconds(5).maxNumberOfMessages(10)
          .visibilityTimeout(0)).messages()) {
        if (message.body().equals("deleted")) {
          worker.deleteMessage(r -> r.queueUrl(WORK).receiptHandle(message.receiptHandle()));
        }
      }
    }
    try (LocalRuntime second = SqsStack.start(dataDir);
        SqsClient worker = SqsStack.clientOf(second, "WorkerFunction")) {
      List<Message> messages = worker.receiveMessage(r -> r.queueUrl(WORK).waitTimeSeconds(1).maxNumberOfMessages(10)
          .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
      assertEquals(List.of("survives"), messages.stream().map(Message::body).toList(), "the deleted one stays deleted");
      assertEquals(id, messages.getFirst().messageId());
      assertEquals("2", messages.getFirst().attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT),
          "its first receive was kept too");
    }
    Path sqs = dataDir.resolve("sqs");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sqs)));
    try (Stream<Path> files = Files.list(sqs)) {
      List<Path> all = files.toList();
      assertFalse(all.isEmpty());
      for (Path file : all) {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
      }
    }
  }
}
