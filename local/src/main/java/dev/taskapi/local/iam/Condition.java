package dev.taskapi.local.iam;

import dev.taskapi.local.template.TemplateException;
import java.util.List;
import java.util.Optional;

/**
 * One condition of a statement: an operator, a key and the values it allows, e.g.
 * {@code ForAllValues:StringLike dynamodb:LeadingKeys ["LOGIN#*"]}.
 *
 * <p>Semantics from the IAM User Guide ("Condition operators"; "Set operators for multivalued context keys";
 * "Creating a condition with multiple keys or values"):
 *
 * <ul>
 *   <li>several values for one key: the key matches if any of them matches (OR);
 *   <li>{@code ForAllValues:}: true when every value in the request matches some policy value, and also when
 *       the key is missing from the request or has no values;
 *   <li>{@code ForAnyValue:}: true when at least one request value matches; false when the key is missing;
 *   <li>no set operator: false when the key is missing, except for the negated operators, which are then true;
 *       with several request values it behaves like {@code ForAnyValue:} (resp. {@code ForAllValues:} for
 *       the negated operators), as the IAM guide warns against relying on either.
 * </ul>
 *
 * Only the operators below are implemented; any other is refused when the template is loaded, so an
 * unsupported condition can never silently allow.
 */
public record Condition(String operator, String key, List<String> values) {
  private enum SetOperator {
    NONE,
    FOR_ALL_VALUES,
    FOR_ANY_VALUE
  }

  private enum Match {
    STRING_EQUALS(false, false),
    STRING_NOT_EQUALS(false, true),
    STRING_EQUALS_IGNORE_CASE(true, false),
    STRING_NOT_EQUALS_IGNORE_CASE(true, true),
    STRING_LIKE(false, false),
    STRING_NOT_LIKE(false, true);

    private final boolean ignoreCase;
    private final boolean negated;

    Match(boolean ignoreCase, boolean negated) {
      this.ignoreCase = ignoreCase;
      this.negated = negated;
    }

    static Optional<Match> named(String name) {
      return switch (name) {
        case "StringEquals" -> Optional.of(STRING_EQUALS);
        case "StringNotEquals" -> Optional.of(STRING_NOT_EQUALS);
        case "StringEqualsIgnoreCase" -> Optional.of(STRING_EQUALS_IGNORE_CASE);
        case "StringNotEqualsIgnoreCase" -> Optional.of(STRING_NOT_EQUALS_IGNORE_CASE);
        case "StringLike" -> Optional.of(STRING_LIKE);
        case "StringNotLike" -> Optional.of(STRING_NOT_LIKE);
        default -> Optional.empty();
      };
    }

    /** Whether one request value matches one of the policy values, before negation. */
    boolean positive(String requestValue, List<String> policyValues) {
      boolean like = this == STRING_LIKE || this == STRING_NOT_LIKE;
      return policyValues.stream().anyMatch(policyValue -> like
          ? Wildcards.matches(policyValue, requestValue, false)
          : ignoreCase ? policyValue.equalsIgnoreCase(requestValue) : policyValue.equals(requestValue));
    }
  }

  public Condition {
    values = List.copyOf(values);
    parse(operator); // fails loudly on an operator this engine does not implement
  }

  boolean holds(RequestContext context) {
    Parsed parsed = parse(operator);
    Optional<List<String>> present = context.values(key).filter(v -> !v.isEmpty());
    return switch (parsed.set()) {
      case FOR_ALL_VALUES -> present.map(requestValues -> requestValues.stream()
          .allMatch(value -> parsed.match().positive(value, values) != parsed.match().negated)).orElse(true);
      case FOR_ANY_VALUE -> present.map(requestValues -> requestValues.stream()
          .anyMatch(value -> parsed.match().positive(value, values) != parsed.match().negated)).orElse(false);
      case NONE -> present.map(requestValues -> parsed.match().negated
              ? requestValues.stream().noneMatch(value -> parsed.match().positive(value, values))
              : requestValues.stream().anyMatch(value -> parsed.match().positive(value, values)))
          .orElse(parsed.match().negated);
    };
  }

  private record Parsed(SetOperator set, Match match) {}

  private static Parsed parse(String operator) {
    SetOperator set = SetOperator.NONE;
    String name = operator;
    if (operator.regionMatches(true, 0, "ForAllValues:", 0, 13)) {
      set = SetOperator.FOR_ALL_VALUES;
      name = operator.substring(13);
    } else if (operator.regionMatches(true, 0, "ForAnyValue:", 0, 12)) {
      set = SetOperator.FOR_ANY_VALUE;
      name = operator.substring(12);
    }
    SetOperator chosen = set;
    return Match.named(name).map(match -> new Parsed(chosen, match)).orElseThrow(() ->
        new TemplateException("Condition operator " + operator + " is not implemented by the local IAM "
            + "engine (it implements String[Not]Equals[IgnoreCase] and String[Not]Like, optionally with "
            + "ForAllValues:/ForAnyValue:); refusing to guess how AWS would evaluate it"));
  }
}
