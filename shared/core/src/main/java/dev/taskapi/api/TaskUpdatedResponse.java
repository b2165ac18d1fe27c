package dev.taskapi.api;

/** The answer of {@code PATCH /tasks/{task_id}}: {@code {message, task}}. */
public record TaskUpdatedResponse(String message, TaskView task) {}
