package dev.taskapi.domain;

import java.util.List;
import java.util.Optional;

/**
 * One page of a user's tasks, newest first. {@code lastTaskId} is present exactly when more tasks may follow: it
 * is the id of the last task on this page, from which the next page continues.
 */
public record TaskPage(List<Task> tasks, Optional<String> lastTaskId) {
  public TaskPage {
    tasks = List.copyOf(tasks);
  }
}
