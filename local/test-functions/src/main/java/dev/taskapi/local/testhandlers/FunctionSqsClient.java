package dev.taskapi.local.testhandlers;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** An SQS client as a real function builds its own: SQS_ENDPOINT, its region and its own credentials. */
final class FunctionSqsClient {
  private FunctionSqsClient() {}

  static SqsClient of(Map<String, String> env) {
    return SqsClient.builder()
        .endpointOverride(URI.create(env.get("SQS_ENDPOINT")))
        .region(Region.of(env.get("AWS_REGION")))
        .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
            env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"), env.get("AWS_SESSION_TOKEN"))))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
