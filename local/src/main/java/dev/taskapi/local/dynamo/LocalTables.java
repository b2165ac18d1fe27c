package dev.taskapi.local.dynamo;

import dev.taskapi.local.template.TableDef;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Creates the template's DynamoDB tables in the local endpoint, leaving existing ones (and their data) alone. */
public final class LocalTables {
  private LocalTables() {}

  public static DynamoDbClient client(URI endpoint, String region, String accessKeyId, String secretAccessKey) {
    return client(endpoint, region, AwsCredentialsIdentity.create(accessKeyId, secretAccessKey));
  }

  public static DynamoDbClient client(URI endpoint, String region, AwsCredentialsIdentity credentials) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .credentialsProvider(StaticCredentialsProvider.create(credentials instanceof AwsSessionCredentialsIdentity session
            ? AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(), session.sessionToken())
            : AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey())))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** Creates each table that DescribeTable does not find; returns the names it created. */
  public static List<String> createMissing(DynamoDbClient dynamo, List<TableDef> tables) {
    return tables.stream().filter(table -> !exists(dynamo, table.tableName())).map(table -> {
      dynamo.createTable(request(table));
      return table.tableName();
    }).toList();
  }

  private static boolean exists(DynamoDbClient dynamo, String tableName) {
    try {
      dynamo.describeTable(r -> r.tableName(tableName));
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    }
  }

  static CreateTableRequest request(TableDef table) {
    return CreateTableRequest.builder()
        .tableName(table.tableName())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(keys(table.keySchema()))
        .attributeDefinitions(table.attributeTypes().entrySet().stream()
            .map(a -> AttributeDefinition.builder().attributeName(a.getKey()).attributeType(a.getValue()).build())
            .toList())
        .globalSecondaryIndexes(table.globalSecondaryIndexes().isEmpty() ? null
            : table.globalSecondaryIndexes().stream()
                .map(i -> GlobalSecondaryIndex.builder().indexName(i.indexName()).keySchema(keys(i.keySchema()))
                    .projection(projection(i)).build())
                .toList())
        .localSecondaryIndexes(table.localSecondaryIndexes().isEmpty() ? null
            : table.localSecondaryIndexes().stream()
                .map(i -> LocalSecondaryIndex.builder().indexName(i.indexName()).keySchema(keys(i.keySchema()))
                    .projection(projection(i)).build())
                .toList())
        .build();
  }

  private static List<KeySchemaElement> keys(List<TableDef.KeyElement> keys) {
    return keys.stream()
        .map(k -> KeySchemaElement.builder().attributeName(k.attributeName()).keyType(k.keyType()).build())
        .toList();
  }

  private static Projection projection(TableDef.IndexDef index) {
    Projection.Builder projection = Projection.builder().projectionType(index.projectionType());
    if (!index.nonKeyAttributes().isEmpty()) {
      projection.nonKeyAttributes(index.nonKeyAttributes());
    }
    return projection.build();
  }
}
