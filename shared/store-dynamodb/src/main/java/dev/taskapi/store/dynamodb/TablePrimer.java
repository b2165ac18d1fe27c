package dev.taskapi.store.dynamodb;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Before the snapshot, one GetItem of a key no item can have (real keys start {@code EMAIL#}, {@code USER#} or
 * {@code LOGIN#}): loads and links the client's whole request path (signing, endpoint rules, HTTP, unmarshalling)
 * and opens its connection, without touching data. Every function with table access is granted exactly this read
 * in template.yaml (GetItem, {@code dynamodb:LeadingKeys} {@code PRIMING#*}), whatever else it may do: a write
 * could not prime (writes are refused while priming), and a refused read would prime the error path, not the
 * answer's.
 */
public final class TablePrimer extends CallPrimer {
  /** The partition key prefix of the priming read, the one the template's priming grant allows. */
  public static final String KEY_PREFIX = "PRIMING#";

  private static final Map<String, AttributeValue> NO_SUCH_KEY =
      Map.of("pk", AttributeValue.fromS(KEY_PREFIX + "no-such-item"), "sk", AttributeValue.fromS("PRIMING"));

  public TablePrimer(DynamoDbClient client, String tableName) {
    super(client, tableName, "priming read of");
  }

  /** The priming read; the failure's exception class name when it did not succeed (AccessDenied, timeout...). */
  @Override
  public Optional<String> prime() {
    try {
      client.getItem(request -> request.tableName(tableName).key(NO_SUCH_KEY).consistentRead(true));
      return Optional.empty();
    } catch (SdkException e) {
      return Optional.of(describe(e));
    }
  }
}
