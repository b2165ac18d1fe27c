package dev.taskapi.local.dynamo;

import dev.taskapi.local.template.TableDef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * What a stack update would do to one existing table: nothing, or add or delete one global secondary index. See
 * {@link LocalTables#deploy} for the rules it follows.
 */
record TableUpdate(TableDef table, TableDescription existing, List<String> added, List<String> deleted,
    List<String> changed) {
  /** How long an index may take to backfill locally before the start gives up. */
  private static final Duration ACTIVE_WITHIN = Duration.ofMinutes(10);

  static TableUpdate of(TableDef table, TableDescription existing) {
    Map<String, String> wanted = indexes(table.globalSecondaryIndexes());
    Map<String, String> have = new LinkedHashMap<>();
    existing.globalSecondaryIndexes().forEach(i -> have.put(i.indexName(), shape(i.keySchema(), i.projection())));
    List<String> added = wanted.keySet().stream().filter(name -> !have.containsKey(name)).toList();
    List<String> deleted = have.keySet().stream().filter(name -> !wanted.containsKey(name)).toList();
    List<String> changed = wanted.keySet().stream()
        .filter(name -> have.containsKey(name) && !have.get(name).equals(wanted.get(name)))
        .toList();
    return new TableUpdate(table, existing, added, deleted, changed);
  }

  /** @throws IllegalStateException when a CloudFormation stack update could not make the change in place */
  void checkInPlace() {
    List<String> refusals = new ArrayList<>();
    if (!shape(existing.keySchema()).equals(shape(LocalTables.keys(table.keySchema())))) {
      refusals.add("its KeySchema changes (" + shape(existing.keySchema()) + " to "
          + shape(LocalTables.keys(table.keySchema())) + "), which requires replacing the table");
    }
    Map<String, String> localIndexes = new LinkedHashMap<>();
    existing.localSecondaryIndexes().forEach(i -> localIndexes.put(i.indexName(), shape(i.keySchema(), i.projection())));
    if (!localIndexes.equals(indexes(table.localSecondaryIndexes()))) {
      refusals.add("its LocalSecondaryIndexes change (" + localIndexes.keySet() + " to "
          + indexes(table.localSecondaryIndexes()).keySet() + "), which requires replacing the table: a local "
          + "secondary index can only be defined when a table is created");
    }
    if (added.size() + deleted.size() + 2 * changed.size() > 1) {
      refusals.add("Cannot perform more than one GSI creation or deletion in a single update (it would add "
          + added + ", delete " + deleted + " and redefine " + changed + "; CloudFormation adds or deletes one "
          + "global secondary index per stack update: deploy them one release at a time)");
    }
    if (!refusals.isEmpty()) {
      throw new IllegalStateException("The table " + table.tableName() + " (" + table.logicalId() + ") in the data "
          + "folder cannot be updated to the template as a stack update would: " + String.join("; ", refusals)
          + ". Nothing was changed. Start with an empty data folder to create it anew.");
    }
  }

  /** Adds or deletes the one index that differs, waiting until DynamoDB has it ACTIVE (or gone). */
  Optional<String> apply(DynamoDbClient dynamo) {
    GlobalSecondaryIndexUpdate update;
    String done;
    if (!added.isEmpty()) {
      TableDef.IndexDef index = table.globalSecondaryIndexes().stream()
          .filter(i -> i.indexName().equals(added.getFirst())).findFirst().orElseThrow();
      update = GlobalSecondaryIndexUpdate.builder()
          .create(c -> c.indexName(index.indexName()).keySchema(LocalTables.keys(index.keySchema()))
              .projection(LocalTables.projection(index)))
          .build();
      done = table.tableName() + ": created global secondary index " + index.indexName()
          + ", backfilled from the items already there";
    } else if (!deleted.isEmpty()) {
      update = GlobalSecondaryIndexUpdate.builder().delete(d -> d.indexName(deleted.getFirst())).build();
      done = table.tableName() + ": deleted global secondary index " + deleted.getFirst();
    } else {
      return Optional.empty();
    }
    dynamo.updateTable(r -> r.tableName(table.tableName())
        .attributeDefinitions(table.attributeTypes().entrySet().stream()
            .map(a -> AttributeDefinition.builder().attributeName(a.getKey()).attributeType(a.getValue()).build())
            .toList())
        .globalSecondaryIndexUpdates(update));
    awaitActive(dynamo);
    return Optional.of(done);
  }

  private void awaitActive(DynamoDbClient dynamo) {
    Instant end = Instant.now().plus(ACTIVE_WITHIN);
    while (true) {
      TableDescription now = dynamo.describeTable(r -> r.tableName(table.tableName())).table();
      if (now.tableStatus() == TableStatus.ACTIVE
          && now.globalSecondaryIndexes().stream().allMatch(i -> i.indexStatus() == IndexStatus.ACTIVE)) {
        return;
      }
      if (Instant.now().isAfter(end)) {
        throw new IllegalStateException(table.tableName() + " is not ACTIVE after " + ACTIVE_WITHIN + ": " + now);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while " + table.tableName() + " was updated", e);
      }
    }
  }

  private static Map<String, String> indexes(Collection<TableDef.IndexDef> indexes) {
    Map<String, String> shapes = new LinkedHashMap<>();
    indexes.forEach(i -> shapes.put(i.indexName(), shape(LocalTables.keys(i.keySchema()), LocalTables.projection(i))));
    return shapes;
  }

  /** A comparable spelling of an index's keys and projection. */
  private static String shape(List<KeySchemaElement> keys, Projection projection) {
    return shape(keys) + " " + projection.projectionTypeAsString()
        + projection.nonKeyAttributes().stream().sorted().collect(Collectors.joining(",", "[", "]"));
  }

  private static String shape(List<KeySchemaElement> keys) {
    return keys.stream().map(k -> k.attributeName() + " " + k.keyTypeAsString())
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
