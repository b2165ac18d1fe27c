package dev.taskapi.passwordreset;

/**
 * The password-reset message: a plain-text and an HTML part carrying the one link. Its {@link #toString} never
 * shows the link, which holds the token.
 */
public record ResetMail(String to, String subject, String text, String html) {
  static final String SUBJECT = "Reset your Task API password";

  public static ResetMail of(String to, String link, long validMinutes) {
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
    return new ResetMail(to, SUBJECT, text, html);
  }

  private static String escapeHtml(String value) {
    return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
  }

  @Override
  public String toString() {
    return "ResetMail[subject=" + subject + "]";
  }
}
