package dev.taskapi.local.template;

import static dev.taskapi.local.template.Intrinsics.asMap;

import dev.taskapi.local.aws.FakeAws;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads a SAM template into a {@link SamTemplate}, resolving parameters and intrinsics on the way. */
public final class TemplateLoader {
  private static final String FUNCTION = "AWS::Serverless::Function";
  private static final String API = "AWS::Serverless::Api";
  private static final String TABLE = "AWS::DynamoDB::Table";
  private static final String SECRET = "AWS::SecretsManager::Secret";
  private static final String WEB_ACL = "AWS::WAFv2::WebACL";
  private static final String WEB_ACL_ASSOCIATION = "AWS::WAFv2::WebACLAssociation";
  private static final String CUSTOM_RESOURCE = "AWS::CloudFormation::CustomResource";
  // AWS::CloudFormation::CustomResource ServiceTimeout: "The default value is 3600 seconds (1 hour)".
  private static final int DEFAULT_SERVICE_TIMEOUT = 3600;
  // AWS::WAFv2::WebACL RateBasedStatement: the windows AWS WAF allows, 300 s when none is given, and the lowest limit.
  private static final List<Integer> WAF_WINDOWS = List.of(60, 120, 300, 600);
  private static final int WAF_DEFAULT_WINDOW = 300;
  private static final long WAF_MIN_LIMIT = 10;
  // What SAM names the API it creates for Api events that name no RestApiId, and that API's stage.
  private static final String IMPLICIT_API = "ServerlessRestApi";
  private static final String IMPLICIT_STAGE = "Prod";
  private static final String STACK_NAME = "taskapi-local";

  private final Map<String, Object> root;
  private final Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
  private final Intrinsics intrinsics;
  private final String region;
  // CodeUri is relative to the template's directory, as for `sam build` and `sam deploy`.
  private final Path baseDir;

