package dev.taskapi.mail;

/**
 * One message: a plain-text and an HTML part. Its {@link #toString} shows the subject only: a body may hold a link
 * with a token, and the address is personal data.
 */
public record Mail(String to, String subject, String text, String html) {
  @Override
  public String toString() {
    return "Mail[subject=" + subject + "]";
  }
}
