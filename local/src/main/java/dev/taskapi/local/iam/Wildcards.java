package dev.taskapi.local.iam;

import java.util.Locale;

/**
 * IAM's wildcard matching: {@code *} matches any run of characters (also none, also across ARN segments) and
 * {@code ?} any one character. Action names match case-insensitively, resource ARNs and StringLike values
 * case-sensitively (IAM User Guide, "IAM JSON policy elements: Action", "IAM JSON policy elements: Resource",
 * "Condition operators: String condition operators").
 */
final class Wildcards {
  private Wildcards() {}

  static boolean matches(String pattern, String value, boolean ignoreCase) {
    String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
    String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
    // Iterative glob match with backtracking to the last '*': linear in practice, no regex compilation.
    int pi = 0;
    int vi = 0;
    int star = -1;
    int resume = 0;
    while (vi < v.length()) {
      // A '*' in the pattern is always the wildcard, also where the value has a literal '*' at that place.
      if (pi < p.length() && p.charAt(pi) == '*') {
        star = pi++;
        resume = vi;
      } else if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == v.charAt(vi))) {
        pi++;
        vi++;
      } else if (star >= 0) {
        pi = star + 1;
        vi = ++resume;
      } else {
        return false;
      }
    }
    while (pi < p.length() && p.charAt(pi) == '*') {
      pi++;
    }
    return pi == p.length();
  }
}
