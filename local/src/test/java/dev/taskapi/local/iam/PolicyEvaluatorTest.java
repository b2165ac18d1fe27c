package dev.taskapi.local.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.taskapi.local.template.TemplateException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The evaluation rules of the IAM User Guide, each with the page that states it: "Policy evaluation logic"
 * (explicit Deny wins, default deny), "IAM JSON policy elements: Action" (wildcards, case-insensitive action
 * names), "IAM JSON policy elements: Resource" (ARN wildcards, case-sensitive), "Condition operators" and
 * "Set operators for multivalued context keys" (ForAllValues/ForAnyValue, missing keys).
 */
class PolicyEvaluatorTest {
  private static final String TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/TasksTable";
  private static final String INDEX = TABLE + "/index/by-completed";

  private static Statement allow(List<String> actions, List<String> resources, Condition... conditions) {
    return new Statement("Policies[0].Statement[0]", Statement.Effect.ALLOW, actions, resources, List.of(conditions));
  }

  private static Decision evaluate(List<Statement> statements, String action, String resource, RequestContext context) {
    return PolicyEvaluator.evaluate("Fn", statements, action, resource, context);
  }

  private static Decision evaluate(List<Statement> statements, String action, String resource) {
    return evaluate(statements, action, resource, RequestContext.empty());
  }

  @Test
  void nothingIsAllowedUnlessAStatementAllowsIt() {
    assertInstanceOf(Decision.ImplicitlyDenied.class, evaluate(List.of(), "dynamodb:GetItem", TABLE));
    assertInstanceOf(Decision.ImplicitlyDenied.class,
        evaluate(List.of(allow(List.of("dynamodb:PutItem"), List.of(TABLE))), "dynamodb:GetItem", TABLE));
  }

  @Test
  void actionNamesMatchWithWildcardsInAnyLetterCase() {
    List<Statement> wildcard = List.of(allow(List.of("dynamodb:Get*"), List.of(TABLE)));
    assertInstanceOf(Decision.Allowed.class, evaluate(wildcard, "dynamodb:GetItem", TABLE));
    assertInstanceOf(Decision.ImplicitlyDenied.class, evaluate(wildcard, "dynamodb:PutItem", TABLE));
    assertInstanceOf(Decision.Allowed.class,
        evaluate(List.of(allow(List.of("DynamoDB:getitem"), List.of(TABLE))), "dynamodb:GetItem", TABLE));
    assertInstanceOf(Decision.Allowed.class,
        evaluate(List.of(allow(List.of("dynamodb:*"), List.of(TABLE))), "dynamodb:Query", TABLE));
    assertInstanceOf(Decision.Allowed.class,
        evaluate(List.of(allow(List.of("dynamodb:?etItem"), List.of(TABLE))), "dynamodb:GetItem", TABLE));
  }

  @Test
  void aTableGrantDoesNotCoverItsIndexesButAWildcardDoes() {
    assertInstanceOf(Decision.ImplicitlyDenied.class,
        evaluate(List.of(allow(List.of("dynamodb:Query"), List.of(TABLE))), "dynamodb:Query", INDEX));
    assertInstanceOf(Decision.Allowed.class,
        evaluate(List.of(allow(List.of("dynamodb:Query"), List.of(TABLE + "/index/*"))), "dynamodb:Query", INDEX));
    assertInstanceOf(Decision.Allowed.class,
        evaluate(List.of(allow(List.of("dynamodb:Query"), List.of("*"))), "dynamodb:Query", INDEX));
    // Resource ARNs are case-sensitive.
    assertInstanceOf(Decision.ImplicitlyDenied.class,
        evaluate(List.of(allow(List.of("dynamodb:Query"), List.of(TABLE.toLowerCase()))), "dynamodb:Query", TABLE));
  }

  @Test
  void anExplicitDenyWinsOverAnyAllow() {
    Statement deny = new Statement("Policies[1].Statement[0]", Statement.Effect.DENY, List.of("dynamodb:Delete*"),
        List.of(TABLE), List.of());
    Decision decision =
        evaluate(List.of(allow(List.of("dynamodb:*"), List.of("*")), deny), "dynamodb:DeleteItem", TABLE);
    assertEquals(deny, assertInstanceOf(Decision.ExplicitlyDenied.class, decision).statement());
  }

