package dev.taskapi.local.dynamo;

import dev.taskapi.local.template.TableDef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * A table's StreamSpecification as a stack create or update applies it. CloudFormation updates StreamSpecification
 * without replacing the table (AWS::DynamoDB::Table, StreamSpecification: "Update requires: No interruption"): an
 * UpdateTable enables or disables the stream, and a new StreamViewType is a disable and an enable, since DynamoDB
 * refuses to enable a stream on a table that has one (UpdateTable, StreamSpecification). The items stay.
 */
final class TableStreams {
  private TableStreams() {}

  /** The StreamSpecification of a CreateTable of {@code table}, or null when it has no stream. */
  static StreamSpecification onCreate(TableDef table) {
    return table.streamViewType() == null ? null
        : StreamSpecification.builder().streamEnabled(true).streamViewType(table.streamViewType()).build();
  }

  /** Brings an existing table's stream to the template's; what it did, if anything. */
  static Optional<String> update(DynamoDbClient dynamo, TableDef table, TableDescription existing) {
    StreamSpecification now = existing.streamSpecification();
    boolean enabled = now != null && Boolean.TRUE.equals(now.streamEnabled());
    String viewType = enabled ? now.streamViewTypeAsString() : null;
    if (Objects.equals(viewType, table.streamViewType())) {
      return Optional.empty();
    }
    if (enabled) {
      dynamo.updateTable(r -> r.tableName(table.tableName()).streamSpecification(s -> s.streamEnabled(false)));
    }
    if (table.streamViewType() == null) {
      return Optional.of(table.tableName() + ": disabled its stream");
    }
    dynamo.updateTable(r -> r.tableName(table.tableName()).streamSpecification(onCreate(table)));
    return Optional.of(table.tableName() + ": enabled its stream (" + table.streamViewType() + "), in place");
  }

  /** The LatestStreamLabel of every table of {@code tables} that has a stream, by table name. */
  static Map<String, String> labels(DynamoDbClient dynamo, List<TableDef> tables) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (TableDef table : tables) {
      if (table.streamViewType() != null) {
        String label = dynamo.describeTable(r -> r.tableName(table.tableName())).table().latestStreamLabel();
        if (label != null) {
          labels.put(table.tableName(), label);
        }
      }
    }
    return labels;
  }
}
