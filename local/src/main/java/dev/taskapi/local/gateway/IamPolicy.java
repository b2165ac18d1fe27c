package dev.taskapi.local.gateway;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Evaluates an authorizer's policy document for {@code execute-api:Invoke} on a method ARN, with IAM's
 * rules: an explicit Deny wins over any Allow, and no matching Allow denies.
 */
final class IamPolicy {
  private static final String INVOKE = "execute-api:Invoke";

  enum Decision {
    ALLOW,
    EXPLICIT_DENY,
    IMPLICIT_DENY
  }

  private IamPolicy() {}

  /**
   * @throws IllegalArgumentException when the document is not a policy (API Gateway then fails the request)
   */
  static Decision evaluate(Object policyDocument, String methodArn) {
    if (!(policyDocument instanceof Map<?, ?> document) || document.get("Statement") == null) {
      throw new IllegalArgumentException("policyDocument has no Statement");
    }
    boolean allowed = false;
    for (Object item : asList(document.get("Statement"))) {
      if (!(item instanceof Map<?, ?> statement)) {
        throw new IllegalArgumentException("Statement entry is not an object: " + item);
      }
      Object effect = statement.get("Effect");
      boolean applies =
          asList(statement.get("Action")).stream().anyMatch(a -> wildcardMatch(String.valueOf(a), INVOKE, true))
              && asList(statement.get("Resource")).stream()
                  .anyMatch(r -> wildcardMatch(String.valueOf(r), methodArn, false));
      if (!applies) {
        continue;
      }
      if ("Deny".equals(effect)) {
        return Decision.EXPLICIT_DENY;
      }
      if ("Allow".equals(effect)) {
        allowed = true;
      } else {
        throw new IllegalArgumentException("Statement Effect must be Allow or Deny: " + effect);
      }
    }
    return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
  }

  /** IAM's wildcards: {@code *} is any run of characters, {@code ?} any one character. */
  static boolean wildcardMatch(String pattern, String value, boolean ignoreCase) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '*' || c == '?') {
        regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
        literal.setLength(0);
      } else {
        literal.append(c);
      }
    }
    regex.append(Pattern.quote(literal.toString()));
    int flags = ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
    return Pattern.compile(regex.toString(), flags | Pattern.DOTALL).matcher(value).matches();
  }

  private static List<?> asList(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return list;
    }
    if (value instanceof Object[] array) {
      return List.of(array);
    }
    return List.of(value);
  }

}
