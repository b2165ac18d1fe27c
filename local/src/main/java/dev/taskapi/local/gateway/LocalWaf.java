package dev.taskapi.local.gateway;

import dev.taskapi.local.template.WebAclDef;
import dev.taskapi.local.template.WebAclDef.RateRule;
import dev.taskapi.local.template.WebAclDef.UriPathRegex;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stage's AWS WAF web ACL, applied before API Gateway handles a request: its rate-based rules in priority
 * order, each counting the requests in its scope per client IP over its evaluation window and blocking an IP over
 * its limit ("Rate-based rule high-level settings", AWS WAF Developer Guide). A block ends the evaluation, so a
 * blocked request is not counted by the rules after it.
 *
 * <p>Exact where AWS WAF estimates: the window slides per request and the limit is applied at the request that
 * breaks it, where AWS WAF applies it near the limit after a delay, usually under 30 seconds ("Rate-based rule
 * caveats"). A request the rule blocks is counted too, so a client that keeps sending stays blocked.
 */
final class LocalWaf {
  private final List<RateRule> rules;
  private final Clock clock;
  private final Map<String, Deque<Long>> requestTimes = new ConcurrentHashMap<>();

  LocalWaf(Optional<WebAclDef> webAcl, Clock clock) {
    this.rules = webAcl.map(WebAclDef::rules).orElse(List.of());
    this.clock = clock;
  }

  /** Whether a rule blocks the request; it is counted by every rule that inspects it. */
  boolean blocks(IncomingRequest request) {
    long now = clock.millis();
    for (RateRule rule : rules) {
      boolean inScope = rule.scopeDown().map(scope -> matches(scope, request.rawPath())).orElse(true);
      if (inScope && overLimitAfterCounting(rule, request.sourceIp(), now)) {
        return true;
      }
    }
    return false;
  }

  private boolean overLimitAfterCounting(RateRule rule, String clientIp, long now) {
    Deque<Long> times = requestTimes.computeIfAbsent(rule.name() + " " + clientIp, key -> new ArrayDeque<>());
    synchronized (times) {
      long windowStart = now - rule.windowSeconds() * 1000L;
      while (!times.isEmpty() && times.peekFirst() <= windowStart) {
        times.pollFirst();
      }
      times.addLast(now);
      return times.size() > rule.limit();
    }
  }

  private static boolean matches(UriPathRegex scope, String rawPath) {
    return scope.regex().matcher(scope.urlDecode() ? urlDecoded(rawPath) : rawPath).find();
  }

  /** WAF's URL_DECODE: percent-escapes decoded; a "+" stays a "+" in a path; a broken escape leaves the text as is. */
  private static String urlDecoded(String path) {
    try {
      return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return path;
    }
  }
}
