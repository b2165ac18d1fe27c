package dev.taskapi.authorizer;

import dev.taskapi.auth.TokenService.VerifiedToken;

/**
 * Whether a well-signed, unexpired token still speaks for a live account: the account exists under the token's
 * email with the token's user id, and its token version is the token's (a password change increments it).
 */
@FunctionalInterface
interface AccountCheck {
  boolean isCurrent(VerifiedToken token);
}
