package dev.taskapi.local.dynamo;

import dev.taskapi.local.template.TableDef;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** The template's DynamoDB tables in the local endpoint: created when missing, updated in place as CloudFormation would. */
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

  /**
   * Brings the endpoint's tables to the template, as a CloudFormation stack create or update would: creates each
   * table DescribeTable does not find, and gives an existing one the template's global secondary indexes (one
   * UpdateTable, then waits for the index to be ACTIVE) and the template's StreamSpecification, in place
   * ({@link TableStreams}). Returns what it did, one line per change.
   *
   * <p>What an update cannot do in place stops the start before anything changes, as the deploy would fail
   * (AWS::DynamoDB::Table, CloudFormation User Guide): a changed KeySchema or LocalSecondaryIndexes needs a
   * replacement of the table ("Update requires: Replacement"); "You can delete or add one global secondary index
   * without interruption. If you do both in the same update (for example, by changing the index's logical ID), the
   * update fails", and adding two fails with "Cannot perform more than one GSI creation or deletion in a single
   * update" (UpdateTable: "You can create or delete only one global secondary index per UpdateTable operation";
   * github.com/aws/aws-cdk issue 12246).
   *
   * @throws IllegalStateException naming the table and the changes a stack update could not make
   */
  public static List<String> deploy(DynamoDbClient dynamo, List<TableDef> tables) {
    List<TableUpdate> updates = new ArrayList<>();
    for (TableDef table : tables) {
      describe(dynamo, table.tableName()).ifPresent(existing -> updates.add(TableUpdate.of(table, existing)));
    }
    // Every refusal before any change: a failed stack update changes nothing either (it rolls back).
    updates.forEach(TableUpdate::checkInPlace);
    List<String> done = new ArrayList<>();
    for (TableDef table : tables) {
      Optional<TableUpdate> update =
          updates.stream().filter(u -> u.table().tableName().equals(table.tableName())).findFirst();
      if (update.isEmpty()) {
        dynamo.createTable(request(table));
        done.add("created table " + table.tableName());
      } else {
        update.get().apply(dynamo).ifPresent(done::add);
        TableStreams.update(dynamo, table, update.get().existing()).ifPresent(done::add);
      }
    }
    return done;
  }

  /**
   * The LatestStreamLabel of each of {@code tables} that has a stream, by table name: what
   * {@code !GetAtt Table.StreamArn} ends with once the tables are deployed.
   */
  public static Map<String, String> streamLabels(DynamoDbClient dynamo, List<TableDef> tables) {
    return TableStreams.labels(dynamo, tables);
  }

  private static Optional<TableDescription> describe(DynamoDbClient dynamo, String tableName) {
    try {
      return Optional.of(dynamo.describeTable(r -> r.tableName(tableName)).table());
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  static CreateTableRequest request(TableDef table) {
    return CreateTableRequest.builder()
        .tableName(table.tableName())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .streamSpecification(TableStreams.onCreate(table))
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

  static List<KeySchemaElement> keys(List<TableDef.KeyElement> keys) {
    return keys.stream()
        .map(k -> KeySchemaElement.builder().attributeName(k.attributeName()).keyType(k.keyType()).build())
        .toList();
  }

  static Projection projection(TableDef.IndexDef index) {
    Projection.Builder projection = Projection.builder().projectionType(index.projectionType());
    if (!index.nonKeyAttributes().isEmpty()) {
      projection.nonKeyAttributes(index.nonKeyAttributes());
    }
    return projection.build();
  }
}
