package dev.taskapi.domain;

/**
 * A dependency (DynamoDB) is unreachable, too slow or throttling: 503 with {@code Retry-After}. Nothing was
 * acknowledged, so the client may safely retry.
 */
public final class ServiceUnavailableException extends DomainException {
  private final int retryAfterSeconds;

  public ServiceUnavailableException(String detail, int retryAfterSeconds) {
    super(detail);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
