package dev.taskapi.schema;

/** The table's key attributes (template.yaml's table): every item has a partition key and a sort key. */
public final class TableKeys {
  public static final String PARTITION_KEY = "pk";
  public static final String SORT_KEY = "sk";

  private TableKeys() {}
}
