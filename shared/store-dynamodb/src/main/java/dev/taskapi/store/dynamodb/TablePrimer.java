package dev.taskapi.store.dynamodb;

import dev.taskapi.snapstart.Priming;
import java.util.Map;
import org.crac.Context;
import org.crac.Resource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Before the snapshot, one GetItem of a key no item can have (real keys start {@code EMAIL#} or {@code USER#}):
 * loads and links the client's whole request path (signing, endpoint rules, HTTP, unmarshalling) and opens its
 * connection, without touching data. A failure is logged and ignored: the snapshot is still valid, only colder.
 */
public final class TablePrimer implements Resource {
  private static final Map<String, AttributeValue> NO_SUCH_KEY =
      Map.of("pk", AttributeValue.fromS("PRIMING#no-such-item"), "sk", AttributeValue.fromS("PRIMING"));

  private final DynamoDbClient client;
  private final String tableName;

  public TablePrimer(DynamoDbClient client, String tableName) {
    this.client = client;
    this.tableName = tableName;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    Priming.run(() -> {
      try {
        client.getItem(request -> request.tableName(tableName).key(NO_SUCH_KEY).consistentRead(true));
      } catch (SdkException e) {
        System.err.println("WARN priming read of " + tableName + " failed: " + e.getClass().getSimpleName());
      }
    });
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing to renew.
  }
}
