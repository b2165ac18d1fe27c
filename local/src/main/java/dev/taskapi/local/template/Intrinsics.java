package dev.taskapi.local.template;

import dev.taskapi.local.aws.FakeAws;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsic functions against the local stack: parameters take their (overridden)
 * values, resources their local physical names and fake ARNs.
 */
final class Intrinsics {
  /** The value of {@code AWS::NoValue}: the enclosing property is removed. */
  private static final Object NO_VALUE = new Object();

  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

  private final Map<String, String> parameters;
  private final Map<String, Map<String, Object>> resources;
  private final Map<String, Object> conditionDefinitions;
  private final String region;
  private final String stackName;
  private final Map<String, String> streamLabels;
  private final Map<String, Boolean> conditionValues = new HashMap<>();

  Intrinsics(
      Map<String, String> parameters,
      Map<String, Map<String, Object>> resources,
      Map<String, Object> conditionDefinitions,
      String region,
      String stackName,
      Map<String, String> streamLabels) {
    this.streamLabels = streamLabels;
    this.parameters = parameters;
    this.resources = resources;
    this.conditionDefinitions = conditionDefinitions;
    this.region = region;
    this.stackName = stackName;
  }

  /** A copy of {@code value} with every intrinsic function replaced by its value. */
  Object resolve(Object value) {
    Object resolved = resolveOrNoValue(value);
    return resolved == NO_VALUE ? null : resolved;
  }

  String resolveString(Object value) {
    Object resolved = resolve(value);
    return resolved == null ? null : scalarToString(resolved);
  }

  /** Whether the named template condition holds (false for conditions the template does not define). */
  boolean condition(String name) {
    Boolean known = conditionValues.get(name);
    if (known != null) {
      return known;
    }
    if (!conditionDefinitions.containsKey(name)) {
      throw new TemplateException("Unknown condition " + name);
    }
    boolean value = asBoolean(resolve(conditionDefinitions.get(name)));
    conditionValues.put(name, value);
    return value;
  }

  /** The local physical name a {@code Ref} of this resource yields. */
  String physicalName(String logicalId) {
    Map<String, Object> resource = resources.get(logicalId);
    Map<?, ?> properties = resource == null ? Map.of() : asMap(resource.get("Properties"));
    String type = resource == null ? "" : String.valueOf(resource.get("Type"));
    Object explicitName =
        switch (type) {
          case "AWS::DynamoDB::Table" -> properties.get("TableName");
          case "AWS::SecretsManager::Secret" -> properties.get("Name");
          case "AWS::Serverless::Function", "AWS::Lambda::Function" -> properties.get("FunctionName");
          case "AWS::SQS::Queue" -> properties.get("QueueName");
          case "AWS::Scheduler::ScheduleGroup" -> properties.get("Name");
          case "AWS::IAM::Role" -> properties.get("RoleName");
          default -> null;
        };
    return explicitName == null ? logicalId : resolveString(explicitName);
  }

