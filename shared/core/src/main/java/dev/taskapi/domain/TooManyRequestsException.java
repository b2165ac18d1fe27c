package dev.taskapi.domain;

/**
 * The caller must wait before trying again: 429 with {@code Retry-After}. Used for an account whose failed
 * logins reached the limit; nothing was checked or changed.
 */
public final class TooManyRequestsException extends DomainException {
  private final long retryAfterSeconds;

  public TooManyRequestsException(String detail, long retryAfterSeconds) {
    super(detail);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
