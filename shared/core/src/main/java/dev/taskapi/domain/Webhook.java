package dev.taskapi.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One of a user's webhooks: where its events go ({@code url}), which ones ({@code events}, from {@link
 * WebhookEvents#ALL}), and the secret its deliveries are signed with. The secret is stored because an HMAC needs it
 * to sign (a hash of it would not do); it is shown once, in the registration's answer, and never logged.
 * The deliverer records how its deliveries fare: {@code failureCount} counts the events that failed for good (after
 * every retry: dead-lettered), {@code lastError} and {@code lastErrorAt} tell the last failed attempt, {@code
 * consecutiveFailures} the failed attempts since the last delivered one, and {@code disabledAt} when that run
 * reached the limit and the webhook stopped receiving events (a delivered {@code POST /webhooks/{id}/test} enables
 * it again).
 */
public record Webhook(
    String id,
    String userId,
    String url,
    List<String> events,
    Optional<String> description,
    String secret,
    Instant createdAt,
    long failureCount,
    Optional<String> lastError,
    Optional<Instant> lastErrorAt,
    long consecutiveFailures,
    Optional<Instant> disabledAt) {
  public Webhook {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(url, "url");
    events = List.copyOf(events);
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(lastErrorAt, "lastErrorAt");
    Objects.requireNonNull(disabledAt, "disabledAt");
  }

  /** A webhook as registered: no delivery has failed. */
  public static Webhook registered(
      String id, String userId, String url, List<String> events, Optional<String> description, String secret,
      Instant createdAt) {
    return new Webhook(id, userId, url, events, description, secret, createdAt, 0, Optional.empty(), Optional.empty(), 0,
        Optional.empty());
  }

  /** Whether events still go to it: not since a run of failed deliveries disabled it. */
  public boolean enabled() {
    return disabledAt.isEmpty();
  }

  /** Whether it wants events of {@code type} now: subscribed and enabled. */
  public boolean receives(String type) {
    return enabled() && events.contains(type);
  }

  /** Never the secret: a webhook in a log line or an assertion message shows everything else. */
  @Override
  public String toString() {
    return "Webhook[id=" + id + ", userId=" + userId + ", url=" + url + ", events=" + events + "]";
  }
}