  private Object resolveOrNoValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      if (map.size() == 1) {
        String key = String.valueOf(map.keySet().iterator().next());
        if (key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition")) {
          return function(key, map.values().iterator().next());
        }
      }
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        Object resolved = resolveOrNoValue(entry.getValue());
        if (resolved != NO_VALUE) {
          copy.put(String.valueOf(entry.getKey()), resolved);
        }
      }
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      for (Object item : list) {
        Object resolved = resolveOrNoValue(item);
        if (resolved != NO_VALUE) {
          copy.add(resolved);
        }
      }
      return copy;
    }
    return value;
  }

  private Object function(String name, Object argument) {
    return switch (name) {
      case "Ref" -> ref(resolveString(argument));
      case "Condition" -> condition(resolveString(argument));
      case "Fn::GetAtt" -> getAtt(argument);
      case "Fn::Sub" -> sub(argument);
      case "Fn::Join" -> {
        List<?> args = asList(resolve(argument), name, 2);
        List<String> parts = new ArrayList<>();
        for (Object item : asList(args.get(1), name, -1)) {
          parts.add(scalarToString(item));
        }
        yield String.join(scalarToString(args.get(0)), parts);
      }
      case "Fn::Select" -> {
        List<?> args = asList(resolve(argument), name, 2);
        List<?> from = asList(args.get(1), name, -1);
        yield from.get(Integer.parseInt(scalarToString(args.get(0))));
      }
      case "Fn::If" -> {
        List<?> args = asList(argument, name, 3);
        yield resolveOrNoValue(condition(resolveString(args.get(0))) ? args.get(1) : args.get(2));
      }
      case "Fn::Equals" -> {
        List<?> args = asList(resolve(argument), name, 2);
        yield scalarToString(args.get(0)).equals(scalarToString(args.get(1)));
      }
      case "Fn::Not" -> !asBoolean(asList(resolve(argument), name, 1).get(0));
      // Only the functions a template the local stack reads uses (template.yaml, the tests' templates); any other
      // stops the load rather than reaching a function as an unresolved map.
      default -> throw new TemplateException(name + " is not supported by the local stack");
    };
  }

  private Object ref(String name) {
    switch (name) {
      case "AWS::Region":
        return region;
      case "AWS::AccountId":
        return FakeAws.ACCOUNT_ID;
      case "AWS::StackName":
        return stackName;
      case "AWS::URLSuffix":
        return FakeAws.URL_SUFFIX;
      case "AWS::Partition":
        return "aws";
      case "AWS::StackId":
        return "arn:aws:cloudformation:%s:%s:stack/%s/local".formatted(region, FakeAws.ACCOUNT_ID, stackName);
      case "AWS::NoValue":
        return NO_VALUE;
      default:
        break;
    }
    if (parameters.containsKey(name)) {
      return parameters.get(name);
    }
    if (resources.containsKey(name)) {
      // Ref of an AWS::SecretsManager::Secret returns its ARN (CloudFormation, AWS::SecretsManager::Secret,
      // "Return values"), of an AWS::SQS::Queue its URL (AWS::SQS::Queue, "Return values"); every other type the
      // local stack reads returns its physical name.
      return switch (String.valueOf(resources.get(name).get("Type"))) {
        case "AWS::SecretsManager::Secret" -> FakeAws.secretArn(region, physicalName(name));
        case "AWS::SQS::Queue" -> FakeAws.sqsQueueUrl(region, physicalName(name));
        default -> physicalName(name);
      };
    }
    // SAM's generated resources: Function.Alias (AutoPublishAlias) and Function.Version.
    int dot = name.indexOf('.');
    if (dot > 0 && resources.containsKey(name.substring(0, dot))) {
      String logicalId = name.substring(0, dot);
      String arn = FakeAws.functionArn(region, physicalName(logicalId));
      return switch (name.substring(dot + 1)) {
        case "Alias" -> arn + ":" + aliasName(logicalId);
        case "Version" -> arn + ":" + FunctionDef.PUBLISHED_VERSION;
        default -> throw new TemplateException("Unknown reference " + name);
      };
    }
    throw new TemplateException("Unknown reference " + name);
  }

  private String aliasName(String functionLogicalId) {
    Object alias = asMap(resources.get(functionLogicalId).get("Properties")).get("AutoPublishAlias");
    return alias == null ? "live" : resolveString(alias);
  }

  private Object getAtt(Object argument) {
    List<?> args = asList(resolve(argument), "Fn::GetAtt", 2);
    String logicalId = scalarToString(args.get(0));
    String attribute = scalarToString(args.get(1));
    Map<String, Object> resource = resources.get(logicalId);
    if (resource == null) {
      throw new TemplateException("Fn::GetAtt of unknown resource " + logicalId);
    }
    String type = String.valueOf(resource.get("Type"));
    String arn = FakeAws.arn(region, type, physicalName(logicalId));
    return switch (attribute) {
      case "Arn" -> arn;
      case "StreamArn" -> streamArn(logicalId, arn);
      case "Name", "TableName", "QueueName" -> physicalName(logicalId);
      case "QueueUrl" -> FakeAws.sqsQueueUrl(region, physicalName(logicalId));
      default -> logicalId + "." + attribute;
    };
  }

  /**
   * A table's StreamArn: {@code <table arn>/stream/<label>}, the label DynamoDB gave its stream when one exists
   * already (the local stack loads the template again once the tables are deployed); before, a placeholder label.
   * CloudFormation has no StreamArn for a table without StreamSpecification (AWS::DynamoDB::Table, "Return values":
   * "StreamArn ... You must specify the StreamSpecification property to use this attribute").
   */
  private String streamArn(String logicalId, String tableArn) {
    if (asMap(asMap(resources.get(logicalId).get("Properties")).get("StreamSpecification")).isEmpty()) {
      throw new TemplateException("Fn::GetAtt " + logicalId + ".StreamArn: the table has no StreamSpecification");
    }
    return tableArn + "/stream/" + streamLabels.getOrDefault(physicalName(logicalId), "1970-01-01T00:00:00.000");
  }

  private Object sub(Object argument) {
    String text;
    Map<?, ?> variables = Map.of();
    if (argument instanceof List<?> list) {
      text = scalarToString(resolve(list.get(0)));
      variables = asMap(resolve(list.get(1)));
    } else {
      text = scalarToString(argument);
    }
    Matcher matcher = SUB_VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String variable = matcher.group(1).trim();
      String replacement;
      if (variable.startsWith("!")) {
        replacement = "${" + variable.substring(1) + "}"; // ${!Literal} escapes a literal ${Literal}
      } else if (variables.containsKey(variable)) {
        replacement = scalarToString(variables.get(variable));
      } else if (variable.contains(".") && !variable.startsWith("AWS::") && !parameters.containsKey(variable)) {
        int dot = variable.indexOf('.');
        String logicalId = variable.substring(0, dot);
        replacement =
            resources.containsKey(logicalId) && !variable.endsWith(".Alias") && !variable.endsWith(".Version")
                ? scalarToString(getAtt(List.of(logicalId, variable.substring(dot + 1))))
                : scalarToString(ref(variable));
      } else {
        replacement = scalarToString(ref(variable));
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  static String scalarToString(Object value) {
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      throw new TemplateException("Expected a single value but found " + value);
    }
    if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
      return Long.toString(d.longValue());
    }
    return String.valueOf(value);
  }

  private static boolean asBoolean(Object value) {
    return value instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(value));
  }

  static Map<?, ?> asMap(Object value) {
    return value instanceof Map<?, ?> map ? map : Map.of();
  }

  private static List<?> asList(Object value, String function, int size) {
    if (!(value instanceof List<?> list) || (size >= 0 && list.size() != size)) {
      throw new TemplateException(
          function + " needs a list" + (size >= 0 ? " of " + size + " items" : "") + " but got " + value);
    }
    return list;
  }
}
