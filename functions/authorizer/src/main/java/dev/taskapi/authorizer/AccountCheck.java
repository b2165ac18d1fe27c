package dev.taskapi.authorizer;

import dev.taskapi.auth.TokenService.VerifiedToken;

/**
 * Whether a well-signed, unexpired token still speaks for a live account: the account exists under the token's
 * email with the token's user id, its token version is the token's (a password change increments it), and the
 * token's session has not been ended (logout, refresh-token reuse).
 */
@FunctionalInterface
interface AccountCheck {
  boolean isCurrent(VerifiedToken token);
}
