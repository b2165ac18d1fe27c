package dev.taskapi.local.iam;

import dev.taskapi.local.aws.FakeAws;
import dev.taskapi.local.template.FunctionDef;
import dev.taskapi.local.template.RoleDef;
import dev.taskapi.local.template.SamTemplate;
import dev.taskapi.local.template.TemplateException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every principal's IAM statements: each function's, and those of each role of the template that a local service
 * assumes (EventBridge Scheduler's execution roles, {@link #ROLE_ASSUMED_BY}), keyed by the role's logical id. A
 * function's are read from its {@code Policies} as SAM turns them into the execution role's
 * inline policies: a document with {@code Statement}, or a one-key map naming a SAM policy template with its
 * parameters (SAM docs, AWS::Serverless::Function, "Policies"). Anything the engine cannot evaluate exactly
 * (managed policy names, NotAction, NotResource, unknown templates or condition operators) fails at load.
 */
public final class FunctionPolicies {
  /** The service whose roles the local stack assumes: EventBridge Scheduler's execution roles. */
  public static final String ROLE_ASSUMED_BY = "scheduler.amazonaws.com";
  private static final Set<String> STATEMENT_KEYS = Set.of("Sid", "Effect", "Action", "Resource", "Condition");

  private final Map<String, List<Statement>> byFunction;
  private final Map<String, String> roleSessionArns;

  private FunctionPolicies(Map<String, List<Statement>> byFunction, Map<String, String> roleSessionArns) {
    this.byFunction = Collections.unmodifiableMap(new TreeMap<>(byFunction)); // by name, for a stable report
    this.roleSessionArns = Map.copyOf(roleSessionArns);
  }

  public static FunctionPolicies of(SamTemplate template) {
    Map<String, List<Statement>> byFunction = new LinkedHashMap<>();
    for (FunctionDef function : template.functions().values()) {
      List<Statement> statements = new ArrayList<>(statements(function, template.region()));
      statements.addAll(
          EventSourcePolicies.managedStatements(function, template.sqs().eventSourcesOf(function.logicalId())));
      byFunction.put(function.logicalId(), List.copyOf(statements));
    }
    Map<String, String> roleSessionArns = new LinkedHashMap<>();
    for (RoleDef role : assumedRoles(template)) {
      byFunction.put(role.logicalId(), roleStatements(role));
      roleSessionArns.put(role.logicalId(), roleSessionArn(role));
    }
    return new FunctionPolicies(byFunction, roleSessionArns);
  }

  /** Policies given directly, for tests of the endpoints that evaluate them. */
  public static FunctionPolicies of(Map<String, List<Statement>> byFunction) {
    return new FunctionPolicies(byFunction, Map.of());
  }

  /** The template's roles that the local stack assumes: those that trust {@link #ROLE_ASSUMED_BY}. */
  public static List<RoleDef> assumedRoles(SamTemplate template) {
    return template.roles().stream().filter(role -> role.trusts(ROLE_ASSUMED_BY)).toList();
  }

  /**
   * The principal AWS names in an AccessDeniedException: a function's execution role session, or the session of a
   * role a service assumed ({@code assumed-role/<role name>/<session>}; EventBridge Scheduler's session name is not
   * documented, the local one is {@code scheduler}).
   */
  public String sessionArn(String principal) {
    return roleSessionArns.getOrDefault(principal, Principals.sessionArn(principal));
  }

  private static String roleSessionArn(RoleDef role) {
    return "arn:aws:sts::%s:assumed-role/%s/scheduler".formatted(FakeAws.ACCOUNT_ID, role.roleName());
  }

  /** A role's inline policies: {@code Policies[i]}, each {@code {PolicyName, PolicyDocument: {Statement}}}. */
  private static List<Statement> roleStatements(RoleDef role) {
    List<Statement> statements = new ArrayList<>();
    for (int i = 0; i < role.policies().size(); i++) {
      Map<?, ?> policy = (Map<?, ?>) role.policies().get(i);
      String source = "Policies[" + i + "] " + policy.get("PolicyName");
      List<?> documentStatements = asList(((Map<?, ?>) policy.get("PolicyDocument")).get("Statement"));
      for (int j = 0; j < documentStatements.size(); j++) {
        statements.add(statement(role.logicalId(), source + ".Statement[" + j + "]", documentStatements.get(j)));
      }
    }
    return List.copyOf(statements);
  }

  /** The function's statements; none for a function without Policies (it may call nothing). */
  public List<Statement> statements(String function) {
    List<Statement> statements = byFunction.get(function);
    if (statements == null) {
      throw new TemplateException("No function " + function + " in the template");
    }
    return statements;
  }

  /**
   * Every Allow grant the template gives a function, one per (statement, action pattern, resource pattern). Not
   * those of the AWS managed policies SAM attaches for event sources ({@link EventSourcePolicies}): they come whole
   * (AWSLambdaDynamoDBExecutionRole's {@code dynamodb:ListStreams}, which Lambda's poller does not need, included),
   * so they are not the template's to trim, and the unused-grants report is about what the template can.
   */
  public List<Grant> allGrants() {
    List<Grant> grants = new ArrayList<>();
    byFunction.forEach((function, statements) -> statements.stream()
        .filter(s -> s.effect() == Statement.Effect.ALLOW && !EventSourcePolicies.isManaged(s))
        .forEach(s -> s.actions().forEach(action -> s.resources().forEach(resource ->
            grants.add(new Grant(function, s.source(), action, resource))))));
    return grants;
  }

  public Set<String> functions() {
    return byFunction.keySet();
  }

  private static List<Statement> statements(FunctionDef function, String region) {
    List<Statement> statements = new ArrayList<>();
    List<Object> policies = function.policies();
    for (int i = 0; i < policies.size(); i++) {
      String source = "Policies[" + i + "]";
      Object policy = policies.get(i);
      if (!(policy instanceof Map<?, ?> map)) {
        throw new TemplateException(function.logicalId() + " " + source + " is a managed policy (" + policy
            + "); the local IAM engine evaluates only inline statements and SAM policy templates");
      }
      if (map.containsKey("Statement")) {
        List<?> documentStatements = asList(map.get("Statement"));
        for (int j = 0; j < documentStatements.size(); j++) {
          statements.add(statement(function.logicalId(), source + ".Statement[" + j + "]", documentStatements.get(j)));
        }
      } else if (map.size() == 1) {
        String name = String.valueOf(map.keySet().iterator().next());
        statements.addAll(SamPolicyTemplates.expand(name, map.get(name), source + " " + name, region));
      } else {
        throw new TemplateException(function.logicalId() + " " + source + " is neither a policy document nor a "
            + "SAM policy template: " + map.keySet());
      }
    }
    return List.copyOf(statements);
  }

  private static Statement statement(String function, String source, Object spec) {
    if (!(spec instanceof Map<?, ?> map)) {
      throw new TemplateException(function + " " + source + " is not a statement");
    }
    for (Object key : map.keySet()) {
      if (!STATEMENT_KEYS.contains(String.valueOf(key))) {
        throw new TemplateException(function + " " + source + " uses " + key
            + ", which the local IAM engine does not evaluate (it knows " + STATEMENT_KEYS + ")");
      }
    }
    Statement.Effect effect = switch (String.valueOf(map.get("Effect"))) {
      case "Allow" -> Statement.Effect.ALLOW;
      case "Deny" -> Statement.Effect.DENY;
      default -> throw new TemplateException(function + " " + source + " has Effect " + map.get("Effect")
          + "; IAM accepts only Allow or Deny");
    };
    List<String> actions = strings(map.get("Action"));
    List<String> resources = strings(map.get("Resource"));
    if (actions.isEmpty() || resources.isEmpty()) {
      throw new TemplateException(function + " " + source + " needs Action and Resource");
    }
    List<Condition> conditions = new ArrayList<>();
    if (map.get("Condition") instanceof Map<?, ?> block) {
      block.forEach((operator, keys) -> {
        if (!(keys instanceof Map<?, ?> keyMap)) {
          throw new TemplateException(function + " " + source + " Condition " + operator + " is not a map of keys");
        }
        keyMap.forEach((key, values) ->
            conditions.add(new Condition(String.valueOf(operator), String.valueOf(key), strings(values))));
      });
    } else if (map.containsKey("Condition")) {
      throw new TemplateException(function + " " + source + " Condition is not a map of operators");
    }
    return new Statement(source, effect, actions, resources, conditions);
  }

  private static List<?> asList(Object value) {
    return value instanceof List<?> list ? list : List.of(value);
  }

  private static List<String> strings(Object value) {
    if (value == null) {
      return List.of();
    }
    return asList(value).stream().map(String::valueOf).toList();
  }
}
