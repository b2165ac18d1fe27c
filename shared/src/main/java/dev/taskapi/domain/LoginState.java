package dev.taskapi.domain;

import java.util.Optional;

/** What a login needs to know about an email address: its account, if any, and its failed logins, if any. */
public record LoginState(Optional<User> user, Optional<FailedLogins> failures) {}
