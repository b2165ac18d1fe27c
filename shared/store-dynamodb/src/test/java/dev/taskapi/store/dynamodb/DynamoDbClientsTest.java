package dev.taskapi.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * The fixed endpoint replaces the SDK's endpoint rules, so it must be the URL those rules give for a regional,
 * non-FIPS, non-dual-stack table: "Amazon DynamoDB endpoints and quotas" (AWS General Reference) lists
 * {@code dynamodb.<region>.amazonaws.com}, and {@code .amazonaws.com.cn} in the China regions.
 */
class DynamoDbClientsTest {
  @Test
  void theRegionalEndpointIsDynamoDbsPublicOne() {
    assertEquals(URI.create("https://dynamodb.us-east-1.amazonaws.com"),
        DynamoDbClients.regionalEndpoint(Region.US_EAST_1));
    assertEquals(URI.create("https://dynamodb.eu-west-3.amazonaws.com"),
        DynamoDbClients.regionalEndpoint(Region.EU_WEST_3));
    assertEquals(URI.create("https://dynamodb.cn-north-1.amazonaws.com.cn"),
        DynamoDbClients.regionalEndpoint(Region.CN_NORTH_1));
  }
}
