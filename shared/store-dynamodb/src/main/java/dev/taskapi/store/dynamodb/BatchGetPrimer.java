package dev.taskapi.store.dynamodb;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Before the snapshot, one strongly consistent BatchGetItem of a key no item has, in the priming caller's partition:
 * loads BatchGetItem's request and response model, marshaller and unmarshaller, which every edit, move and rename
 * takes first ({@link ChangeLog#readForWrite}: the item with the account's change-log counter) and the priming
 * request does not reach. Allowed by the BatchGetItem on {@code USER#*} those functions hold.
 */
public final class BatchGetPrimer extends CallPrimer {
  private static final KeysAndAttributes NO_SUCH_ITEM = KeysAndAttributes.builder()
      .keys(List.of(TransactionPrimer.noSuchKey("batch-get")))
      .consistentRead(true)
      .build();

  public BatchGetPrimer(DynamoDbClient client, String tableName) {
    super(client, tableName, "priming batch read of");
  }

  /** The priming read; the failure's description when it did not succeed (AccessDenied, timeout...). */
  @Override
  public Optional<String> prime() {
    try {
      client.batchGetItem(request -> request.requestItems(Map.of(tableName, NO_SUCH_ITEM)));
      return Optional.empty();
    } catch (SdkException e) {
      return Optional.of(describe(e));
    }
  }
}
