package dev.taskapi.local.template;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The AWS WAF web ACL associated with the API's stage, as far as the local gateway applies it: an Allow default and
 * rate-based rules that block, in priority order.
 *
 * @param rules by ascending Priority, the order AWS WAF evaluates them in
 */
public record WebAclDef(String logicalId, List<RateRule> rules) {

  public WebAclDef {
    rules = List.copyOf(rules);
  }

  /**
   * One {@code RateBasedStatement} rule with the {@code Block} action, aggregated by the client's IP.
   *
   * @param limit requests one IP may send within the window; the next ones are blocked
   * @param windowSeconds {@code EvaluationWindowSec} (300 when the template leaves it out, as AWS WAF does)
   * @param scopeDown the requests the rule counts; absent: every request
   */
  public record RateRule(String name, int priority, long limit, int windowSeconds, Optional<UriPathRegex> scopeDown) {}

  /**
   * A {@code RegexMatchStatement} on {@code UriPath}: the regex is searched for in the path (AWS WAF matches a
   * regex anywhere in the component unless it is anchored), after the text transformations.
   *
   * @param urlDecode whether a {@code URL_DECODE} transformation decodes the path first
   */
  public record UriPathRegex(Pattern regex, boolean urlDecode) {}
}
