package dev.taskapi.authorizer;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.taskapi.api.JsonStreams;
import dev.taskapi.auth.TokenService.VerifiedToken;
import dev.taskapi.config.Environment;
import dev.taskapi.schema.TableKeys;
import dev.taskapi.schema.UserItem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.Map;

/**
 * {@link AccountCheck} with one strongly consistent DynamoDB GetItem of the account's item (keyed by the token's
 * email), projected to {@code user_id}, {@code token_version} and the one entry of {@code ended_sessions} that
 * names the token's session (present only when that session was ended), sent by {@link DynamoDbJsonClient} (signed,
 * and retried as the SDK retries), so the authorizer carries no SDK client, protocol or provider-chain code. API
 * Gateway caches the authorizer's answer per token for AuthorizerCacheTtlSeconds, so this runs at most once per token
 * per cache period.
 */
final class DynamoDbAccountCheck implements AccountCheck {
  private final DynamoDbJsonClient dynamoDb;
  private final String tableName;

  DynamoDbAccountCheck(DynamoDbJsonClient dynamoDb, String tableName) {
    this.dynamoDb = dynamoDb;
    this.tableName = tableName;
  }

  static DynamoDbAccountCheck fromEnvironment(Environment env) {
    String region = env.optional("AWS_REGION", "us-east-1");
    URI endpoint =
        env.find("DYNAMODB_ENDPOINT")
            .map(URI::create)
            .orElseGet(() -> URI.create("https://dynamodb." + region + ".amazonaws.com"));
    Clock clock = Clock.systemUTC();
    DynamoDbJsonClient dynamoDb =
        new DynamoDbJsonClient(endpoint, region, new AwsCredentialsSource(env, clock), clock);
    return new DynamoDbAccountCheck(dynamoDb, env.required("TABLE_NAME"));
  }

  @Override
  public boolean isCurrent(VerifiedToken token) {
    if (token.email().isEmpty() || token.sessionId().isEmpty()) {
      // Issued before tokens named their account or their session: cannot be checked, so not accepted (a client
      // refreshes and gets one that can).
      return false;
    }
    String session = token.sessionId().get();
    // GetItem's response (DynamoDB API Reference): no Item when there is none, else its attributes as
    // {"S": string}, {"N": number as a string} and {"M": {name: value}}. A deleted account has no user id, so it
    // is not current; an ended session has its entry.
    Map<String, String> item = getItem(token.email().get(), session);
    String userId = item.get("/Item/" + UserItem.USER_ID + "/S");
    boolean ended = item.containsKey("/Item/" + UserItem.ENDED_SESSIONS + "/M/" + session + "/N");
    return token.userId().equals(userId) && tokenVersion(item) == token.tokenVersion() && !ended;
  }

  private static long tokenVersion(Map<String, String> item) {
    try {
      return Long.parseLong(item.getOrDefault("/Item/" + UserItem.TOKEN_VERSION + "/N", "0"));
    } catch (NumberFormatException e) {
      return -1; // not a version any token holds
    }
  }

  private Map<String, String> getItem(String email, String session) {
    return dynamoDb.call("GetItem", getItemRequest(email, session));
  }

  /**
   * The GetItem request's JSON: the account's key, read strongly consistent, projected to what is checked. The
   * session's entry is a document path through a name placeholder, as a family id may hold characters (-) an
   * expression's names cannot ("Specifying item attributes when using expressions", DynamoDB Developer Guide).
   */
  private byte[] getItemRequest(String email, String session) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JsonStreams.FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("TableName", tableName);
      json.writeFieldName("Key");
      json.writeStartObject();
      writeStringAttribute(json, TableKeys.PARTITION_KEY, UserItem.partitionKey(email));
      writeStringAttribute(json, TableKeys.SORT_KEY, UserItem.SORT_KEY);
      json.writeEndObject();
      json.writeBooleanField("ConsistentRead", true);
      json.writeStringField("ProjectionExpression", UserItem.USER_ID + ", " + UserItem.TOKEN_VERSION + ", #e.#s");
      json.writeFieldName("ExpressionAttributeNames");
      json.writeStartObject();
      json.writeStringField("#e", UserItem.ENDED_SESSIONS);
      json.writeStringField("#s", session);
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // an in-memory stream: not reached
    }
    return out.toByteArray();
  }

  private static void writeStringAttribute(JsonGenerator json, String name, String value) throws IOException {
    json.writeFieldName(name);
    json.writeStartObject();
    json.writeStringField("S", value);
    json.writeEndObject();
  }
}
