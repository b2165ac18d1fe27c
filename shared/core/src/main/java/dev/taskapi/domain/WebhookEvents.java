package dev.taskapi.domain;

import java.util.List;

/** The event types a webhook may subscribe to (issue 26's list, in its order), and the account's limit. */
public final class WebhookEvents {
  public static final List<String> ALL =
      List.of(
          "task.created",
          "task.updated",
          "task.completed",
          "task.deleted",
          "list.created",
          "list.updated",
          "list.deleted",
          "reminder.fired");
  /** The one event no one subscribes to: {@code POST /webhooks/{webhook_id}/test} sends it. */
  public static final String TEST = "webhook.test";
  /** Webhooks an account may have at once: each event is delivered once per webhook. */
  public static final int MAX_PER_ACCOUNT = 10;

  private WebhookEvents() {}
}
