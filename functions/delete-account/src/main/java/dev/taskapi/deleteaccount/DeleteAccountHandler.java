package dev.taskapi.deleteaccount;

import dev.taskapi.api.AccountDeletionRequest;
import dev.taskapi.api.MessageResponse;
import dev.taskapi.domain.ForbiddenException;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.domain.ServiceUnavailableException;
import dev.taskapi.domain.User;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.password.PasswordAttempts;
import dev.taskapi.services.Services;
import dev.taskapi.store.Accounts;
import dev.taskapi.store.LoginStore;
import dev.taskapi.store.PasswordResetStore;
import dev.taskapi.store.SessionStore;
import dev.taskapi.store.TaskStore;
import dev.taskapi.store.UserStore;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code DELETE /auth/me}: deletes the caller's account and every task it owns, once the password is entered
 * again. Tasks go first and the user last, so a crash or timeout midway leaves an account that still exists, can
 * still log in, and finishes its deletion when the request is repeated; never tasks nobody can reach.
 */
public final class DeleteAccountHandler extends ApiHandler {
  /** Well inside API Gateway's 29 s: a very large account is deleted over several requests (503, repeat). */
  static final Duration TASK_DELETION_BUDGET = Duration.ofSeconds(15);

  private final UserStore users;
  private final TaskStore tasks;
  private final SessionStore sessions;
  private final PasswordResetStore resets;
  private final LoginStore resetMailWindows;
  private final PasswordAttempts attempts;

  /** Lambda's entry point: production wiring from the function's environment. */
  public DeleteAccountHandler() {
    Services services = Services.fromEnvironment();
    this(services.userStore(), services.taskStore(), services.sessionStore(), services.passwordResetStore(),
        services.passwordResetMailWindows(), services.passwordAttempts(), services.cors());
  }

  public DeleteAccountHandler(UserStore users, TaskStore tasks, SessionStore sessions, PasswordResetStore resets,
      LoginStore resetMailWindows, PasswordAttempts attempts, Cors cors) {
    super(cors);
    this.users = users;
    this.tasks = tasks;
    this.sessions = sessions;
    this.resets = resets;
    this.resetMailWindows = resetMailWindows;
    this.attempts = attempts;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    AccountDeletionRequest confirmation = AccountDeletionRequest.parse(request.jsonObjectBody());
    User user = Accounts.caller(users, request.callerEmail(), request.userId());
    // Limited with the account's logins: a stolen token must not become an unlimited password oracle. A match
    // ends the account's window, so no LOGIN# record outlives the account.
    if (!attempts.verify(user.email(), confirmation.password(), Optional.of(user.passwordHash()))) {
      throw new ForbiddenException("The password is not correct.");
    }
    // Closed first: from here no task can be created for the account (TaskStore#create), so the sweep below
    // leaves nothing behind, however many requests its tokens still send.
    if (!users.close(user)) {
      throw new NotFoundException("This account no longer exists.");
    }
    // Its sessions and pending reset tokens too (each in a partition of the account's own), so no refresh or
    // reset token's record outlives it; and the address's reset-mail window, which holds the address.
    if (!tasks.deleteAll(user.id(), TASK_DELETION_BUDGET) || !sessions.deleteAll(user.id(), TASK_DELETION_BUDGET)
        || !resets.deleteAll(user.id(), TASK_DELETION_BUDGET)) {
      throw new ServiceUnavailableException(
          "Many tasks are being deleted; repeat the request to finish deleting the account.", 1);
    }
    resetMailWindows.clear(user.email());
    if (!users.delete(user)) {
      throw new NotFoundException("This account no longer exists.");
    }
    return ApiResponse.ok(new MessageResponse("Account deleted"));
  }

  @Override
  protected String businessMetric(ApiResponse response) {
    return response.status() == 200 ? "AccountsDeleted" : null;
  }
}
