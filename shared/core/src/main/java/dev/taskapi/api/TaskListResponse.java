package dev.taskapi.api;

import java.util.List;

/** The answer of {@code GET /tasks}: {@code {tasks, next_cursor}}, where next_cursor is null on the last page. */
public record TaskListResponse(List<TaskView> tasks, String nextCursor) {}
