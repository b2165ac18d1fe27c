package dev.taskapi.auth;

import dev.taskapi.config.Environment;
import java.time.Duration;
import java.time.Instant;

/**
 * How long a refresh-token family lives: {@code idle} since its last use and {@code absolute} since the sign-in
 * that started it, whichever ends first (template parameters RefreshTokenIdleDays and RefreshTokenMaxDays).
 */
public record SessionPolicy(Duration idle, Duration absolute) {
  public static final SessionPolicy DEFAULT = new SessionPolicy(Duration.ofDays(30), Duration.ofDays(90));

  public SessionPolicy {
    if (idle.isNegative() || idle.isZero() || absolute.compareTo(idle) < 0) {
      throw new IllegalArgumentException("the idle lifetime must be positive and at most the absolute one");
    }
  }

  public static SessionPolicy fromEnvironment(Environment env) {
    return new SessionPolicy(
        Duration.ofDays(env.longValue("REFRESH_TOKEN_IDLE_DAYS", DEFAULT.idle().toDays())),
        Duration.ofDays(env.longValue("REFRESH_TOKEN_MAX_DAYS", DEFAULT.absolute().toDays())));
  }

  /** When a family started at {@code createdAt} and used at {@code lastUse} ends. */
  public Instant end(Instant createdAt, Instant lastUse) {
    Instant idleEnd = lastUse.plus(idle);
    Instant absoluteEnd = createdAt.plus(absolute);
    return idleEnd.isBefore(absoluteEnd) ? idleEnd : absoluteEnd;
  }
}
