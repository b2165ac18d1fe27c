package dev.taskapi.dynalite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The launcher: real dynalite, real DynamoDB calls (a data directory kept across restarts: local's LocalTablesTest). */
class DynaliteTest {
  @Test
  void inMemoryAndStoppedMeansGone() {
    java.net.URI endpoint;
    Dynalite.Credentials credentials;
    try (Dynalite dynalite = Dynalite.start(null, 0);
        DynamoDbClient dynamo = TestDynamoDb.client(dynalite)) {
      endpoint = dynalite.endpoint();
      credentials = dynalite.credentials();
      assertFalse(dynamo.listTables().hasTableNames() && !dynamo.listTables().tableNames().isEmpty());
    }
    try (DynamoDbClient dynamo = TestDynamoDb.client(endpoint, credentials)) {
      assertThrows(SdkClientException.class, dynamo::listTables);
    }
  }

  @Test
  void aClientAbortingMidRequestDoesNotStopTheDatabase() throws Exception {
    try (Dynalite dynalite = Dynalite.start(null, 0);
        DynamoDbClient dynamo = TestDynamoDb.client(dynalite)) {
      String host = dynalite.endpoint().getAuthority();
      for (int i = 0; i < 3; i++) {
        // Headers promise a body that never comes; then the connection drops, as a timed-out SDK attempt does.
        try (Socket socket = new Socket(dynalite.endpoint().getHost(), dynalite.endpoint().getPort())) {
          socket.getOutputStream().write(("POST / HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/x-amz-json-1.0\r\n"
              + "X-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Length: 1000\r\n\r\n{\"Li")
              .getBytes(StandardCharsets.US_ASCII));
          socket.getOutputStream().flush();
          Thread.sleep(100);
        }
      }
      Thread.sleep(200);
      dynamo.listTables(); // still serving
    }
  }

  @Test
  void busyPortFailsWithAClearMessage() {
    try (Dynalite first = Dynalite.start(null, 0)) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> Dynalite.start(null, first.endpoint().getPort()));
      assertEquals(true, e.getMessage().contains("did not start on port " + first.endpoint().getPort()),
          e.getMessage());
    }
  }
}