  private TemplateLoader(Map<String, Object> root, Map<String, String> parameterOverrides, String region,
      String stackName, Path baseDir, Map<String, String> streamLabels) {
    this.root = root;
    this.region = region;
    this.baseDir = baseDir.toAbsolutePath().normalize();
    for (Map.Entry<?, ?> entry : asMap(root.get("Resources")).entrySet()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> resource = (Map<String, Object>) asMap(entry.getValue());
      resources.put(String.valueOf(entry.getKey()), resource);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> conditions = (Map<String, Object>) asMap(root.get("Conditions"));
    this.intrinsics = new Intrinsics(parameterValues(parameterOverrides), resources, conditions, region, stackName,
        streamLabels);
  }

  public static SamTemplate load(Path template, Map<String, String> parameterOverrides, String region) {
    return load(template, parameterOverrides, region, Map.of());
  }

  private static String read(Path template) {
    try {
      return Files.readString(template);
    } catch (IOException e) {
      throw new TemplateException("Cannot read the template " + template.toAbsolutePath() + ": " + e, e);
    }
  }

  /**
   * As {@link #load(Path, Map, String)}, with the labels of the tables' streams as DynamoDB gave them (table name to
   * LatestStreamLabel), so that {@code !GetAtt Table.StreamArn} is the stream's ARN, as CloudFormation resolves it
   * once the table exists.
   */
  public static SamTemplate load(Path template, Map<String, String> parameterOverrides, String region,
      Map<String, String> streamLabels) {
    return new TemplateLoader(CfnYaml.parse(read(template)), parameterOverrides, region, STACK_NAME,
        template.toAbsolutePath().getParent(), streamLabels).model();
  }

  /** A template given as text: its CodeUris are relative to the working directory. */
  public static SamTemplate parse(String yaml, Map<String, String> parameterOverrides, String region) {
    return new TemplateLoader(CfnYaml.parse(yaml), parameterOverrides, region, STACK_NAME, Path.of(""), Map.of())
        .model();
  }

  /**
   * Values for local runs only: {@code Metadata.TaskApiLocal.ParameterDefaults}, for parameters a deployer must
   * choose (no Default) and for those whose local value is not the deployed default (loopback webhook receivers for
   * the tests). They win over a Default, and an explicit override wins over them. CloudFormation ignores Metadata
   * keys it does not know ("Metadata" in the CloudFormation User Guide's template anatomy: arbitrary objects that
   * provide details about the template).
   */
  private Map<?, ?> localDefaults() {
    return asMap(asMap(asMap(root.get("Metadata")).get("TaskApiLocal")).get("ParameterDefaults"));
  }

  private Map<String, String> parameterValues(Map<String, String> overrides) {
    Map<?, ?> declared = asMap(root.get("Parameters"));
    for (String name : overrides.keySet()) {
      if (!declared.containsKey(name)) {
        throw new TemplateException("--parameter-overrides names " + name + ", which the template does not declare");
      }
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : declared.entrySet()) {
      String name = String.valueOf(entry.getKey());
      Map<?, ?> spec = asMap(entry.getValue());
      String value = overrides.containsKey(name) ? overrides.get(name) : stringOrNull(localDefaults().get(name));
      if (value == null) {
        value = stringOrNull(spec.get("Default"));
      }
      if (value == null) {
        throw new TemplateException("Parameter " + name + " has no Default; pass --parameter-overrides " + name + "=...");
      }
      checkConstraints(name, spec, value);
      values.put(name, value);
    }
    return values;
  }

  // CloudFormation rejects a stack whose parameters break their constraints; so does the local stack.
  private static void checkConstraints(String name, Map<?, ?> spec, String value) {
    Object pattern = spec.get("AllowedPattern");
    if (pattern != null && !Pattern.compile(String.valueOf(pattern)).matcher(value).matches()) {
      throw new TemplateException("Parameter " + name + "=" + value + " does not match " + pattern);
    }
    if (spec.get("AllowedValues") instanceof List<?> allowed
        && allowed.stream().map(Intrinsics::scalarToString).noneMatch(value::equals)) {
      throw new TemplateException("Parameter " + name + "=" + value + " is not one of " + allowed);
    }
    if ("Number".equals(spec.get("Type"))) {
      double number;
      try {
        number = Double.parseDouble(value);
      } catch (NumberFormatException e) {
        throw new TemplateException("Parameter " + name + "=" + value + " is not a number", e);
      }
      if (spec.get("MinValue") != null && number < Double.parseDouble(String.valueOf(spec.get("MinValue")))
          || spec.get("MaxValue") != null && number > Double.parseDouble(String.valueOf(spec.get("MaxValue")))) {
        throw new TemplateException("Parameter " + name + "=" + value + " is out of its MinValue/MaxValue range");
      }
    }
  }

  private SamTemplate model() {
    List<String> apiIds =
        resources.entrySet().stream()
            .filter(e -> API.equals(e.getValue().get("Type")) && included(e.getValue()))
            .map(Map.Entry::getKey)
            .toList();
    if (apiIds.size() > 1) {
      throw new TemplateException("The local stack serves one REST API; the template has " + apiIds);
    }
    // Read before the functions and handed to each: their Api events fall back to its DefaultAuthorizer.
    RestApiDef api = apiIds.isEmpty() ? implicitApi() : api(apiIds.get(0));

    Map<String, FunctionDef> functions = new LinkedHashMap<>();
    List<TableDef> tables = new ArrayList<>();
    List<SecretDef> secrets = new ArrayList<>();
    List<CustomResourceDef> customResources = new ArrayList<>();
    List<QueueDef> queues = new ArrayList<>();
    SqsTemplateReader sqs = new SqsTemplateReader(this::properties, intrinsics::physicalName);
    List<ScheduleGroupDef> scheduleGroups = new ArrayList<>();
    List<RoleDef> roles = new ArrayList<>();
    RoleTemplateReader iam = new RoleTemplateReader(this::properties, intrinsics::physicalName, region);
    for (Map.Entry<String, Map<String, Object>> entry : resources.entrySet()) {
      String logicalId = entry.getKey();
      if (!included(entry.getValue())) {
        continue;
      }
      switch (String.valueOf(entry.getValue().get("Type"))) {
        case FUNCTION -> functions.put(logicalId, function(logicalId, api));
        case TABLE -> tables.add(table(logicalId));
        case SECRET -> secrets.add(secret(logicalId));
        case SqsTemplateReader.QUEUE -> queues.add(sqs.queue(logicalId));
        case RoleTemplateReader.SCHEDULE_GROUP -> scheduleGroups.add(iam.group(logicalId));
        case RoleTemplateReader.ROLE -> roles.add(iam.role(logicalId));
        case String type when type.startsWith("Custom::") || type.equals(CUSTOM_RESOURCE) ->
            customResources.add(customResource(logicalId, type));
        default -> {
          // Log groups, roles, alarms...: nothing runs locally for them.
        }
      }
    }
    boolean anyRoute = functions.values().stream().anyMatch(f -> !f.apiEvents().isEmpty());
    Optional<RestApiDef> served = apiIds.isEmpty() && !anyRoute ? Optional.empty() : Optional.of(api);
    List<SqsEventDef> sqsEvents = functions.keySet().stream().flatMap(id -> sqs.events(id).stream()).toList();
    return new SamTemplate(region, functions, served, tables, secrets, webAcl(), customResources,
        new SqsResources(queues, sqsEvents), scheduleGroups, roles);
  }

  /**
   * The web ACL an included WebACLAssociation attaches. The local stack serves one API, so the association can
   * only be its stage's; its ResourceArn is not resolved (it names the stage by attributes the local stack has no
   * use for).
   */
  private Optional<WebAclDef> webAcl() {
    List<String> attached = resources.entrySet().stream()
        .filter(e -> WEB_ACL_ASSOCIATION.equals(e.getValue().get("Type")) && included(e.getValue()))
        .map(e -> webAclIdOf(e.getKey(), asMap(e.getValue().get("Properties")).get("WebACLArn")))
        .distinct()
        .toList();
    if (attached.size() > 1) {
      throw new TemplateException("The local stack applies one web ACL to its API; the template associates " + attached);
    }
    return attached.stream().findFirst().map(this::webAcl);
  }

  private String webAclIdOf(String association, Object arn) {
    Object getAtt = arn instanceof Map<?, ?> function ? function.get("Fn::GetAtt") : null;
    String target = getAtt instanceof List<?> parts && parts.size() == 2 && "Arn".equals(parts.get(1))
        ? String.valueOf(parts.get(0))
        : getAtt instanceof String dotted && dotted.endsWith(".Arn") ? dotted.substring(0, dotted.length() - 4) : null;
    if (target == null || !resources.containsKey(target) || !WEB_ACL.equals(resources.get(target).get("Type"))
        || !included(resources.get(target))) {
      throw new TemplateException(association + ": WebACLArn must be !GetAtt <a deployed " + WEB_ACL + ">.Arn");
    }
    return target;
  }

  /**
   * What the local gateway can apply exactly: an Allow default and rules that Block (no custom response) on a
   * RateBasedStatement by IP, scoped down, if at all, by a regex on the URI path. Anything else stops the stack,
   * as the IAM engine does with a policy it cannot evaluate.
   */
  private WebAclDef webAcl(String logicalId) {
    Map<?, ?> properties = properties(logicalId);
    if (!asMap(properties.get("DefaultAction")).keySet().equals(java.util.Set.of("Allow"))) {
      throw notEmulated(logicalId, "a DefaultAction other than Allow");
    }
    List<WebAclDef.RateRule> rules = new ArrayList<>();
    for (Object spec : listOf(properties.get("Rules"))) {
      Map<?, ?> rule = asMap(spec);
      String name = stringOrNull(rule.get("Name"));
      if (!asMap(rule.get("Action")).keySet().equals(java.util.Set.of("Block"))
          || !asMap(asMap(rule.get("Action")).get("Block")).isEmpty()) {
        throw notEmulated(logicalId, "rule " + name + ": an action other than Block without a custom response");
      }
      Map<?, ?> statement = asMap(rule.get("Statement"));
      if (!statement.keySet().equals(java.util.Set.of("RateBasedStatement"))) {
        throw notEmulated(logicalId, "rule " + name + ": a statement other than RateBasedStatement");
      }
      rules.add(rateRule(logicalId, name, intOr(rule.get("Priority"), 0), asMap(statement.get("RateBasedStatement"))));
    }
    rules.sort(java.util.Comparator.comparingInt(WebAclDef.RateRule::priority));
    return new WebAclDef(logicalId, rules);
  }

  private WebAclDef.RateRule rateRule(String webAcl, String name, int priority, Map<?, ?> rate) {
    java.util.Set<Object> known = java.util.Set.of("AggregateKeyType", "Limit", "EvaluationWindowSec", "ScopeDownStatement");
    if (!known.containsAll(rate.keySet()) || !"IP".equals(rate.get("AggregateKeyType"))) {
      throw notEmulated(webAcl, "rule " + name + ": a RateBasedStatement other than AggregateKeyType IP with Limit, "
          + "EvaluationWindowSec and ScopeDownStatement");
    }
    long limit = (long) Double.parseDouble(Intrinsics.scalarToString(rate.get("Limit")));
    int window = intOr(rate.get("EvaluationWindowSec"), WAF_DEFAULT_WINDOW);
    if (limit < WAF_MIN_LIMIT || !WAF_WINDOWS.contains(window)) {
      throw new TemplateException(webAcl + " rule " + name + ": AWS WAF needs a Limit of at least " + WAF_MIN_LIMIT
          + " and an EvaluationWindowSec of " + WAF_WINDOWS);
    }
    Optional<WebAclDef.UriPathRegex> scopeDown =
        Optional.ofNullable(rate.get("ScopeDownStatement")).map(spec -> uriPathRegex(webAcl, name, asMap(spec)));
    return new WebAclDef.RateRule(name, priority, limit, window, scopeDown);
  }

  private WebAclDef.UriPathRegex uriPathRegex(String webAcl, String rule, Map<?, ?> statement) {
    Map<?, ?> regex = asMap(statement.get("RegexMatchStatement"));
    boolean uriPathOnly = asMap(regex.get("FieldToMatch")).keySet().equals(java.util.Set.of("UriPath"));
    List<String> transformations = listOf(regex.get("TextTransformations")).stream()
        .sorted(java.util.Comparator.comparingInt(t -> intOr(asMap(t).get("Priority"), 0)))
        .map(t -> String.valueOf(asMap(t).get("Type")))
        .filter(type -> !type.equals("NONE"))
        .toList();
    if (statement.size() != 1 || !uriPathOnly || regex.get("RegexString") == null
        || !List.of("URL_DECODE").containsAll(transformations)) {
      throw notEmulated(webAcl, "rule " + rule + ": a ScopeDownStatement other than a RegexMatchStatement on UriPath "
          + "with URL_DECODE or NONE");
    }
    return new WebAclDef.UriPathRegex(
        Pattern.compile(Intrinsics.scalarToString(regex.get("RegexString"))), !transformations.isEmpty());
  }

  private static TemplateException notEmulated(String webAcl, String what) {
    return new TemplateException(webAcl + " has " + what + ", which the local stack does not emulate");
  }

  private boolean included(Map<String, Object> resource) {
    Object condition = resource.get("Condition");
    return condition == null || intrinsics.condition(String.valueOf(condition));
  }

  private Map<?, ?> properties(String logicalId) {
    return asMap(intrinsics.resolve(resources.get(logicalId).get("Properties")));
  }

  private Map<?, ?> globals(String section) {
    return asMap(intrinsics.resolve(asMap(asMap(root.get("Globals")).get(section))));
  }

  private FunctionDef function(String logicalId, RestApiDef api) {
    Map<?, ?> globals = globals("Function");
    Map<?, ?> own = properties(logicalId);
    Map<String, Object> merged = new LinkedHashMap<>();
    globals.forEach((k, v) -> merged.put(String.valueOf(k), v));
    own.forEach((k, v) -> merged.put(String.valueOf(k), v));

    String handler = stringOrNull(merged.get("Handler"));
    if (handler == null) {
      throw new TemplateException(logicalId + " has no Handler");
    }
    int separator = handler.indexOf("::");
    String handlerClass = separator < 0 ? handler : handler.substring(0, separator);
    String handlerMethod = separator < 0 ? "handleRequest" : handler.substring(separator + 2);

    Map<String, String> environment = new LinkedHashMap<>();
    putVariables(environment, globals);
    putVariables(environment, own);

    List<ApiEventDef> events = new ArrayList<>();
    List<DynamoDbEventDef> dynamoDbEvents = new ArrayList<>();
    for (Map.Entry<?, ?> event : asMap(own.get("Events")).entrySet()) {
      Map<?, ?> spec = asMap(event.getValue());
      if ("Api".equals(spec.get("Type"))) {
        events.add(apiEvent(logicalId, asMap(spec.get("Properties")), api));
      } else if ("DynamoDB".equals(spec.get("Type"))) {
        dynamoDbEvents.add(DynamoDbEventDef.read(logicalId + " " + event.getKey(),
            asMap(intrinsics.resolve(spec.get("Properties")))));
      }
    }
    // Lambda's own defaults when neither the function nor Globals sets them.
    int memory = intOr(merged.get("MemorySize"), 128);
    int timeout = intOr(merged.get("Timeout"), 3);
    String codeUri = merged.get("CodeUri") instanceof Map<?, ?> ? null : stringOrNull(merged.get("CodeUri"));
    // SnapStart takes effect on published versions, which is what AutoPublishAlias makes the events invoke.
    boolean snapStart = "PublishedVersions".equals(asMap(merged.get("SnapStart")).get("ApplyOn"))
        && merged.get("AutoPublishAlias") != null;
    return new FunctionDef(logicalId, intrinsics.physicalName(logicalId), handlerClass, handlerMethod, memory, timeout, environment, events,
        policies(logicalId, own.get("Policies")), codeUri == null ? null : baseDir.resolve(codeUri).normalize(),
        stringOrNull(merged.get("Runtime")), snapStart, dynamoDbEvents,
        Optional.ofNullable(stringOrNull(merged.get("AutoPublishAlias"))));
  }

  // SAM accepts one policy (a managed policy name or ARN, or a document) or a list of them. Globals cannot carry
  // Policies: github:aws/serverless-application-model samtranslator/plugins/globals/globals.py merges "everything
  // on Serverless::Function except Role, Policies, FunctionName, Events" and rejects the rest.
  private List<Object> policies(String logicalId, Object spec) {
    if (asMap(asMap(root.get("Globals")).get("Function")).containsKey("Policies")) {
      throw new TemplateException("Globals.Function.Policies is not supported by SAM; give " + logicalId
          + " its own Policies");
    }
    if (spec == null) {
      return List.of();
    }
    return spec instanceof List<?> list ? List.copyOf(list) : List.of(spec);
  }

  private static void putVariables(Map<String, String> environment, Map<?, ?> properties) {
    asMap(asMap(properties.get("Environment")).get("Variables"))
        .forEach((k, v) -> environment.put(String.valueOf(k), v == null ? "" : Intrinsics.scalarToString(v)));
  }

  private ApiEventDef apiEvent(String logicalId, Map<?, ?> properties, RestApiDef api) {
    String path = stringOrNull(properties.get("Path"));
    String method = stringOrNull(properties.get("Method"));
    if (path == null || method == null) {
      throw new TemplateException(logicalId + " has an Api event without Path or Method");
    }
    // Authorizer: NONE opens the route; a name picks that authorizer; absent means the API's default.
    String named = stringOrNull(asMap(properties.get("Auth")).get("Authorizer"));
    Optional<String> authorizer =
        named == null ? api.defaultAuthorizer() : Optional.of(named).filter(name -> !name.equals("NONE"));
    authorizer.ifPresent(
        name -> {
          if (!api.authorizers().containsKey(name)) {
            throw new TemplateException(logicalId + " uses unknown authorizer " + name);
          }
        });
    return new ApiEventDef(path, method.toUpperCase(Locale.ROOT), authorizer);
  }

  private RestApiDef implicitApi() {
    return apiFrom(IMPLICIT_API, globals("Api"), IMPLICIT_STAGE);
  }

  private RestApiDef api(String logicalId) {
    Map<String, Object> merged = new LinkedHashMap<>();
    globals("Api").forEach((k, v) -> merged.put(String.valueOf(k), v));
    properties(logicalId).forEach((k, v) -> merged.put(String.valueOf(k), v));
    String stage = stringOrNull(merged.get("StageName"));
    if (stage == null) {
      throw new TemplateException(logicalId + " has no StageName");
    }
    return apiFrom(logicalId, merged, stage);
  }

  private RestApiDef apiFrom(String logicalId, Map<?, ?> properties, String stage) {
    Map<?, ?> auth = asMap(properties.get("Auth"));
    Optional<String> defaultAuthorizer = Optional.ofNullable(stringOrNull(auth.get("DefaultAuthorizer")));
    Map<String, AuthorizerDef> authorizers = new LinkedHashMap<>();
    asMap(auth.get("Authorizers"))
        .forEach((name, spec) -> authorizers.put(String.valueOf(name), authorizer(String.valueOf(name), asMap(spec))));
    defaultAuthorizer.ifPresent(
        name -> {
          if (!authorizers.containsKey(name)) {
            throw new TemplateException(logicalId + " has DefaultAuthorizer " + name + " but no such Authorizer");
          }
        });

    Map<String, GatewayResponseDef> responses = new LinkedHashMap<>();
    asMap(properties.get("GatewayResponses")).forEach((type, spec) -> {
      Map<?, ?> response = asMap(spec);
      Map<String, String> headers = new LinkedHashMap<>();
      asMap(asMap(response.get("ResponseParameters")).get("Headers"))
          .forEach((k, v) -> headers.put(String.valueOf(k), Intrinsics.scalarToString(v)));
      Map<String, String> templates = new LinkedHashMap<>();
      asMap(response.get("ResponseTemplates"))
          .forEach((k, v) -> templates.put(String.valueOf(k), Intrinsics.scalarToString(v)));
      Object status = response.get("StatusCode");
      responses.put(
          String.valueOf(type),
          new GatewayResponseDef(
              Optional.ofNullable(status).map(s -> Integer.parseInt(Intrinsics.scalarToString(s))), headers, templates));
    });
    return new RestApiDef(
        logicalId, stage, authorizers, defaultAuthorizer, responses, cors(properties.get("Cors")));
  }

  private AuthorizerDef authorizer(String name, Map<?, ?> spec) {
    String payloadType = Optional.ofNullable(stringOrNull(spec.get("FunctionPayloadType"))).orElse("TOKEN");
    if (!payloadType.equals("TOKEN")) {
      throw new TemplateException("Authorizer " + name + ": only FunctionPayloadType TOKEN is supported locally");
    }
    String functionArn = stringOrNull(spec.get("FunctionArn"));
    if (functionArn == null) {
      throw new TemplateException("Authorizer " + name + " has no FunctionArn (only Lambda authorizers run locally)");
    }
    String functionName = FakeAws.functionNameOf(functionArn);
    String functionLogicalId =
        resources.keySet().stream()
            .filter(id -> FUNCTION.equals(resources.get(id).get("Type")))
            .filter(id -> intrinsics.physicalName(id).equals(functionName))
            .findFirst()
            .orElseThrow(() -> new TemplateException("Authorizer " + name + " points at unknown function " + functionArn));
    Map<?, ?> identity = asMap(spec.get("Identity"));
    return new AuthorizerDef(
        name,
        functionLogicalId,
        Optional.ofNullable(stringOrNull(identity.get("Header"))).orElse("Authorization"),
        Optional.ofNullable(stringOrNull(identity.get("ValidationExpression"))),
        // SAM's default cache TTL for Lambda authorizers.
        intOr(identity.get("ReauthorizeEvery"), 300));
  }

  private static Optional<CorsConfig> cors(Object spec) {
    if (spec == null) {
      return Optional.empty();
    }
    if (!(spec instanceof Map<?, ?> map)) {
      // Cors: "'https://example.com'" is shorthand for AllowOrigin.
      return Optional.of(new CorsConfig(unquote(Intrinsics.scalarToString(spec)), Optional.empty(), Optional.empty(),
          Optional.empty(), false));
    }
    String origin = stringOrNull(map.get("AllowOrigin"));
    if (origin == null) {
      throw new TemplateException("Cors needs AllowOrigin");
    }
    return Optional.of(
        new CorsConfig(
            unquote(origin),
            Optional.ofNullable(stringOrNull(map.get("AllowHeaders"))).map(TemplateLoader::unquote),
            Optional.ofNullable(stringOrNull(map.get("AllowMethods"))).map(TemplateLoader::unquote),
            Optional.ofNullable(stringOrNull(map.get("MaxAge"))).map(TemplateLoader::unquote),
            Boolean.parseBoolean(String.valueOf(map.get("AllowCredentials")))));
  }

  private TableDef table(String logicalId) {
    Map<?, ?> properties = properties(logicalId);
    Map<String, String> attributes = new LinkedHashMap<>();
    for (Object definition : listOf(properties.get("AttributeDefinitions"))) {
      Map<?, ?> attribute = asMap(definition);
      attributes.put(String.valueOf(attribute.get("AttributeName")), String.valueOf(attribute.get("AttributeType")));
    }
    return new TableDef(
        logicalId,
        intrinsics.physicalName(logicalId),
        keySchema(properties.get("KeySchema")),
        attributes,
        indexes(properties.get("GlobalSecondaryIndexes")),
        indexes(properties.get("LocalSecondaryIndexes")),
        // AWS::DynamoDB::Table StreamSpecification has one property, StreamViewType (required): present, a stream.
        stringOrNull(asMap(properties.get("StreamSpecification")).get("StreamViewType")));
  }

  private static List<TableDef.KeyElement> keySchema(Object spec) {
    List<TableDef.KeyElement> keys = new ArrayList<>();
    for (Object element : listOf(spec)) {
      Map<?, ?> key = asMap(element);
      keys.add(new TableDef.KeyElement(String.valueOf(key.get("AttributeName")), String.valueOf(key.get("KeyType"))));
    }
    return keys;
  }

  private static List<TableDef.IndexDef> indexes(Object spec) {
    List<TableDef.IndexDef> indexes = new ArrayList<>();
    for (Object element : listOf(spec)) {
      Map<?, ?> index = asMap(element);
      Map<?, ?> projection = asMap(index.get("Projection"));
      List<String> nonKey = listOf(projection.get("NonKeyAttributes")).stream().map(String::valueOf).toList();
      indexes.add(
          new TableDef.IndexDef(
              String.valueOf(index.get("IndexName")),
              keySchema(index.get("KeySchema")),
              Optional.ofNullable(stringOrNull(projection.get("ProjectionType"))).orElse("KEYS_ONLY"),
              nonKey));
    }
    return indexes;
  }

  /** A custom resource: the local stack runs those whose ServiceToken is one of the template's functions. */
  private CustomResourceDef customResource(String logicalId, String type) {
    Map<?, ?> properties = properties(logicalId);
    String token = stringOrNull(properties.get("ServiceToken"));
    String functionName = token == null ? null : FakeAws.functionNameOf(token);
    String function = resources.keySet().stream()
        .filter(id -> FUNCTION.equals(resources.get(id).get("Type")) && included(resources.get(id)))
        .filter(id -> intrinsics.physicalName(id).equals(functionName))
        .findFirst()
        .orElseThrow(() -> new TemplateException(logicalId + " (" + type + "): its ServiceToken " + token
            + " is not a function of the template; the local stack runs only custom resources of its own functions"));
    @SuppressWarnings("unchecked")
    Map<String, Object> sent = (Map<String, Object>) asStrings(properties);
    return new CustomResourceDef(logicalId, type, function, sent,
        intOr(properties.get("ServiceTimeout"), DEFAULT_SERVICE_TIMEOUT));
  }

  /** A resolved value with every scalar as a string, as CloudFormation passes custom resource properties. */
  private static Object asStrings(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> strings = new LinkedHashMap<>();
      map.forEach((k, v) -> strings.put(String.valueOf(k), asStrings(v)));
      return strings;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(TemplateLoader::asStrings).toList();
    }
    return Intrinsics.scalarToString(value);
  }

