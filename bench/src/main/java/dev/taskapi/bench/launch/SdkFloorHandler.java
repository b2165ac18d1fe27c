package dev.taskapi.bench.launch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.taskapi.config.Environment;
import dev.taskapi.schema.TableKeys;
import dev.taskapi.store.dynamodb.DynamoDbClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The SDK's floor: the least any of our DynamoDB functions does on a cold start. It builds the DynamoDB client
 * exactly as the functions do ({@link DynamoDbClients}: the fixed endpoint, the URL connection client, the retry
 * strategy) and makes one {@code GetItem} with the low-level client, then answers a constant; no event parsing, no
 * enhanced client, no table schema, no JSON of its own. Run from a function's task root, it has the same libraries
 * beside it. What a function's cold start costs above this is ours to cut; below it, only the SDK could.
 */
public final class SdkFloorHandler implements RequestStreamHandler {
  private static final byte[] ANSWER = "{\"statusCode\":200,\"body\":\"\"}".getBytes(StandardCharsets.UTF_8);

  private final DynamoDbClient dynamoDb;
  private final String table;

  public SdkFloorHandler() {
    Environment env = Environment.current();
    this.dynamoDb = DynamoDbClients.create(env);
    this.table = env.required("TABLE_NAME");
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    dynamoDb.getItem(GetItemRequest.builder()
        .tableName(table)
        .key(Map.of(
            TableKeys.PARTITION_KEY, AttributeValue.fromS("FLOOR"),
            TableKeys.SORT_KEY, AttributeValue.fromS("FLOOR")))
        .build());
    output.write(ANSWER);
  }
}
