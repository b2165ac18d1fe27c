package dev.taskapi.local.iam;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * A SigV4-signed POST of an AWS JSON protocol call ({@code X-Amz-Target}), for the local services that call the
 * local endpoints as a function would (the event source mappings read streams with their function's credentials).
 */
public final class SignedJsonRequests {
  private SignedJsonRequests() {}

  public static HttpRequest post(URI endpoint, String target, byte[] body, AwsCredentialsIdentity identity,
      String service, String region, Duration timeout) {
    SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder()
        .method(SdkHttpMethod.POST)
        .uri(endpoint.resolve("/"))
        .putHeader("Content-Type", "application/x-amz-json-1.0")
        .putHeader("X-Amz-Target", target);
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
