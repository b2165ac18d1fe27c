package dev.taskapi.local.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskapi.local.template.TableDef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DynamoDB calls mapped to what IAM authorizes (DynamoDB Developer Guide, "DynamoDB API permissions" reference). */
class DynamoDbRequestsTest {
  private static final String ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/";
  private static final DynamoDbRequests REQUESTS = new DynamoDbRequests("us-east-1", List.of(
      table("T", "pk", List.of(new TableDef.IndexDef("by-owner", List.of(new TableDef.KeyElement("owner", "HASH")),
          "ALL", List.of()))),
      table("U", "id", List.of())));

  private static TableDef table(String name, String hashKey, List<TableDef.IndexDef> gsis) {
    return new TableDef(name, name, List.of(new TableDef.KeyElement(hashKey, "HASH"),
        new TableDef.KeyElement("sk", "RANGE")), Map.of(), gsis, List.of());
  }

  static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static List<IamAuthorizer.Request> requests(String operation, String body) {
    return REQUESTS.requests(operation, json(body));
  }

  private static IamAuthorizer.Request request(String action, String resource, List<String> leadingKeys) {
    return new IamAuthorizer.Request(action, resource,
        leadingKeys.isEmpty() ? RequestContext.empty() : RequestContext.leadingKeys(leadingKeys));
  }

  @Test
  void singleItemCallsCarryTheirPartitionKeyAsLeadingKey() {
    assertEquals(List.of(request("dynamodb:UpdateItem", ARN + "T", List.of("LOGIN#a"))),
        requests("UpdateItem", "{\"TableName\":\"T\",\"Key\":{\"pk\":{\"S\":\"LOGIN#a\"},\"sk\":{\"S\":\"x\"}}}"));
    assertEquals(List.of(request("dynamodb:PutItem", ARN + "U", List.of("7"))),
        requests("PutItem", "{\"TableName\":\"U\",\"Item\":{\"id\":{\"N\":\"7\"}}}"));
  }

  @Test
  void aQueryOfAnIndexIsAuthorizedOnTheIndexArnWithTheIndexPartitionKey() {
    assertEquals(List.of(request("dynamodb:Query", ARN + "T/index/by-owner", List.of("ada"))),
        requests("Query", "{\"TableName\":\"T\",\"IndexName\":\"by-owner\",\"KeyConditionExpression\":"
            + "\"#o = :o AND begins_with(sk, :p)\",\"ExpressionAttributeNames\":{\"#o\":\"owner\"},"
            + "\"ExpressionAttributeValues\":{\":o\":{\"S\":\"ada\"},\":p\":{\"S\":\"x\"}}}"));
    assertEquals(List.of(request("dynamodb:Query", ARN + "T", List.of("USER#1"))),
        requests("Query", "{\"TableName\":\"T\",\"KeyConditionExpression\":\":v = pk\","
            + "\"ExpressionAttributeValues\":{\":v\":{\"S\":\"USER#1\"}}}"));
  }

  @Test
  void aScanHasNoLeadingKeysAndATableArnWorksAsTableName() {
    assertEquals(List.of(request("dynamodb:Scan", ARN + "T/index/by-owner", List.of())),
        requests("Scan", "{\"TableName\":\"" + ARN + "T\",\"IndexName\":\"by-owner\"}"));
  }

  @Test
  void batchCallsAreAuthorizedPerTableAsTheBatchAction() {
    assertEquals(List.of(
            request("dynamodb:BatchWriteItem", ARN + "T", List.of("USER#1", "USER#2")),
            request("dynamodb:BatchWriteItem", ARN + "U", List.of("3"))),
        requests("BatchWriteItem", "{\"RequestItems\":{"
            + "\"T\":[{\"DeleteRequest\":{\"Key\":{\"pk\":{\"S\":\"USER#1\"}}}},"
            + "{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"USER#2\"}}}}],"
            + "\"U\":[{\"PutRequest\":{\"Item\":{\"id\":{\"N\":\"3\"}}}}]}}"));
    assertEquals(List.of(request("dynamodb:BatchGetItem", ARN + "T", List.of("EMAIL#a", "LOGIN#a"))),
        requests("BatchGetItem", "{\"RequestItems\":{\"T\":{\"Keys\":[{\"pk\":{\"S\":\"EMAIL#a\"}},"
            + "{\"pk\":{\"S\":\"LOGIN#a\"}}]}}}"));
  }

  @Test
  void transactionsAreAuthorizedPerItemAsTheSingleItemActions() {
    assertEquals(List.of(
            request("dynamodb:PutItem", ARN + "T", List.of("a")),
            request("dynamodb:ConditionCheckItem", ARN + "U", List.of("1")),
            request("dynamodb:DeleteItem", ARN + "T", List.of("b"))),
        requests("TransactWriteItems", "{\"TransactItems\":["
            + "{\"Put\":{\"TableName\":\"T\",\"Item\":{\"pk\":{\"S\":\"a\"}}}},"
            + "{\"ConditionCheck\":{\"TableName\":\"U\",\"Key\":{\"id\":{\"N\":\"1\"}}}},"
            + "{\"Delete\":{\"TableName\":\"T\",\"Key\":{\"pk\":{\"S\":\"b\"}}}}]}"));
    assertEquals(List.of(request("dynamodb:GetItem", ARN + "T", List.of("a"))),
        requests("TransactGetItems", "{\"TransactItems\":[{\"Get\":{\"TableName\":\"T\",\"Key\":{\"pk\":{\"S\":\"a\"}}}}]}"));
  }

  @Test
  void describeTableIsAuthorizedOnTheTable() {
    assertEquals(List.of(request("dynamodb:DescribeTable", ARN + "T", List.of())),
        requests("DescribeTable", "{\"TableName\":\"T\"}"));
  }
}
