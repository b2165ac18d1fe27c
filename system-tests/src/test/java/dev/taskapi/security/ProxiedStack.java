package dev.taskapi.security;

import dev.taskapi.dynalite.Dynalite;
import dev.taskapi.e2e.LocalApi;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** A private local stack whose functions reach their own in-memory dynalite through a {@link FaultyDynamoDbProxy}. */
final class ProxiedStack implements AutoCloseable {
  private final Dynalite dynalite;
  private final FaultyDynamoDbProxy proxy;
  private final LocalApi api;

  ProxiedStack() {
    dynalite = Dynalite.start(null, 0);
    proxy = FaultyDynamoDbProxy.start(dynalite.endpoint(), AwsCredentialsIdentity.create(
        dynalite.credentials().accessKeyId(), dynalite.credentials().secretAccessKey()));
    api = LocalApi.startPrivate(options -> {
      Map<String, String> environment = new HashMap<>(options.environment());
      environment.put("DYNAMODB_ENDPOINT", proxy.endpoint().toString());
      return options.withEnvironment(environment);
    });
  }

  FaultyDynamoDbProxy proxy() {
    return proxy;
  }

  LocalApi api() {
    return api;
  }

  @Override
  public void close() {
    api.close();
    proxy.close();
    dynalite.close();
  }
}
