package dev.taskapi.mail;

/** Sends a message (Amazon SES in production, {@link SesMailer}). */
@FunctionalInterface
public interface Mailer {
  void send(Mail mail);
}
