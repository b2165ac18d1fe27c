package dev.taskapi.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.taskapi.testing.TestTasks;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where a sub-task goes: its parent's list, one level down, at most {@link Placement#MAX_LEVELS} levels. */
class PlacementTest {
  private final TaskIds ids = new TaskIds();

  private Task under(Task parent) {
    String id = ids.next(System.currentTimeMillis()).toString();
    return Task.created(id, parent.userId(), Placement.under(parent, id, Optional.empty()), TestTasks.values("t", ""));
  }

  @Test
  void aSubTaskIsInItsParentsListOneLevelDownAndTheFourthLevelIsTheLast() {
    Task top = TestTasks.task(ids.next(System.currentTimeMillis()).toString(), "u", "top", "");
    Task level1 = under(top);
    Task level3 = under(under(level1));

    assertEquals(top.id(), level1.placement().parentId());
    assertEquals(top.placement().listId(), level3.placement().listId());
    assertEquals(1, level1.placement().depth());
    assertEquals(3, level3.placement().depth());
    // The parent's slot of the by-position key: GET /tasks?parent_id= reads that range.
    assertEquals(top.placement().listId() + "#" + top.id() + "#" + level1.placement().position() + "#" + level1.id(),
        level1.placement().sortKey(level1.id()));
    InvalidRequestException tooDeep = assertThrows(InvalidRequestException.class, () -> under(level3));
    assertEquals(List.of("parent_id"), tooDeep.fieldErrors().stream().map(InvalidRequestException.FieldError::name).toList());
  }

  @Test
  void aListIdOtherThanTheParentsIsA400NamingParentId() {
    Task top = TestTasks.task(ids.next(System.currentTimeMillis()).toString(), "u", "top", "");
    String id = ids.next(System.currentTimeMillis()).toString();
    InvalidRequestException refused =
        assertThrows(
            InvalidRequestException.class,
            () -> Placement.under(top, id, Optional.of(TaskLists.defaultListId("someone else"))));
    assertEquals(List.of("parent_id"), refused.fieldErrors().stream().map(InvalidRequestException.FieldError::name).toList());
    assertEquals(top.placement().listId(),
        Placement.under(top, id, Optional.of(top.placement().listId())).listId());
  }
}
