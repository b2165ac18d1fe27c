package dev.taskapi.mail;

import dev.taskapi.snapstart.Priming;
import dev.taskapi.store.dynamodb.PrimingSendGuard;
import org.crac.Context;
import org.crac.Resource;

/**
 * Before a SnapStart snapshot, runs a {@code SendEmail} through the function's {@link SesMailer} as far as it can go
 * without sending (its client's {@link PrimingSendGuard} refuses it once it is marshalled and signed): the
 * request's model, marshaller, signer and the SDK's pipeline are then in the snapshot, where the first mail after
 * every restore would otherwise load them (about 300 classes, docs/benchmarks.md). No mail is sent, and no IAM
 * permission is used. A failure other than the refusal is logged and ignored: the snapshot is still valid, only
 * colder.
 */
public final class SendEmailPrimer implements Resource {
  private static final Mail PRIMING_MAIL =
      new Mail("priming@priming.invalid", "Priming", "Never sent.", "<p>Never sent.</p>");

  private final SesMailer mailer;

  SendEmailPrimer(SesMailer mailer) {
    this.mailer = mailer;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    Priming.run(() -> {
      try {
        mailer.send(PRIMING_MAIL);
        System.err.println("WARN priming SendEmail was not refused");
      } catch (PrimingSendGuard.Refused expected) {
        // The path is primed up to the wire.
      } catch (RuntimeException e) {
        System.err.println("WARN priming SendEmail failed: " + e.getClass().getSimpleName());
      }
    });
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing to renew.
  }
}
