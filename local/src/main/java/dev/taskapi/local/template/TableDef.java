package dev.taskapi.local.template;

import java.util.List;
import java.util.Map;

/**
 * An AWS::DynamoDB::Table's key design.
 *
 * @param tableName the local table name: TableName when the template sets it, else the logical id
 * @param attributeTypes AttributeDefinitions: attribute name to S, N or B
 * @param streamViewType the StreamSpecification's StreamViewType (KEYS_ONLY, NEW_IMAGE, OLD_IMAGE,
 *     NEW_AND_OLD_IMAGES), or null when the table has no stream
 */
public record TableDef(
    String logicalId,
    String tableName,
    List<KeyElement> keySchema,
    Map<String, String> attributeTypes,
    List<IndexDef> globalSecondaryIndexes,
    List<IndexDef> localSecondaryIndexes,
    String streamViewType) {

  /** A table without a stream. */
  public TableDef(String logicalId, String tableName, List<KeyElement> keySchema, Map<String, String> attributeTypes,
      List<IndexDef> globalSecondaryIndexes, List<IndexDef> localSecondaryIndexes) {
    this(logicalId, tableName, keySchema, attributeTypes, globalSecondaryIndexes, localSecondaryIndexes, null);
  }

  public TableDef {
    keySchema = List.copyOf(keySchema);
    attributeTypes = Map.copyOf(attributeTypes);
    globalSecondaryIndexes = List.copyOf(globalSecondaryIndexes);
    localSecondaryIndexes = List.copyOf(localSecondaryIndexes);
  }

  /** @param keyType HASH or RANGE */
  public record KeyElement(String attributeName, String keyType) {}

  /** @param projectionType ALL, KEYS_ONLY or INCLUDE */
  public record IndexDef(
      String indexName, List<KeyElement> keySchema, String projectionType, List<String> nonKeyAttributes) {
    public IndexDef {
      keySchema = List.copyOf(keySchema);
      nonKeyAttributes = List.copyOf(nonKeyAttributes);
    }
  }
}
