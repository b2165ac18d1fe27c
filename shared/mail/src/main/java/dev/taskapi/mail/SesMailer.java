package dev.taskapi.mail;

import dev.taskapi.config.Environment;
import dev.taskapi.snapstart.Priming;
import dev.taskapi.store.dynamodb.AwsClientSettings;
import dev.taskapi.store.dynamodb.PrimingSendGuard;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.endpoints.EndpointUrl;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.endpoints.SesV2EndpointProvider;

/**
 * {@link Mailer} on Amazon SES API v2 {@code SendEmail} (a Simple message: SES assembles the MIME parts from the
 * subject and the two bodies), from {@code MAIL_SENDER}. Each function's IAM role may call {@code ses:SendEmail}
 * only on the sender's identity.
 *
 * <p>The client has one endpoint, as the DynamoDB client ({@link AwsClientSettings}): {@code SES_ENDPOINT} (the
 * local stack's SES endpoint) or the one SES's endpoint rules give the region, evaluated once, {@code
 * email.<region>.amazonaws.com} ("Amazon Simple Email Service endpoints and quotas", AWS General Reference), so no
 * endpoint rule is evaluated per request. Signing is the auth scheme provider's default: SigV4, signing name
 * {@code ses}, the client's region.
 */
public final class SesMailer implements Mailer {
  /** The From address: the SES identity the functions may send as (template parameter PasswordResetSender). */
  public static final String SENDER_VARIABLE = "MAIL_SENDER";
  private static final String CHARSET = StandardCharsets.UTF_8.name();

  private final SesV2Client ses;
  private final String sender;

  SesMailer(SesV2Client ses, String sender) {
    this.ses = ses;
    this.sender = sender;
  }

  /**
   * The mailer of the function's environment, its client built now (at the function's initialization) and its
   * {@code SendEmail} primed before a SnapStart snapshot ({@link SendEmailPrimer}: nothing is sent).
   */
  public static SesMailer fromEnvironment(Environment env) {
    SesMailer mailer = new SesMailer(client(env), env.required(SENDER_VARIABLE));
    Priming.register(new SendEmailPrimer(mailer));
    return mailer;
  }

  /**
   * A mailer whose client is built on its first message: for a function that sends mail seldom (a refresh sends
   * one only when a token's reuse ends a session), so that its cold start does not pay for the SES client
   * (docs/benchmarks.md: about 315 classes).
   */
  public static Mailer onFirstUse(Environment env) {
    String sender = env.required(SENDER_VARIABLE);
    return new Mailer() {
      private SesMailer built;

      @Override
      public synchronized void send(Mail mail) {
        if (built == null) {
          built = new SesMailer(client(env), sender);
        }
        built.send(mail);
      }
    };
  }

  /** The function's SES client; public for the benchmark, whose warm baseline replays SendEmail through one. */
  public static SesV2Client client(Environment env) {
    Region region = AwsClientSettings.region(env);
    URI url = AwsClientSettings.endpoint(env, "SES_ENDPOINT", () -> SesV2EndpointProvider.defaultProvider()
        .resolveEndpoint(p -> p.region(region).useFips(false).useDualStack(false)).join().endpointUrl().toUri());
    Endpoint endpoint = Endpoint.builder().endpointUrl(EndpointUrl.fromUri(url)).build();
    return AwsClientSettings.configure(SesV2Client.builder(), env, region, url,
            AwsClientSettings.overrideConfiguration().addExecutionInterceptor(new PrimingSendGuard()).build())
        .endpointProvider(params -> CompletableFuture.completedFuture(endpoint))
        .build();
  }

  @Override
  public void send(Mail mail) {
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
