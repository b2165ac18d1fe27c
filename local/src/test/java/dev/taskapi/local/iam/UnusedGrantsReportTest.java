package dev.taskapi.local.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The least-privilege report: what allowed a call is recorded, and every other grant is listed as unused. */
class UnusedGrantsReportTest {
  private static final String TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/T";

  @TempDir Path dir;

  @Test
  void aGrantThatAllowedNoRecordedCallIsListedUnderItsFunction() {
    FunctionPolicies policies = FunctionPolicies.of(Map.of(
        "Reader", List.of(new Statement("Policies[0].Statement[0]", Statement.Effect.ALLOW,
            List.of("dynamodb:GetItem", "dynamodb:Query"), List.of(TABLE), List.of())),
        "Static", List.of()));
    Path usage = dir.resolve("usage.tsv");
    IamAuthorizer authorizer = new IamAuthorizer(policies, GrantUsage.to(usage));

    authorizer.authorize("Reader", List.of(new IamAuthorizer.Request("dynamodb:GetItem", TABLE, RequestContext.empty())));
    authorizer.authorize("Reader", List.of(new IamAuthorizer.Request("dynamodb:GetItem", TABLE, RequestContext.empty())));

    assertEquals(List.of(new Grant("Reader", "Policies[0].Statement[0]", "dynamodb:GetItem", TABLE)),
        List.copyOf(GrantUsage.read(usage)), "recorded once");
    assertEquals("""
        IAM grants no test used: 1 of 2
          Reader: 1 of 2 unused
            dynamodb:Query on %s (Policies[0].Statement[0])
          Static: no grants
        """.formatted(TABLE), UnusedGrantsReport.render(policies, GrantUsage.read(usage)));
  }
}