  private SecretDef secret(String logicalId) {
    Map<?, ?> properties = properties(logicalId);
    Map<?, ?> generate = asMap(properties.get("GenerateSecretString"));
    return new SecretDef(
        logicalId,
        intrinsics.physicalName(logicalId),
        Optional.ofNullable(stringOrNull(properties.get("SecretString"))),
        // Secrets Manager's GetRandomPassword default length.
        intOr(generate.get("PasswordLength"), 32),
        Boolean.parseBoolean(String.valueOf(generate.get("ExcludePunctuation"))),
        Optional.ofNullable(stringOrNull(generate.get("ExcludeCharacters"))).orElse(""));
  }

  static String unquote(String value) {
    String trimmed = value.trim();
    if (trimmed.length() >= 2 && trimmed.startsWith("'") && trimmed.endsWith("'")) {
      return trimmed.substring(1, trimmed.length() - 1);
    }
    return trimmed;
  }

  private static List<?> listOf(Object value) {
    return value instanceof List<?> list ? list : List.of();
  }

  private static String stringOrNull(Object value) {
    return value == null ? null : Intrinsics.scalarToString(value);
  }

  private static int intOr(Object value, int fallback) {
    return value == null ? fallback : (int) Double.parseDouble(Intrinsics.scalarToString(value));
  }
}
