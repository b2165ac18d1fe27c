package dev.taskapi.http;

import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The optional {@code Idempotency-Key} request header: 1 to 255 visible ASCII characters (a UUID is typical). */
public final class IdempotencyKey {
  public static final String HEADER = "Idempotency-Key";
  /** Answered on a response that repeats an earlier one rather than doing the work again. */
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";

  private static final Pattern SYNTAX = Pattern.compile("^[\\x21-\\x7E]{1,255}$");

  private IdempotencyKey() {}

  public static Optional<String> of(ApiRequest request) {
    Optional<String> key = request.header(HEADER);
    if (key.isPresent() && !SYNTAX.matcher(key.get()).matches()) {
      throw new InvalidRequestException(
          "Idempotency-Key must be 1 to 255 visible ASCII characters.",
          List.of(new FieldError(HEADER, "must be 1 to 255 visible ASCII characters, such as a UUID")));
    }
    return key;
  }
}
