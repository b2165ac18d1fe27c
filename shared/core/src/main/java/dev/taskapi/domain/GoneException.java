package dev.taskapi.domain;

/**
 * What the request continues is no longer there to continue: 410 with a problem {@link #type} of its own, so a
 * client can tell it from every other error by the type alone and act on it (a sync token: start over without one).
 */
public final class GoneException extends DomainException {
  /**
   * The problem type of a sync token too old or not the caller's: a tag URI (RFC 4151), which RFC 9457 section 3.1.1
   * allows as a type that is an identifier, not a page to fetch.
   */
  public static final String RESYNC = "tag:taskapi.dev,2026:problems/sync-token-gone";

  private final String type;

  public GoneException(String type, String detail) {
    super(detail);
    this.type = type;
  }

  /** The problem's {@code type}: the one fact the client branches on. */
  public String type() {
    return type;
  }
}
