package dev.taskapi.api;

/** The answer of {@code GET /auth/me}: {@code {user:{id, username, email}}}. */
public record AccountResponse(UserView user) {}
