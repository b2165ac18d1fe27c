package dev.taskapi.password;

import org.crac.Context;
import org.crac.Resource;

/**
 * Before a SnapStart snapshot, hashes a constant with the function's {@link PasswordHasher} and verifies it: the
 * Argon2id classes (BouncyCastle's generator and its Blake2b) are loaded, and what one hash makes hot compiled, in
 * the snapshot, where otherwise the first sign-in, registration, password change or account deletion after every
 * restore would load them and hash in colder code. Nothing is stored: the hash is thrown away.
 */
public final class Argon2Primer implements Resource {
  private static final String PRIMING_PASSWORD = "priming passphrase";

  private final PasswordHasher hasher;

  public Argon2Primer(PasswordHasher hasher) {
    this.hasher = hasher;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    hasher.verify(PRIMING_PASSWORD, hasher.hash(PRIMING_PASSWORD));
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing to renew: the hasher holds no connection.
  }
}
