package dev.taskapi.bench;

import java.util.Map;
import java.util.Set;

/**
 * The DynamoDB round trips each function makes on its measured success path, as docs/design.md documents them
 * ("DynamoDB key design"); the harness reports the measured count beside these and the goal is an exact match.
 * A function not listed is expected to make one, the API's rule.
 */
final class ExpectedRoundTrips {
  private static final Map<String, Integer> DOCUMENTED = Map.ofEntries(
      Map.entry("AuthorizerFunction", 1), // GetItem of the token's account (user id, token version)
      // Conditional PutItem of the account; PutItem of the session it starts.
      Map.entry("RegisterFunction", 2),
      // GetItem of the user; UpdateItem reserving the password check; DeleteItem ending the window on success;
      // TransactWriteItems storing the session (ConditionCheck of the account, Put).
      Map.entry("LoginFunction", 4),
      // Every write of tasks or lists carries its change-log entry in its TransactWriteItems (the counter's Update,
      // the entry's Put), one round trip once the container knows the account's last sequence (a container's first
      // write of an account that has one adds a refused TransactWriteItems: docs/design.md, "The change log").
      Map.entry("CreateTaskFunction", 1), // TransactWriteItems: ConditionCheck of the account, conditional Put
      Map.entry("ListTasksFunction", 1), // Query
      Map.entry("GetTaskFunction", 1), // GetItem
      // BatchGetItem of the task and the change-log counter; TransactWriteItems: the Update conditional on the
      // version read, with the log's entry numbered from the counter read.
      Map.entry("UpdateTaskFunction", 2),
      // BatchGetItem of the task and the counter; Query of by-position for the first task (the sample moves it
      // first); TransactWriteItems.
      Map.entry("MoveTaskFunction", 3),
      Map.entry("DeleteTaskFunction", 1), // TransactWriteItems: the Delete, conditional on a leaf
      Map.entry("BatchFunction", 1), // the sample's one create_task: as CreateTaskFunction
      // A full sync of a fresh account with one task (SampleEvents), in one page: GetItem of the change log's
      // counter; Query of the entries since its closed mark (the one entry) and UpdateItem raising the mark (the
      // start: nothing in flight below it); Query of its lists and tasks; GetItem of the counter again (has_more).
      Map.entry("SyncFunction", 5),
      Map.entry("GetAccountFunction", 1), // GetItem of the caller's account
      // TransactWriteItems: ConditionCheck of the account, the list counter's conditional increment, the list's Put
      Map.entry("CreateListFunction", 1),
      Map.entry("ListListsFunction", 1), // Query of the LIST# range
      Map.entry("GetListFunction", 1), // GetItem
      // BatchGetItem of the list and the counter; TransactWriteItems: the Update conditional on the version read.
      Map.entry("UpdateListFunction", 2),
      // TransactWriteItems marking the list deleting; Query of the user's tasks filtered to the list's (the sample list has
      // none); TransactWriteItems deleting the list and counting it off.
      Map.entry("DeleteListFunction", 3),
      // TransactWriteItems: ConditionCheck of the account, the webhook counter's conditional increment, the Put.
      Map.entry("CreateWebhookFunction", 1),
      Map.entry("ListWebhooksFunction", 1), // Query of the WEBHOOK# range
      Map.entry("DeleteWebhookFunction", 1), // TransactWriteItems: the Delete and the counter's decrement
      Map.entry("TestWebhookFunction", 1), // GetItem of the webhook; the send is HTTP, not DynamoDB
      // Query of the sample owner's WEBHOOK# range (none: nothing is queued, no SQS call).
      Map.entry("PublishWebhookEventsFunction", 1),
      // GetItem of the sample delivery's webhook (deleted: the delivery is dropped, no send).
      Map.entry("DeliverWebhookFunction", 1),
      // None: the sample's stream record is read as it comes, and its schedules are Scheduler's calls, not DynamoDB's.
      Map.entry("ScheduleRemindersFunction", 0),
      // GetItem of the reminder's task (the sample's is absent: nothing fires, no Query of webhooks).
      Map.entry("FireReminderFunction", 1),
      // GetItem of the account, UpdateItem reserving the check, DeleteItem ending the window, conditional UpdateItem,
      // TransactWriteItems storing the new session.
      Map.entry("ChangePasswordFunction", 5),
      // GetItem of the session and of its account; conditional UpdateItem rotating the token.
      Map.entry("RefreshFunction", 3),
      // GetItem of the account's ended sessions; TransactWriteItems deleting the session and listing it as ended.
      Map.entry("LogoutFunction", 2),
      // GetItem of the account; UpdateItem counting the mail in the address's window; PutItem of the token's hash
      // (and SES SendEmail, not DynamoDB).
      Map.entry("PasswordResetFunction", 3),
      // DeleteItem using the token up (ALL_OLD); GetItem of the account; conditional UpdateItem of the password;
      // TransactWriteItems storing the new session.
      Map.entry("PasswordResetConfirmFunction", 4),
      // GetItem of the account; UpdateItem reserving the check, DeleteItem ending the window; UpdateItem marking
      // the account closing; Query of its partition, BatchWriteItem deleting its task (the sample account has
      // one), Query finding none left; Query of its sessions partition (none); Query of its reset tokens' partition
      // (none); DeleteItem of the address's reset-mail window; conditional DeleteItem of the account.
      Map.entry("DeleteAccountFunction", 11));

  /**
   * The functions whose write may send its TransactWriteItems twice: once refused on the change-log counter alone,
   * when the account was last written by another container (so this container's counter is stale), then again with
   * the counter the refusal carries (docs/design.md, "The change log"). Whether a measured call meets a stale
   * counter depends on which container wrote the account last, so these may measure their count or one more. The
   * writes that read their item first (edit, move, rename) read the counter with it, so they are not here.
   */
  static final Set<String> STALE_COUNTER_RESEND =
      Set.of("CreateTaskFunction", "DeleteTaskFunction", "BatchFunction", "CreateListFunction", "DeleteListFunction");

  private ExpectedRoundTrips() {}

  static int of(String function) {
    return DOCUMENTED.getOrDefault(function, 1);
  }
}