  @Test
  void anAllowNamesEveryGrantThatAllowedIt() {
    List<Statement> statements = List.of(allow(List.of("dynamodb:GetItem", "dynamodb:Get*"), List.of(TABLE, "*")));
    Decision.Allowed allowed =
        assertInstanceOf(Decision.Allowed.class, evaluate(statements, "dynamodb:GetItem", TABLE));
    assertEquals(4, allowed.grants().size());
    assertEquals(new Grant("Fn", "Policies[0].Statement[0]", "dynamodb:GetItem", TABLE), allowed.grants().getFirst());
  }

  @Test
  void forAllValuesStringLikeHoldsWhenEveryLeadingKeyMatchesAndWhenThereIsNone() {
    Condition loginOnly = new Condition("ForAllValues:StringLike", "dynamodb:LeadingKeys", List.of("LOGIN#*"));
    List<Statement> statements = List.of(allow(List.of("dynamodb:UpdateItem"), List.of(TABLE), loginOnly));

    assertInstanceOf(Decision.Allowed.class, evaluate(statements, "dynamodb:UpdateItem", TABLE,
        RequestContext.leadingKeys(List.of("LOGIN#ada@example.com"))));
    assertInstanceOf(Decision.ImplicitlyDenied.class, evaluate(statements, "dynamodb:UpdateItem", TABLE,
        RequestContext.leadingKeys(List.of("LOGIN#ada@example.com", "EMAIL#ada@example.com"))));
    // "ForAllValues ... returns true if there are no context keys in the request" (the IAM guide's warning).
    assertInstanceOf(Decision.Allowed.class, evaluate(statements, "dynamodb:UpdateItem", TABLE));
    // Condition keys are case-insensitive.
    Condition upper = new Condition("ForAllValues:StringLike", "DynamoDB:LEADINGKEYS", List.of("LOGIN#*"));
    assertInstanceOf(Decision.ImplicitlyDenied.class,
        evaluate(List.of(allow(List.of("dynamodb:UpdateItem"), List.of(TABLE), upper)), "dynamodb:UpdateItem", TABLE,
            RequestContext.leadingKeys(List.of("USER#1"))));
  }

  @Test
  void aWildcardMatchesValuesThatContainWildcardCharactersThemselves() {
    // Found by FuzzTest: a login email starting with '*' made "LOGIN#*" stop matching its LOGIN# record.
    assertEquals(true, Wildcards.matches("LOGIN#*", "LOGIN#*a?b*", false));
    assertEquals(true, Wildcards.matches("a*c", "a*b*c", false));
    assertEquals(true, Wildcards.matches("*", "", false));
    assertEquals(false, Wildcards.matches("a?c", "ac", false));
    assertEquals(false, Wildcards.matches("LOGIN#*", "EMAIL#LOGIN#x", false));
  }

  @Test
  void forAnyValueAndPlainOperatorsAreFalseForAMissingKeyExceptNegatedOnes() {
    assertEquals(false, new Condition("ForAnyValue:StringEquals", "dynamodb:LeadingKeys", List.of("a"))
        .holds(RequestContext.empty()));
    assertEquals(true, new Condition("ForAnyValue:StringEquals", "dynamodb:LeadingKeys", List.of("a"))
        .holds(RequestContext.leadingKeys(List.of("b", "a"))));
    assertEquals(false, new Condition("StringEquals", "dynamodb:LeadingKeys", List.of("a"))
        .holds(RequestContext.empty()));
    assertEquals(true, new Condition("StringNotEquals", "dynamodb:LeadingKeys", List.of("a"))
        .holds(RequestContext.empty()));
    assertEquals(false, new Condition("StringNotLike", "dynamodb:LeadingKeys", List.of("a*"))
        .holds(RequestContext.leadingKeys(List.of("abc"))));
    assertEquals(true, new Condition("StringEqualsIgnoreCase", "dynamodb:LeadingKeys", List.of("ABC"))
        .holds(RequestContext.leadingKeys(List.of("abc"))));
  }

  @Test
  void anOperatorTheEngineDoesNotImplementFailsInsteadOfAllowing() {
    assertThrows(TemplateException.class,
        () -> new Condition("NumericLessThan", "dynamodb:LeadingKeys", List.of("1")));
    assertThrows(TemplateException.class,
        () -> new Condition("ForAllValues:StringLikeIfExists", "dynamodb:LeadingKeys", List.of("a")));
  }
}
