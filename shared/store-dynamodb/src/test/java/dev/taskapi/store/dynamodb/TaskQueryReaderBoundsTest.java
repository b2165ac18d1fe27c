package dev.taskapi.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.TaskQuery;
import dev.taskapi.domain.UnprocessableContentException;
import dev.taskapi.domain.User;
import dev.taskapi.testing.TaskStoreContract;
import dev.taskapi.testing.TestTasks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The read bound of {@link TaskQueryReader}, reached with a few tasks by lowering it (2 Query calls of 3 items): a
 * filter that finds too little within it answers a short page, even an empty one, with a cursor, and following the
 * cursors finds every match once; a sort whose range does not fit in it is a 422, never a page sorted from part of
 * the tasks.
 */
class TaskQueryReaderBoundsTest {
  private final DynamoDbTaskStore tasks = new DynamoDbTaskStore(TestTable.client(), TestTable.NAME);
  private final TaskQueryReader bounded = new TaskQueryReader(
      DynamoDbClients.table(TestTable.client(), TestTable.NAME, TaskSchema.SCHEMA), 2, 3, 3);
  private final User owner = TaskStoreContract.register(new DynamoDbUserStore(TestTable.client(), TestTable.NAME));
  private final TaskIds ids = new TaskIds();

  /** Ten tasks, oldest first; the oldest and the fifth hold "needle". */
  private List<Task> seed() {
    List<Task> created = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Task task = TestTasks.task(ids.next(System.currentTimeMillis()).toString(), owner.id(),
          (i == 0 || i == 4 ? "needle " : "hay ") + i, "");
      assertTrue(tasks.create(task, owner.email()));
      created.add(task);
    }
    return created;
  }

  @Test
  void aFilterThatFindsTooLittleWithinTheBoundAnswersAShortPageWithACursorAndMissesNothing() {
    List<Task> created = seed();
    TaskQuery needles = TaskStoreContract.query("q", "needle");

    TaskQuery.Page first = bounded.query(owner.id(), needles, 5, Optional.empty());
    assertEquals(List.of(created.get(4)), first.tasks(), "6 of 10 read: one match so far");
    assertTrue(first.next().isPresent(), "more may follow: a cursor, not a silent end");

    List<Task> all = new ArrayList<>(first.tasks());
    Optional<String> after = first.next();
    while (after.isPresent()) {
      TaskQuery.Page page = bounded.query(owner.id(), needles, 5, after);
      all.addAll(page.tasks());
      after = page.next();
    }
    assertEquals(List.of(created.get(4), created.get(0)), all);
  }

  @Test
  void aSortWhoseRangeDoesNotFitTheBoundIsA422() {
    seed();
    UnprocessableContentException e = assertThrows(UnprocessableContentException.class,
        () -> bounded.query(owner.id(), TaskStoreContract.query("sort", "due"), 5, Optional.empty()));
    assertTrue(e.getMessage().startsWith("Too many tasks to sort by due"), e.getMessage());
  }
}
