package dev.taskapi.passwordreset;

import dev.taskapi.config.Environment;
import dev.taskapi.store.dynamodb.AwsClientSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.endpoints.SesV2EndpointProvider;

/**
 * {@link ResetMailer} on Amazon SES API v2 {@code SendEmail} (a Simple message: SES assembles the MIME parts from
 * the subject and the two bodies). The function's IAM role may call {@code ses:SendEmail} only on the sender's
 * identity.
 *
 * <p>The client has one endpoint, as the DynamoDB client ({@link AwsClientSettings}): {@code SES_ENDPOINT} (the
 * local stack's SES endpoint) or the one SES's endpoint rules give the region, evaluated once, {@code
 * email.<region>.amazonaws.com} ("Amazon Simple Email Service endpoints and quotas", AWS General Reference), so no
 * endpoint rule is evaluated per request. Signing is the auth scheme provider's default: SigV4, signing name
 * {@code ses}, the client's region.
 */
public final class SesResetMailer implements ResetMailer {
  private static final String CHARSET = StandardCharsets.UTF_8.name();

  private final SesV2Client ses;
  private final String sender;

  SesResetMailer(SesV2Client ses, String sender) {
    this.ses = ses;
    this.sender = sender;
  }

  static SesResetMailer fromEnvironment(Environment env) {
    return new SesResetMailer(client(env), env.required("PASSWORD_RESET_SENDER"));
  }

  /** The function's SES client; public for the benchmark, whose warm baseline replays SendEmail through one. */
  public static SesV2Client client(Environment env) {
    Region region = AwsClientSettings.region(env);
    URI url = AwsClientSettings.endpoint(env, "SES_ENDPOINT", () -> SesV2EndpointProvider.defaultProvider()
        .resolveEndpoint(p -> p.region(region).useFips(false).useDualStack(false)).join().url());
    Endpoint endpoint = Endpoint.builder().url(url).build();
    return AwsClientSettings.configure(SesV2Client.builder(), env, region, url,
            AwsClientSettings.overrideConfiguration().build())
        .endpointProvider(params -> CompletableFuture.completedFuture(endpoint))
        .build();
  }

  @Override
  public void send(ResetMail mail) {
    ses.sendEmail(r -> r
        .fromEmailAddress(sender)
        .destination(d -> d.toAddresses(mail.to()))
        .content(c -> c.simple(m -> m
            .subject(s -> s.data(mail.subject()).charset(CHARSET))
            .body(b -> b
                .text(t -> t.data(mail.text()).charset(CHARSET))
                .html(h -> h.data(mail.html()).charset(CHARSET))))));
  }
}
