package dev.taskapi.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskapi.config.Environment;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Uses what a real function uses: DynamoDB through DYNAMODB_ENDPOINT and TABLE_NAME, and a secret through the
 * Parameters and Secrets extension's port and the session token.
 */
public final class StoreHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  private final Map<String, String> env;
  private final DynamoDbClient dynamo;

  public StoreHandler() {
    this.env = Environment.current().variables();
    this.dynamo = DynamoDbClient.builder()
        .endpointOverride(URI.create(env.get("DYNAMODB_ENDPOINT")))
        .region(Region.of(env.get("AWS_REGION")))
        .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
            env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"), env.get("AWS_SESSION_TOKEN"))))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
    try {
      if (event.getResource().equals("/secret-fingerprint")) {
        return ok(Map.of("sha256", fingerprint(secret())));
      }
      String key = event.getPathParameters().get("key");
      Map<String, AttributeValue> id =
          Map.of("pk", AttributeValue.fromS("item#" + key), "sk", AttributeValue.fromS("v"));
      if (event.getHttpMethod().equals("PUT")) {
        dynamo.putItem(r -> r.tableName(env.get("TABLE_NAME")).item(Map.of(
            "pk", id.get("pk"), "sk", id.get("sk"), "value", AttributeValue.fromS(event.getBody()))));
        return new APIGatewayProxyResponseEvent().withStatusCode(204);
      }
      var item = dynamo.getItem(r -> r.tableName(env.get("TABLE_NAME")).key(id)).item();
      if (item == null || item.isEmpty()) {
        return new APIGatewayProxyResponseEvent().withStatusCode(404).withBody("{}");
      }
      return ok(Map.of("value", item.get("value").s()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String secret() throws Exception {
    String url = "http://127.0.0.1:" + env.get("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT")
        + "/secretsmanager/get?secretId=" + URLEncoder.encode(env.get("SECRET_ID"), StandardCharsets.UTF_8);
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> response = client.send(
          HttpRequest.newBuilder(URI.create(url))
              .header("X-Aws-Parameters-Secrets-Token", env.get("AWS_SESSION_TOKEN")).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("secrets endpoint answered " + response.statusCode());
      }
      return (String) new ObjectMapper().readValue(response.body(), Map.class).get("SecretString");
    }
  }

  private static String fingerprint(String value) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
  }

  private static APIGatewayProxyResponseEvent ok(Map<String, ?> body) throws Exception {
    return new APIGatewayProxyResponseEvent().withStatusCode(200).withBody(new ObjectMapper().writeValueAsString(body));
  }
}
