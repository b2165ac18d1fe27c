package dev.taskapi.schedulereminders;

import dev.taskapi.domain.ReminderSchedule;
import java.time.Instant;

/** Where reminders wait for their moment: EventBridge Scheduler on AWS and locally. */
interface ReminderScheduler {
  /**
   * Makes {@code schedule} fire once at {@code at} (its moment, or just after now when that has passed); a schedule
   * of that name that exists already is left as it is, so a retried batch schedules nothing twice.
   */
  void schedule(ReminderSchedule schedule, Instant at);

  /** Makes {@code schedule} never fire; one that does not exist (fired, or never scheduled) is no error. */
  void cancel(ReminderSchedule schedule);
}
