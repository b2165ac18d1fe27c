package dev.taskapi.local.iam;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * A SigV4-signed POST of an AWS JSON protocol call ({@code X-Amz-Target}), for the local services that call the
 * local endpoints as a function would (the event source mappings read streams with their function's credentials),
 * or as a role a service assumed (EventBridge Scheduler's execution role).
 */
public final class SignedJsonRequests {
  private SignedJsonRequests() {}

  public static HttpRequest post(URI endpoint, String target, byte[] body, AwsCredentialsIdentity identity,
      String service, String region, Duration timeout) {
    return post(endpoint.resolve("/"), Map.of("Content-Type", "application/x-amz-json-1.0", "X-Amz-Target", target),
        body, identity, service, region, timeout);
  }

  /**
   * A SigV4-signed POST of {@code body} to {@code uri} with {@code headers}: a REST call (EventBridge Scheduler's
   * Lambda Invoke, {@code POST /2015-03-31/functions/<name>/invocations}).
   */
  public static HttpRequest post(URI uri, Map<String, String> headers, byte[] body, AwsCredentialsIdentity identity,
      String service, String region, Duration timeout) {
    SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri);
    headers.forEach(unsigned::putHeader);
    SdkHttpRequest signed = SigV4.sign(unsigned.build(), body, identity, service, region);
    HttpRequest.Builder request = HttpRequest.newBuilder(signed.getUri())
        .timeout(timeout)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    signed.forEachHeader((name, values) -> {
      if (!name.equalsIgnoreCase("Host")) { // the client sends the same Host itself
        values.forEach(value -> request.header(name, value));
      }
    });
    return request.build();
  }
}
