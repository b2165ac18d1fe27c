package dev.taskapi.dynalite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * DynamoDB Streams on the local DynamoDB (dynalite-streams.js; dynalite 4.0.0 has none), called with the AWS SDK's
 * own DynamoDbStreamsClient, as the Streams API Reference and the Developer Guide ("Change data capture for DynamoDB
 * Streams") describe them.
 */
class DynaliteStreamsTest {
  private static final String TABLE = "Streamed";
  private static final Pattern STREAM_ARN =
      Pattern.compile("arn:aws:dynamodb:[a-z0-9-]+:\\d{12}:table/" + TABLE + "/stream/\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}");

  @Test
  void createTableOpensAStreamThatRecordsEachChangeInOrderWithTheImagesOfItsViewType() {
    try (Dynalite dynalite = Dynalite.start(null, 0); DynamoDbClient dynamo = TestDynamoDb.client(dynalite);
         DynamoDbStreamsClient streams = streams(dynalite)) {
      TableDescription created = createTable(dynamo, StreamViewType.NEW_AND_OLD_IMAGES);
      assertTrue(STREAM_ARN.matcher(created.latestStreamArn()).matches(), created.latestStreamArn());
      assertEquals(created.latestStreamArn(), dynamo.describeTable(r -> r.tableName(TABLE)).table().latestStreamArn());
      assertEquals(StreamViewType.NEW_AND_OLD_IMAGES,
          dynamo.describeTable(r -> r.tableName(TABLE)).table().streamSpecification().streamViewType());

      put(dynamo, "a", "1");
      put(dynamo, "a", "2");
      put(dynamo, "a", "2"); // the same item again: not modified, no record
      dynamo.deleteItem(r -> r.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS("a"))));
      dynamo.deleteItem(r -> r.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS("never")))); // nothing deleted

      List<Record> records = readAll(streams, created.latestStreamArn(), ShardIteratorType.TRIM_HORIZON, null);
      assertEquals(List.of(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE),
          records.stream().map(Record::eventName).toList());
      Record modify = records.get(1);
      assertEquals("1", modify.dynamodb().oldImage().get("v").s());
      assertEquals("2", modify.dynamodb().newImage().get("v").s());
      assertEquals(Map.of("pk", AttributeValue.fromS("a")), modify.dynamodb().keys());
      assertEquals("aws:dynamodb", modify.eventSource());
      assertEquals("1.1", modify.eventVersion());
      assertTrue(modify.dynamodb().sizeBytes() > 0);
      assertFalse(records.get(0).dynamodb().hasOldImage());
      assertFalse(records.get(2).dynamodb().hasNewImage());
      assertTrue(new java.math.BigInteger(records.get(0).dynamodb().sequenceNumber())
          .compareTo(new java.math.BigInteger(records.get(1).dynamodb().sequenceNumber())) < 0, "increasing");
    }
  }

  @Test
  void keysOnlyRecordsCarryNoImage() {
    try (Dynalite dynalite = Dynalite.start(null, 0); DynamoDbClient dynamo = TestDynamoDb.client(dynalite);
         DynamoDbStreamsClient streams = streams(dynalite)) {
      String arn = createTable(dynamo, StreamViewType.KEYS_ONLY).latestStreamArn();
      put(dynamo, "k", "1");
      Record record = readAll(streams, arn, ShardIteratorType.TRIM_HORIZON, null).getFirst();
      assertFalse(record.dynamodb().hasNewImage());
      assertFalse(record.dynamodb().hasOldImage());
      assertEquals(StreamViewType.KEYS_ONLY, record.dynamodb().streamViewType());
    }
  }

  @Test
  void eachIteratorTypeStartsWhereTheApiReferenceSays() {
    try (Dynalite dynalite = Dynalite.start(null, 0); DynamoDbClient dynamo = TestDynamoDb.client(dynalite);
         DynamoDbStreamsClient streams = streams(dynalite)) {
      String arn = createTable(dynamo, StreamViewType.NEW_IMAGE).latestStreamArn();
      put(dynamo, "a", "1");
      put(dynamo, "b", "1");
      String latest = iterator(streams, arn, ShardIteratorType.LATEST, null);
      put(dynamo, "c", "1");
      List<Record> all = readAll(streams, arn, ShardIteratorType.TRIM_HORIZON, null);
      String second = all.get(1).dynamodb().sequenceNumber();

      assertEquals(List.of("c"), keys(streams.getRecords(r -> r.shardIterator(latest)).records()));
      assertEquals(List.of("b", "c"), keys(readAll(streams, arn, ShardIteratorType.AT_SEQUENCE_NUMBER, second)));
      assertEquals(List.of("c"), keys(readAll(streams, arn, ShardIteratorType.AFTER_SEQUENCE_NUMBER, second)));
      assertEquals(List.of("a"), keys(streams.getRecords(r -> r.shardIterator(
          iterator(streams, arn, ShardIteratorType.TRIM_HORIZON, null)).limit(1)).records()), "Limit");
    }
  }

  @Test
  void listDescribeAndTheErrorsOfTheApiReference() {
    try (Dynalite dynalite = Dynalite.start(null, 0); DynamoDbClient dynamo = TestDynamoDb.client(dynalite);
         DynamoDbStreamsClient streams = streams(dynalite)) {
      String arn = createTable(dynamo, StreamViewType.NEW_IMAGE).latestStreamArn();
      dynamo.createTable(r -> r.tableName("Plain").billingMode("PAY_PER_REQUEST")
          .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
          .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));

      assertEquals(List.of(arn), streams.listStreams(r -> {}).streams().stream().map(s -> s.streamArn()).toList());
      StreamDescription description = streams.describeStream(r -> r.streamArn(arn)).streamDescription();
      assertEquals(StreamStatus.ENABLED, description.streamStatus());
      assertEquals(1, description.shards().size());
      assertEquals("pk", description.keySchema().getFirst().attributeName());
      assertEquals(StreamViewType.NEW_IMAGE, description.streamViewType());

      assertThrows(ResourceNotFoundException.class, () -> streams.describeStream(r -> r.streamArn(
          arn.replace("/stream/", "x/stream/"))));
      assertThrows(ExpiredIteratorException.class, () -> streams.getRecords(r -> r.shardIterator("forged.iterator")));
      assertThrows(TrimmedDataAccessException.class, () -> streams.getShardIterator(r -> r.streamArn(arn)
          .shardId(description.shards().getFirst().shardId()).shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
          .sequenceNumber("100000000000000000001")));
      DynamoDbException tooMany = assertThrows(DynamoDbException.class, () -> streams.getRecords(r -> r
          .shardIterator(iterator(streams, arn, ShardIteratorType.LATEST, null)).limit(1001)));
      assertEquals("ValidationException", tooMany.awsErrorDetails().errorCode());
    }
  }

  @Test
  void anUpdateTableEnablesAndDisablesTheStreamInPlaceAndKeepsTheItems() {
    try (Dynalite dynalite = Dynalite.start(null, 0); DynamoDbClient dynamo = TestDynamoDb.client(dynalite);
         DynamoDbStreamsClient streams = streams(dynalite)) {
      dynamo.createTable(r -> r.tableName(TABLE).billingMode("PAY_PER_REQUEST")
          .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
          .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
      put(dynamo, "before", "1");
      assertNull(dynamo.describeTable(r -> r.tableName(TABLE)).table().latestStreamArn());

      String arn = dynamo.updateTable(r -> r.tableName(TABLE).streamSpecification(s -> s.streamEnabled(true)
          .streamViewType(StreamViewType.NEW_IMAGE))).tableDescription().latestStreamArn();
      assertTrue(STREAM_ARN.matcher(arn).matches(), arn);
      DynamoDbException again = assertThrows(DynamoDbException.class, () -> dynamo.updateTable(r -> r.tableName(TABLE)
          .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE))));
      assertEquals("ValidationException", again.awsErrorDetails().errorCode());
      put(dynamo, "after", "1");
      assertEquals(List.of("after"), keys(readAll(streams, arn, ShardIteratorType.TRIM_HORIZON, null)),
          "only writes after the stream was enabled");
      assertEquals(1, dynamo.getItem(r -> r.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS("before"))))
          .item().size() - 1);

      dynamo.updateTable(r -> r.tableName(TABLE).streamSpecification(s -> s.streamEnabled(false)));
      put(dynamo, "disabled", "1");
      assertEquals(StreamStatus.DISABLED, streams.describeStream(r -> r.streamArn(arn)).streamDescription().streamStatus());
      var end = streams.getRecords(r -> r.shardIterator(iterator(streams, arn, ShardIteratorType.TRIM_HORIZON, null)));
      assertEquals(List.of("after"), keys(end.records()));
      assertNull(end.nextShardIterator(), "the closed shard read to its end");
    }
  }

  @Test
  void aTransactionWritesARecordPerItemAndAFailedConditionNone() {
    try (Dynalite dynalite = Dynalite.start(null, 0); DynamoDbClient dynamo = TestDynamoDb.client(dynalite);
         DynamoDbStreamsClient streams = streams(dynalite)) {
      String arn = createTable(dynamo, StreamViewType.NEW_AND_OLD_IMAGES).latestStreamArn();
      dynamo.transactWriteItems(r -> r.transactItems(
          TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(item("t1", "1"))).build(),
          TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(item("t2", "1"))).build()));
      assertThrows(ConditionalCheckFailedException.class, () -> dynamo.putItem(r -> r.tableName(TABLE)
          .item(item("t1", "9")).conditionExpression("attribute_not_exists(pk)")));
      dynamo.batchWriteItem(r -> r.requestItems(Map.of(TABLE, List.of(
          software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
              .deleteRequest(d -> d.key(Map.of("pk", AttributeValue.fromS("t2")))).build()))));
      dynamo.updateItem(r -> r.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS("t1")))
          .updateExpression("SET v = :v").expressionAttributeValues(Map.of(":v", AttributeValue.fromS("3"))));

      List<Record> records = readAll(streams, arn, ShardIteratorType.TRIM_HORIZON, null);
      assertEquals(List.of("INSERT t1", "INSERT t2", "REMOVE t2", "MODIFY t1"), records.stream()
          .map(r -> r.eventNameAsString() + " " + r.dynamodb().keys().get("pk").s()).toList(),
          "no record of the refused put");
    }
  }

  @Test
  void recordsAndStreamsSurviveARestart(@TempDir Path data) {
    String arn;
    try (Dynalite dynalite = Dynalite.start(data, 0); DynamoDbClient dynamo = TestDynamoDb.client(dynalite)) {
      arn = createTable(dynamo, StreamViewType.NEW_IMAGE).latestStreamArn();
      put(dynamo, "a", "1");
    }
    try (Dynalite dynalite = Dynalite.start(data, 0); DynamoDbClient dynamo = TestDynamoDb.client(dynalite);
         DynamoDbStreamsClient streams = streams(dynalite)) {
      put(dynamo, "b", "1");
      List<Record> records = readAll(streams, arn, ShardIteratorType.TRIM_HORIZON, null);
      assertEquals(List.of("a", "b"), keys(records));
      assertTrue(new java.math.BigInteger(records.get(0).dynamodb().sequenceNumber())
          .compareTo(new java.math.BigInteger(records.get(1).dynamodb().sequenceNumber())) < 0);
    }
  }

  static DynamoDbStreamsClient streams(Dynalite dynalite) {
    return DynamoDbStreamsClient.builder()
        .endpointOverride(dynalite.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            dynalite.credentials().accessKeyId(), dynalite.credentials().secretAccessKey())))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private static TableDescription createTable(DynamoDbClient dynamo, StreamViewType viewType) {
    return dynamo.createTable(r -> r.tableName(TABLE).billingMode("PAY_PER_REQUEST")
        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
        .streamSpecification(s -> s.streamEnabled(true).streamViewType(viewType))).tableDescription();
  }

  private static Map<String, AttributeValue> item(String pk, String v) {
    return Map.of("pk", AttributeValue.fromS(pk), "v", AttributeValue.fromS(v));
  }

  private static void put(DynamoDbClient dynamo, String pk, String v) {
    dynamo.putItem(r -> r.tableName(TABLE).item(item(pk, v)));
  }

  private static String iterator(DynamoDbStreamsClient streams, String arn, ShardIteratorType type, String sequence) {
    String shard = streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards().getFirst().shardId();
    return streams.getShardIterator(r -> r.streamArn(arn).shardId(shard).shardIteratorType(type)
        .sequenceNumber(sequence)).shardIterator();
  }

  /** Every record from the iterator on, until a page comes back empty. */
  private static List<Record> readAll(DynamoDbStreamsClient streams, String arn, ShardIteratorType type, String sequence) {
    List<Record> records = new java.util.ArrayList<>();
    String iterator = iterator(streams, arn, type, sequence);
    while (iterator != null) {
      String current = iterator;
      var page = streams.getRecords(r -> r.shardIterator(current));
      records.addAll(page.records());
      iterator = page.records().isEmpty() ? null : page.nextShardIterator();
    }
    return records;
  }

  private static List<String> keys(List<Record> records) {
    return records.stream().map(r -> r.dynamodb().keys().get("pk").s()).toList();
  }
}
