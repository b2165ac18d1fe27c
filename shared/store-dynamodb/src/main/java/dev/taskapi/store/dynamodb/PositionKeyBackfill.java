package dev.taskapi.store.dynamodb;

import dev.taskapi.schema.TableKeys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One page of {@link DynamoDbTaskStore#backfillPositionKeys}.
 *
 * @param read the items the page's Scan returned (task items without a position key)
 * @param written how many of them it gave their key (the others had one by then, or were deleted)
 * @param next where the next page starts, an opaque string; empty when the Scan has reached the table's end
 */
public record PositionKeyBackfill(int read, int written, Optional<String> next) {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  /** The Scan's LastEvaluatedKey (the table's key: two strings) as text that survives any JSON or event. */
  static String cursor(Map<String, AttributeValue> lastEvaluatedKey) {
    return encode(lastEvaluatedKey.get(TableKeys.PARTITION_KEY).s()) + "."
        + encode(lastEvaluatedKey.get(TableKeys.SORT_KEY).s());
  }

  static Map<String, AttributeValue> startKey(String cursor) {
    int dot = cursor.indexOf('.');
    if (dot < 0) {
      throw new IllegalArgumentException("Not a backfill cursor: " + cursor);
    }
    return Map.of(
        TableKeys.PARTITION_KEY, AttributeValue.fromS(decode(cursor.substring(0, dot))),
        TableKeys.SORT_KEY, AttributeValue.fromS(decode(cursor.substring(dot + 1))));
  }

  private static String encode(String text) {
    return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String text) {
    return new String(DECODER.decode(text), StandardCharsets.UTF_8);
  }
}
