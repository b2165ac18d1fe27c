package dev.taskapi.passwordreset;

import dev.taskapi.config.Environment;
import dev.taskapi.store.dynamodb.AwsClientSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;

/**
 * {@link ResetMailer} on Amazon SES API v2 {@code SendEmail} (a Simple message: SES assembles the MIME parts from
 * the subject and the two bodies). The function's IAM role may call {@code ses:SendEmail} only on the sender's
 * identity. Locally {@code SES_ENDPOINT} points the same client at the local stack's SES endpoint.
 */
final class SesResetMailer implements ResetMailer {
  private static final String CHARSET = StandardCharsets.UTF_8.name();

  private final SesV2Client ses;
  private final String sender;

  SesResetMailer(SesV2Client ses, String sender) {
    this.ses = ses;
    this.sender = sender;
  }

  static SesResetMailer fromEnvironment(Environment env) {
    SesV2ClientBuilder builder = SesV2Client.builder()
        .region(Region.of(env.optional("AWS_REGION", "us-east-1")))
        .credentialsProvider(AwsClientSettings.credentials(env))
        .httpClient(AwsClientSettings.httpClient())
        .overrideConfiguration(AwsClientSettings.overrideConfiguration().build());
    env.find("SES_ENDPOINT").map(URI::create).ifPresent(builder::endpointOverride);
    return new SesResetMailer(builder.build(), env.required("PASSWORD_RESET_SENDER"));
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
