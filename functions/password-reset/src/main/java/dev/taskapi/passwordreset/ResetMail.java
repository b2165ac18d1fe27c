package dev.taskapi.passwordreset;

import dev.taskapi.mail.Mail;

/**
 * The password-reset message: a plain-text and an HTML part carrying the one link ({@link Mail#toString} never
 * shows it: it holds the token).
 */
public final class ResetMail {
  static final String SUBJECT = "Reset your Task API password";

  private ResetMail() {}

  public static Mail of(String to, String link, long validMinutes) {
    String text = "Someone asked to reset the password of your Task API account.\r\n\r\n"
        + "To choose a new password, open this link within " + validMinutes + " minutes:\r\n\r\n"
        + link + "\r\n\r\n"
        + "The link works once. If you did not ask for it, ignore this message: your password stays as it is.\r\n";
    String escaped = escapeHtml(link);
    String html = "<!DOCTYPE html><html><body>"
        + "<p>Someone asked to reset the password of your Task API account.</p>"
        + "<p><a href=\"" + escaped + "\">Choose a new password</a> within " + validMinutes + " minutes.</p>"
        + "<p>The link works once. If you did not ask for it, ignore this message: your password stays as it is.</p>"
        + "</body></html>";
    return new Mail(to, SUBJECT, text, html);
  }

  private static String escapeHtml(String value) {
    return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
