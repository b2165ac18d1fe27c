package dev.taskapi.authorizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.api.Json;
import dev.taskapi.auth.TokenService.VerifiedToken;
import dev.taskapi.config.Environment;
import dev.taskapi.schema.TableKeys;
import dev.taskapi.schema.UserItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * {@link AccountCheck} with one strongly consistent DynamoDB GetItem of the account's item (keyed by the token's
 * email), projected to {@code user_id} and {@code token_version}: a SigV4-signed JSON POST over the JDK's
 * HttpURLConnection, signed by the SDK's small {@code http-auth-aws} signer, so the authorizer carries no SDK
 * client, protocol or provider-chain code. API Gateway caches the authorizer's answer per token for
 * AuthorizerCacheTtlSeconds, so this runs at most once per token per cache period.
 */
final class DynamoDbAccountCheck implements AccountCheck {
  private static final int CONNECT_TIMEOUT_MILLIS = 1000;
  private static final int READ_TIMEOUT_MILLIS = 1500;

  private final URI endpoint;
  private final String region;
  private final String tableName;
  private final Supplier<AwsCredentialsIdentity> credentials;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  DynamoDbAccountCheck(URI endpoint, String region, String tableName, Supplier<AwsCredentialsIdentity> credentials) {
    this.endpoint = endpoint;
    this.region = region;
    this.tableName = tableName;
    this.credentials = credentials;
  }

  static DynamoDbAccountCheck fromEnvironment(Environment env) {
    String region = env.optional("AWS_REGION", "us-east-1");
    URI endpoint =
        env.find("DYNAMODB_ENDPOINT")
            .map(URI::create)
            .orElseGet(() -> URI.create("https://dynamodb." + region + ".amazonaws.com"));
    return new DynamoDbAccountCheck(
        endpoint, region, env.required("TABLE_NAME"), new AwsCredentialsSource(env, Clock.systemUTC()));
  }

  @Override
  public boolean isCurrent(VerifiedToken token) {
    if (token.email().isEmpty()) {
      return false; // issued before tokens named their account: cannot be checked, so not accepted
    }
    JsonNode item = getItem(token.email().get()).path("Item");
    if (item.isMissingNode()) {
      return false; // the account was deleted
    }
    String userId = item.path(UserItem.USER_ID).path("S").asText();
    long version = item.path(UserItem.TOKEN_VERSION).path("N").asLong(0);
    return userId.equals(token.userId()) && version == token.tokenVersion();
  }

  private JsonNode getItem(String email) {
    ObjectNode request = Json.MAPPER.createObjectNode();
    request.put("TableName", tableName);
    ObjectNode key = request.putObject("Key");
    key.putObject(TableKeys.PARTITION_KEY).put("S", UserItem.partitionKey(email));
    key.putObject(TableKeys.SORT_KEY).put("S", UserItem.SORT_KEY);
    request.put("ConsistentRead", true);
    request.put("ProjectionExpression", UserItem.USER_ID + ", " + UserItem.TOKEN_VERSION);
    byte[] body = request.toString().getBytes(StandardCharsets.UTF_8);
    SdkHttpRequest unsigned =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(endpoint.resolve("/"))
            .putHeader("Content-Type", "application/x-amz-json-1.0")
            .putHeader("X-Amz-Target", "DynamoDB_20120810.GetItem")
            .build();
    SignedRequest signed =
        signer.sign(
            r ->
                r.identity(credentials.get())
                    .request(unsigned)
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region));
    return post(signed.request(), body);
  }

  private static JsonNode post(SdkHttpRequest request, byte[] body) {
    try {
      HttpURLConnection connection = (HttpURLConnection) request.getUri().toURL().openConnection();
      connection.setRequestMethod("POST");
      connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
      connection.setReadTimeout(READ_TIMEOUT_MILLIS);
      connection.setDoOutput(true);
      for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
        if (!header.getKey().equalsIgnoreCase("Host")) { // the connection sends the same Host itself
          connection.setRequestProperty(header.getKey(), String.join(",", header.getValue()));
        }
      }
      try (OutputStream out = connection.getOutputStream()) {
        out.write(body);
      }
      int status = connection.getResponseCode();
      if (status != 200) {
        throw new IllegalStateException("DynamoDB GetItem answered " + status);
      }
      try (InputStream in = connection.getInputStream()) {
        return Json.MAPPER.readTree(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("DynamoDB unreachable from the authorizer", e);
    }
  }
}
