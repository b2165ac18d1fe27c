package dev.taskapi.testing;

/**
 * Passwords for tests that set one (register, change, reset): each meets every rule of a new password, the length
 * (RegistrationRequest) and the strength estimate (PasswordStrengthTest proves these pass it), so a test that is
 * not about those rules is not refused by them.
 */
public final class TestAccounts {
  /** The password a test account is registered with. */
  public static final String PASSWORD = "tangerine kettle orbit";
  /** A second one, for a change or a reset. */
  public static final String NEW_PASSWORD = "an even better passphrase";

  private TestAccounts() {}
}
