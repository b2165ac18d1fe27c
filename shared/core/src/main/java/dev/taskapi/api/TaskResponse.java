package dev.taskapi.api;

/** The answer of {@code GET /tasks/{task_id}}: {@code {task}}. */
public record TaskResponse(TaskView task) {}
