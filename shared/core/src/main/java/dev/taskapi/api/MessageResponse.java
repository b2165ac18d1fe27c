package dev.taskapi.api;

/** A body that is only a message, such as the answer of {@code DELETE /tasks/{task_id}}. */
public record MessageResponse(String message) {}
