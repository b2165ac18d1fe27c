package dev.taskapi.auth;

import dev.taskapi.config.Environment;
import dev.taskapi.config.SecretsExtensionClient;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds the {@link TokenService} from a function's environment. Kept apart from {@link Services} because the
 * authorizer uses it and must load no AWS SDK class.
 */
public final class TokenConfig {
  public static final String SECRET_ID_VARIABLE = "JWT_SECRET_ID";
  /** 15 minutes, template.yaml's TokenTtlSeconds: a refresh token gets the next one. */
  public static final long DEFAULT_TTL_SECONDS = 900;

  private TokenConfig() {}

  public static TokenService tokenService(Environment env, Clock clock) {
    byte[] key = new SecretsExtensionClient(env).secretBytes(SECRET_ID_VARIABLE);
    return new TokenService(
        key,
        env.optional("TOKEN_ISSUER", "task-api"),
        env.optional("TOKEN_AUDIENCE", "task-api-clients"),
        accessTokenTtl(env),
        clock);
  }

  /** How long an access token lives: also how long an ended session's tokens must be refused (logout). */
  public static Duration accessTokenTtl(Environment env) {
    return Duration.ofSeconds(env.longValue("TOKEN_TTL_SECONDS", DEFAULT_TTL_SECONDS));
  }
}
