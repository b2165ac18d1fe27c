package dev.taskapi.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.local.aws.FakeAws;
import dev.taskapi.local.template.TableDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What IAM authorizes for one DynamoDB API call: the actions, the resource ARNs and the
 * {@code dynamodb:LeadingKeys} values (DynamoDB Developer Guide, "DynamoDB API permissions: Actions, resources,
 * and conditions reference"; "Using IAM policy conditions for fine-grained access control"; "Using IAM with
 * DynamoDB transactions").
 *
 * <ul>
 *   <li>Query and Scan with IndexName are authorized on {@code <table arn>/index/<name>};
 *   <li>BatchGetItem and BatchWriteItem on each table of RequestItems, as dynamodb:BatchGetItem and
 *       dynamodb:BatchWriteItem (not as GetItem/PutItem/DeleteItem);
 *   <li>TransactWriteItems per item as dynamodb:PutItem, UpdateItem, DeleteItem or ConditionCheckItem, and
 *       TransactGetItems per item as dynamodb:GetItem;
 *   <li>LeadingKeys are the partition key values the call touches (the index's partition key for an index
 *       Query); a Scan has none, so a ForAllValues condition on it holds, as on AWS.
 * </ul>
 */
final class DynamoDbRequests {
  // "pk = :v" or "#n = :v" (either side), the partition key condition of a KeyConditionExpression.
  private static final Pattern EQUALITY =
      Pattern.compile("([#:]?[A-Za-z0-9_.\\-]+)\\s*=\\s*([#:]?[A-Za-z0-9_.\\-]+)");

  private final String region;
  private final Map<String, TableDef> tablesByName = new LinkedHashMap<>();

  DynamoDbRequests(String region, List<TableDef> tables) {
    this.region = region;
    tables.forEach(table -> tablesByName.put(table.tableName(), table));
  }

  List<IamAuthorizer.Request> requests(String operation, JsonNode body) {
    String action = "dynamodb:" + operation;
    return switch (operation) {
      case "GetItem", "DeleteItem", "UpdateItem" ->
          List.of(request(action, body.path("TableName").asText(), null, leadingKeys(body, "Key")));
      case "PutItem" -> List.of(request(action, body.path("TableName").asText(), null, leadingKeys(body, "Item")));
      case "Query" -> List.of(request(action, body.path("TableName").asText(), indexName(body), queryLeadingKeys(body)));
      case "Scan" -> List.of(request(action, body.path("TableName").asText(), indexName(body), List.of()));
      case "BatchGetItem" -> batch(action, body, item -> List.of(item), "Keys");
      case "BatchWriteItem" -> batch(action, body, item -> {
        JsonNode put = item.path("PutRequest").path("Item");
        return List.of(put.isMissingNode() ? item.path("DeleteRequest").path("Key") : put);
      }, null);
      case "TransactWriteItems" -> transact(body, Map.of("Put", "PutItem", "Update", "UpdateItem",
          "Delete", "DeleteItem", "ConditionCheck", "ConditionCheckItem"));
      case "TransactGetItems" -> transact(body, Map.of("Get", "GetItem"));
      default -> body.hasNonNull("TableName")
          ? List.of(request(action, body.path("TableName").asText(), null, List.of()))
          // Account-level actions (ListTables, DescribeLimits, ...) are authorized on "*".
          : List.of(new IamAuthorizer.Request(action, "*", RequestContext.empty()));
    };
  }

  private interface KeysOf {
    List<JsonNode> keys(JsonNode item);
  }

  private List<IamAuthorizer.Request> batch(String action, JsonNode body, KeysOf keysOf, String listField) {
    List<IamAuthorizer.Request> requests = new ArrayList<>();
    body.path("RequestItems").properties().forEach(entry -> {
      String table = entry.getKey();
      JsonNode items = listField == null ? entry.getValue() : entry.getValue().path(listField);
      List<String> leading = new ArrayList<>();
      for (JsonNode item : items) {
        for (JsonNode key : keysOf.keys(item)) {
          partitionValue(table, null, key).ifPresent(leading::add);
        }
      }
      requests.add(request(action, table, null, leading));
    });
    return requests;
  }

  private List<IamAuthorizer.Request> transact(JsonNode body, Map<String, String> actions) {
    List<IamAuthorizer.Request> requests = new ArrayList<>();
    for (JsonNode item : body.path("TransactItems")) {
      actions.forEach((kind, action) -> {
        JsonNode part = item.path(kind);
        if (!part.isMissingNode()) {
          String table = part.path("TableName").asText();
          JsonNode key = part.has("Item") ? part.path("Item") : part.path("Key");
          requests.add(request("dynamodb:" + action, table, null,
              partitionValue(table, null, key).map(List::of).orElse(List.of())));
        }
      });
    }
    return requests;
  }

  private IamAuthorizer.Request request(String action, String table, String index, List<String> leadingKeys) {
    String arn = tableArn(table) + (index == null ? "" : "/index/" + index);
    RequestContext context = leadingKeys.isEmpty() ? RequestContext.empty() : RequestContext.leadingKeys(leadingKeys);
    return new IamAuthorizer.Request(action, arn, context);
  }

  /** A TableName may be a name or (since 2024) a table ARN. */
  private String tableArn(String table) {
    return table.startsWith("arn:") ? table : FakeAws.arn(region, "AWS::DynamoDB::Table", table);
  }

  private static String tableName(String table) {
    int slash = table.indexOf(":table/");
    return slash < 0 ? table : table.substring(slash + ":table/".length());
  }

  private static String indexName(JsonNode body) {
    return body.hasNonNull("IndexName") ? body.path("IndexName").asText() : null;
  }

  private List<String> leadingKeys(JsonNode body, String field) {
    return partitionValue(body.path("TableName").asText(), null, body.path(field)).map(List::of).orElse(List.of());
  }

  private List<String> queryLeadingKeys(JsonNode body) {
    String table = body.path("TableName").asText();
    Optional<String> hashKey = hashKey(table, indexName(body));
    if (hashKey.isEmpty()) {
      return List.of();
    }
    JsonNode legacy = body.path("KeyConditions").path(hashKey.get()).path("AttributeValueList").path(0);
    if (!legacy.isMissingNode()) {
      return scalar(legacy).map(List::of).orElse(List.of());
    }
    JsonNode names = body.path("ExpressionAttributeNames");
    JsonNode values = body.path("ExpressionAttributeValues");
    Matcher matcher = EQUALITY.matcher(body.path("KeyConditionExpression").asText());
    while (matcher.find()) {
      String left = resolveName(matcher.group(1), names);
      String right = resolveName(matcher.group(2), names);
      String placeholder = left.equals(hashKey.get()) ? matcher.group(2) : right.equals(hashKey.get())
          ? matcher.group(1) : null;
      if (placeholder != null && placeholder.startsWith(":")) {
        return scalar(values.path(placeholder)).map(List::of).orElse(List.of());
      }
    }
    return List.of();
  }

  private static String resolveName(String token, JsonNode names) {
    return token.startsWith("#") && names.has(token) ? names.path(token).asText() : token;
  }

  private Optional<String> partitionValue(String table, String index, JsonNode item) {
    return hashKey(table, index).flatMap(name -> scalar(item.path(name)));
  }

  private Optional<String> hashKey(String table, String index) {
    TableDef definition = tablesByName.get(tableName(table));
    if (definition == null) {
      return Optional.empty();
    }
    List<TableDef.KeyElement> schema = definition.keySchema();
    if (index != null) {
      schema = Stream.concat(
              definition.globalSecondaryIndexes().stream(), definition.localSecondaryIndexes().stream())
          .filter(i -> i.indexName().equals(index))
          .findFirst()
          .map(TableDef.IndexDef::keySchema)
          .orElse(schema);
    }
    return schema.stream().filter(k -> k.keyType().equals("HASH")).map(TableDef.KeyElement::attributeName).findFirst();
  }

  /** The string form of an S, N or B attribute value. */
  private static Optional<String> scalar(JsonNode attributeValue) {
    for (String type : List.of("S", "N", "B")) {
      if (attributeValue.hasNonNull(type)) {
        return Optional.of(attributeValue.path(type).asText());
      }
    }
    return Optional.empty();
  }
}
