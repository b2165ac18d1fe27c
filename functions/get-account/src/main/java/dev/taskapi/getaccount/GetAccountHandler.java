package dev.taskapi.getaccount;

import dev.taskapi.api.AccountResponse;
import dev.taskapi.api.UserView;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.services.Services;
import dev.taskapi.store.Accounts;
import dev.taskapi.store.UserStore;

/** {@code GET /auth/me}: the caller's profile. */
public final class GetAccountHandler extends ApiHandler {
  private final UserStore users;

  /** Lambda's entry point: production wiring from the function's environment. */
  public GetAccountHandler() {
    Services services = Services.fromEnvironment();
    this(services.userStore(), services.cors());
  }

  public GetAccountHandler(UserStore users, Cors cors) {
    super(cors);
    this.users = users;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    return ApiResponse.ok(
        new AccountResponse(UserView.of(Accounts.caller(users, request.callerEmail(), request.userId()))));
  }
}
