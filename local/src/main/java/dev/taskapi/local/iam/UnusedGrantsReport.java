package dev.taskapi.local.iam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Least privilege, measured from the other side: per function, the grants of template.yaml that allowed no call
 * while the usage file was recorded. Those are candidates for removal, or grants that only an untested path needs.
 */
public final class UnusedGrantsReport {
  private UnusedGrantsReport() {}

  public static String render(FunctionPolicies policies, Set<Grant> used) {
    Map<String, List<Grant>> unused = new LinkedHashMap<>();
    Map<String, Integer> totals = new LinkedHashMap<>();
    for (Grant grant : policies.allGrants()) {
      totals.merge(grant.function(), 1, Integer::sum);
      if (!used.contains(grant)) {
        unused.computeIfAbsent(grant.function(), f -> new ArrayList<>()).add(grant);
      }
    }
    StringBuilder out = new StringBuilder();
    int unusedCount = unused.values().stream().mapToInt(List::size).sum();
    int total = totals.values().stream().mapToInt(Integer::intValue).sum();
    out.append("IAM grants no test used: ").append(unusedCount).append(" of ").append(total).append('\n');
    for (String function : policies.functions()) {
      int functionTotal = totals.getOrDefault(function, 0);
      List<Grant> functionUnused = unused.getOrDefault(function, List.of());
      if (functionTotal == 0) {
        out.append("  ").append(function).append(": no grants\n");
      } else if (functionUnused.isEmpty()) {
        out.append("  ").append(function).append(": all ").append(functionTotal).append(" used\n");
      } else {
        out.append("  ").append(function).append(": ").append(functionUnused.size()).append(" of ")
            .append(functionTotal).append(" unused\n");
        functionUnused.forEach(grant -> out.append("    ").append(grant).append('\n'));
      }
    }
    return out.toString();
  }
}
