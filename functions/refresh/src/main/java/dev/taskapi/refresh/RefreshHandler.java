package dev.taskapi.refresh;

import dev.taskapi.api.RefreshRequest;
import dev.taskapi.auth.Sessions;
import dev.taskapi.config.Environment;
import dev.taskapi.http.ApiHandler;
import dev.taskapi.http.ApiRequest;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.Cors;
import dev.taskapi.mail.AccountNotices;
import dev.taskapi.mail.SesMailer;
import dev.taskapi.services.Services;

/**
 * {@code POST /auth/refresh}: exchanges a refresh token for a new access token and the next refresh token
 * (rotation; a reused token revokes its family: {@link Sessions}).
 */
public final class RefreshHandler extends ApiHandler {
  private final Sessions sessions;

  /**
   * Lambda's entry point: production wiring from the function's environment. A reuse that ends a session mails the
   * account (ASVS 2.2.3); the SES client is built only then, so a refresh's cold start does not pay for it.
   */
  public RefreshHandler() {
    Services services = Services.fromEnvironment();
    AccountNotices notices = new AccountNotices(SesMailer.onFirstUse(Environment.current()));
    this(services.sessions(session -> notices.sessionEndedOnReuse(session.email())), services.cors());
  }

  public RefreshHandler(Sessions sessions, Cors cors) {
    super(cors);
    this.sessions = sessions;
  }

  @Override
  protected ApiResponse handle(ApiRequest request) {
    return ApiResponse.ok(sessions.refresh(RefreshRequest.parse(request.jsonObjectBody()).refreshToken()));
  }

  @Override
  protected String businessMetric(ApiResponse response) {
    return switch (response.status()) {
      case 200 -> "TokensRefreshed";
      case 401 -> "RefreshesRefused";
      default -> null;
    };
  }
}
