package dev.taskapi.store;

import dev.taskapi.domain.Task;
import dev.taskapi.domain.TaskList;
import dev.taskapi.testing.InMemorySyncStore;
import dev.taskapi.testing.SyncStoreContract;
import java.util.List;

/** The fake keeps the contract the DynamoDB reader keeps. */
class InMemorySyncStoreContractTest extends SyncStoreContract {
  private final InMemorySyncStore store = new InMemorySyncStore();

  @Override
  protected SyncStore store() {
    return store;
  }

  @Override
  protected void put(Task task) {
    store.put(task);
  }

  @Override
  protected void put(TaskList list) {
    store.put(list);
  }

  @Override
  protected void markDeleting(String userId, String listId) {
    store.markDeleting(userId, listId);
  }

  @Override
  protected void remove(String userId, List<String> taskIds, List<String> listIds) {
    store.remove(userId, taskIds, listIds);
  }
}
