package dev.taskapi.api;

/** The answer of {@code POST /tasks}: {@code {message, task}}. */
public record TaskCreatedResponse(String message, TaskView task) {}
