package dev.taskapi.http;

import dev.taskapi.api.EntityTags;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strong entity tags from a resource's version number ({@code "3"}), and the {@code If-Match} precondition read
 * back from them. Only the forms this API issues are accepted: one strong tag, or {@code *}; anything else
 * cannot have come from us and is a 400 rather than a silent 412.
 */
public final class EntityTag {
  public static final String IF_MATCH = "If-Match";
  public static final String ETAG = "ETag";

  /** Why a precondition was refused, the same for the header and a batch operation's {@code if_match}. */
  public static final String REASON = "must be one strong entity tag such as \"3\", or *";

  private static final Pattern STRONG = Pattern.compile("^\"([0-9]{1,18})\"$");

  private EntityTag() {}

  public static String of(long version) {
    return EntityTags.of(version);
  }

  /**
   * The version an {@code If-Match} header requires, or empty when there is no condition on the version (no
   * header, or {@code *}, which only requires the resource to exist).
   */
  public static Optional<Long> requiredVersion(ApiRequest request) {
    return request.header(IF_MATCH).flatMap(value -> requiredVersion(value, IF_MATCH));
  }

  /**
   * The version the precondition {@code value} requires (empty for {@code *}), read as {@link #requiredVersion};
   * {@code name} is where it came from (the header, or a batch operation's {@code if_match}), for the 400.
   */
  public static Optional<Long> requiredVersion(String value, String name) {
    String condition = value.trim();
    if (condition.equals("*")) {
      return Optional.empty();
    }
    Matcher matcher = STRONG.matcher(condition);
    if (!matcher.matches()) {
      throw new InvalidRequestException(
          "If-Match must be one entity tag this API returned in an ETag header, or *.",
          List.of(new FieldError(name, REASON)));
    }
    return Optional.of(Long.parseLong(matcher.group(1)));
  }
}
