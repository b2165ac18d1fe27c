package dev.taskapi.passwordreset;

/** Sends a password-reset message (Amazon SES in production, {@code SesResetMailer}). */
public interface ResetMailer {
  void send(ResetMail mail);
}
