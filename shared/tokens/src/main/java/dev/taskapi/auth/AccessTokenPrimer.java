package dev.taskapi.auth;

import dev.taskapi.snapstart.Priming;
import org.crac.Context;
import org.crac.Resource;

/**
 * Before a SnapStart snapshot, issues one access token to a caller that does not exist and verifies it: nimbus
 * signs through its own JSON writer (its shaded Gson, about 220 classes that the functions' JSON does not load,
 * docs/benchmarks.md), so without this the first sign-in or refresh after every restore would load them. Nothing
 * is stored or sent: the token is made and read in memory.
 */
public final class AccessTokenPrimer implements Resource {
  private final TokenService tokens;

  public AccessTokenPrimer(TokenService tokens) {
    this.tokens = tokens;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    tokens.verifyToken(tokens.issue(Priming.USER_ID, "priming@priming.invalid", 0, "priming"));
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing to renew: the key and the signer are the function's for its life.
  }
}
