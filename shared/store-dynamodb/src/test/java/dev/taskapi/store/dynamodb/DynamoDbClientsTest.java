package dev.taskapi.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.taskapi.config.Environment;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointParams;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointProvider;

/**
 * The fixed endpoint replaces the SDK's endpoint rules, so it must be the URL those rules give for a regional,
 * non-FIPS, non-dual-stack table: "Amazon DynamoDB endpoints and quotas" (AWS General Reference) lists
 * {@code dynamodb.<region>.amazonaws.com}, and {@code .amazonaws.com.cn} in the China regions.
 */
class DynamoDbClientsTest {
  private static final Map<String, String> KEYS = Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
      "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

  @Test
  void theRegionalEndpointIsDynamoDbsPublicOne() {
    assertEquals(URI.create("https://dynamodb.us-east-1.amazonaws.com"), regional(Region.US_EAST_1));
    assertEquals(URI.create("https://dynamodb.eu-west-3.amazonaws.com"), regional(Region.EU_WEST_3));
    assertEquals(URI.create("https://dynamodb.cn-north-1.amazonaws.com.cn"), regional(Region.CN_NORTH_1));
  }

  @Test
  void theClientSendsEveryRequestToTheRegionsEndpoint() {
    Map<String, String> env = new HashMap<>(KEYS);
    env.put("AWS_REGION", "eu-west-3");
    try (DynamoDbClient client = DynamoDbClients.create(new Environment(env))) {
      URI expected = URI.create("https://dynamodb.eu-west-3.amazonaws.com");
      assertEquals(expected, client.serviceClientConfiguration().endpointOverride().orElseThrow());
      DynamoDbEndpointProvider provider =
          (DynamoDbEndpointProvider) client.serviceClientConfiguration().endpointProvider().orElseThrow();
      // Whatever a request's parameters, the same URL: no rule is evaluated.
      assertEquals(expected, provider.resolveEndpoint(
          DynamoDbEndpointParams.builder().region(Region.US_WEST_2).useFips(true).build()).join().endpointUrl().toUri());
    }
  }

  private static URI regional(Region region) {
    return DynamoDbClients.regionalEndpoint(region);
  }
}
