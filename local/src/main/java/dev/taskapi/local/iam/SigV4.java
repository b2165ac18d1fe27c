package dev.taskapi.local.iam;

import dev.taskapi.local.lambda.FunctionCredentials;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Signature Version 4 for the local endpoints: checks a received request's signature by signing the same
 * canonical request again with the AWS SDK's own signer (no crypto of ours), and signs requests to the backend.
 * Header form from the IAM User Guide, "Elements of an AWS API request signature":
 * {@code AWS4-HMAC-SHA256 Credential=<key id>/<yyyyMMdd>/<region>/<service>/aws4_request,
 * SignedHeaders=<a;b;c>, Signature=<hex>}.
 */
final class SigV4 {
  // AWS refuses a request whose X-Amz-Date is more than 15 minutes from its clock ("Signature expired").
  static final Duration MAX_SKEW = Duration.ofMinutes(15);
  private static final Pattern AUTHORIZATION = Pattern.compile(
      "AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request,\\s*"
          + "SignedHeaders=([^,\\s]+),\\s*Signature=([0-9a-f]{64})\\s*");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

  private SigV4() {}

  /** The parts of an Authorization header. */
  record Authorization(
      String accessKeyId, String date, String region, String service, List<String> signedHeaders, String signature) {}

  static Optional<Authorization> parse(String header) {
    if (header == null) {
      return Optional.empty();
    }
    Matcher m = AUTHORIZATION.matcher(header);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new Authorization(
        m.group(1), m.group(2), m.group(3), m.group(4), Arrays.asList(m.group(5).split(";")), m.group(6)));
  }

  /**
   * Whether {@code authorization} is the signature {@code credentials} give this request.
   *
   * @param headers the received headers, names in lower case
   */
  static boolean verify(Authorization authorization, String method, URI uri, Map<String, List<String>> headers,
      byte[] body, FunctionCredentials credentials, Clock now) {
    Optional<Instant> signedAt = first(headers, "x-amz-date").flatMap(SigV4::parseAmzDate);
    if (signedAt.isEmpty() || !authorization.date().equals(first(headers, "x-amz-date").get().substring(0, 8))
        || Duration.between(signedAt.get(), now.instant()).abs().compareTo(MAX_SKEW) > 0
        || !authorization.signedHeaders().contains("host")) {
      return false;
    }
    SdkHttpRequest.Builder canonical = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
    for (String name : authorization.signedHeaders()) {
      // The signer derives Host from the URI and writes X-Amz-Date and X-Amz-Security-Token itself.
      if (!name.equals("host") && !name.equals("x-amz-date") && !name.equals("x-amz-security-token")) {
        List<String> values = headers.get(name);
        if (values == null) {
          return false;
        }
        canonical.putHeader(name, values);
      }
    }
    boolean sessionTokenSigned = authorization.signedHeaders().contains("x-amz-security-token");
    AwsCredentialsIdentity identity = sessionTokenSigned
        ? AwsSessionCredentialsIdentity.create(
            credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken())
        : AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey());
    String expected = SIGNER.sign(r -> r.identity(identity)
            .request(canonical.build())
            .payload(ContentStreamProvider.fromByteArray(body))
            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, authorization.service())
            .putProperty(AwsV4HttpSigner.REGION_NAME, authorization.region())
            .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt.get(), ZoneOffset.UTC)))
        .request()
        .firstMatchingHeader("Authorization")
        .flatMap(SigV4::parse)
        .map(Authorization::signature)
        .orElse("");
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        authorization.signature().getBytes(StandardCharsets.US_ASCII));
  }

  /** {@code request} signed for {@code service} in {@code region} with {@code identity}. */
  static SdkHttpRequest sign(SdkHttpRequest request, byte[] body, AwsCredentialsIdentity identity, String service,
      String region) {
    return SIGNER.sign(r -> r.identity(identity)
            .request(request)
            .payload(ContentStreamProvider.fromByteArray(body))
            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
            .putProperty(AwsV4HttpSigner.REGION_NAME, region))
        .request();
  }

  private static Optional<String> first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
  }

  private static Optional<Instant> parseAmzDate(String value) {
    try {
      return Optional.of(Instant.from(AMZ_DATE.parse(value)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
