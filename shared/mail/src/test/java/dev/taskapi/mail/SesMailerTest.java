package dev.taskapi.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.taskapi.config.Environment;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.endpoints.SesV2EndpointParams;
import software.amazon.awssdk.services.sesv2.endpoints.SesV2EndpointProvider;

/**
 * The fixed SES endpoint replaces the SDK's endpoint rules, so it must be the URL they give for a regional,
 * non-FIPS, non-dual-stack client: "Amazon Simple Email Service endpoints and quotas" (AWS General Reference) lists
 * {@code email.<region>.amazonaws.com} for the SES API v2, {@code .amazonaws.com.cn} in the China regions. Sending
 * through it, signed and authorized, is the local stack's SES endpoint's test (LocalSesEndpointTest) and the
 * password-reset end-to-end tests'.
 */
class SesMailerTest {
  @Test
  void theClientSendsEveryRequestToTheRegionsSesEndpoint() {
    assertEquals(URI.create("https://email.eu-west-3.amazonaws.com"), endpointOf(environment("eu-west-3")));
    assertEquals(URI.create("https://email.cn-north-1.amazonaws.com.cn"), endpointOf(environment("cn-north-1")));
  }

  @Test
  void sesEndpointPointsTheClientAtTheLocalStack() {
    Map<String, String> env = environment("us-east-1");
    env.put("SES_ENDPOINT", "http://127.0.0.1:4566/ses");
    assertEquals(URI.create("http://127.0.0.1:4566/ses"), endpointOf(env));
  }

  /** The client's endpoint, checked to be the one answer of its endpoint provider whatever the parameters. */
  private static URI endpointOf(Map<String, String> env) {
    try (SesV2Client client = SesMailer.client(new Environment(env))) {
      URI override = client.serviceClientConfiguration().endpointOverride().orElseThrow();
      SesV2EndpointProvider provider =
          (SesV2EndpointProvider) client.serviceClientConfiguration().endpointProvider().orElseThrow();
      assertEquals(override, provider.resolveEndpoint(
          SesV2EndpointParams.builder().region(Region.US_WEST_2).useFips(true).build()).join().endpointUrl().toUri());
      return override;
    }
  }

  private static Map<String, String> environment(String region) {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_REGION", region);
    env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    return env;
  }
}
