package dev.taskapi.mail;

import dev.taskapi.log.EventMetric;
import java.io.PrintStream;

/**
 * The mails that tell an account's owner of a change they may not have made (ASVS 2.2.3): its password changed,
 * its password reset, and a session ended because its refresh token was used twice. They carry no link, token or
 * secret, only what happened and what to do if it was not the owner.
 *
 * <p>A notice never fails the request that caused it: the change has happened, and a 5xx would tell the client it
 * had not. A failure to send is logged (the exception's class, never the address) and counted as the metric
 * {@value #NOT_SENT_METRIC}, which an alarm can watch.
 */
public final class AccountNotices {
  /** The metric counting notices SES did not take. */
  public static final String NOT_SENT_METRIC = "AccountNoticesNotSent";

  static final String PASSWORD_CHANGED = "Your Task API password was changed";
  static final String PASSWORD_RESET = "Your Task API password was reset";
  static final String SESSION_ENDED = "A Task API sign-in was ended for your safety";
  private static final String NOT_YOU =
      "If this was not you, reset your password now and sign out of every session.";

  private final Mailer mailer;
  private final PrintStream log;

  public AccountNotices(Mailer mailer, PrintStream log) {
    this.mailer = mailer;
    this.log = log;
  }

  /** Notices sent through {@code mailer}, failures logged to the function's log (standard error). */
  public AccountNotices(Mailer mailer) {
    this(mailer, System.err);
  }

  public void passwordChanged(String to) {
    send(to, PASSWORD_CHANGED, "The password of your Task API account was just changed, and every other session "
        + "of the account was signed out.");
  }

  public void passwordReset(String to) {
    send(to, PASSWORD_RESET, "The password of your Task API account was just reset with a link mailed to this "
        + "address, and every other session of the account was signed out.");
  }

  public void sessionEndedOnReuse(String to) {
    send(to, SESSION_ENDED, "A refresh token of one of your Task API sessions was presented after it had already "
        + "been used, which happens when a token is copied. That session has been signed out; the device that "
        + "used it must sign in again.");
  }

  private void send(String to, String subject, String what) {
    String text = what + "\r\n\r\n" + NOT_YOU + "\r\n";
    String html = "<!DOCTYPE html><html><body><p>" + what + "</p><p>" + NOT_YOU + "</p></body></html>";
    try {
      mailer.send(new Mail(to, subject, text, html));
    } catch (RuntimeException e) {
      log.println("Account notice not sent (" + subject + "): " + e.getClass().getSimpleName());
      EventMetric.count(log, NOT_SENT_METRIC);
    }
  }
}
