package dev.taskapi.local.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the local stack needs from template.yaml, with every intrinsic already resolved.
 *
 * @param functions the Lambda functions by logical id, in template order
 * @param api the REST API the functions' Api events attach to; absent when no function has one
 * @param webAcl the AWS WAF web ACL associated with the API's stage, when the template deploys one
 * @param customResources the custom resources backed by the template's functions, in template order
 * @param sqs the SQS queues and the functions' SQS event source mappings
 * @param scheduleGroups the EventBridge Scheduler schedule groups; the local scheduler runs when there is one
 * @param roles the IAM roles (not the functions' execution roles, which SAM creates from their Policies)
 */
public record SamTemplate(
    String region,
    Map<String, FunctionDef> functions,
    Optional<RestApiDef> api,
    List<TableDef> tables,
    List<SecretDef> secrets,
    Optional<WebAclDef> webAcl,
    List<CustomResourceDef> customResources,
    SqsResources sqs,
    List<ScheduleGroupDef> scheduleGroups,
    List<RoleDef> roles) {

  /** A template without SQS, schedule groups or roles. */
  public SamTemplate(String region, Map<String, FunctionDef> functions, Optional<RestApiDef> api, List<TableDef> tables,
      List<SecretDef> secrets, Optional<WebAclDef> webAcl, List<CustomResourceDef> customResources) {
    this(region, functions, api, tables, secrets, webAcl, customResources, SqsResources.NONE, List.of(), List.of());
  }

  public SamTemplate {
    scheduleGroups = List.copyOf(scheduleGroups);
    roles = List.copyOf(roles);
    customResources = List.copyOf(customResources);
    functions = Map.copyOf(functions);
    tables = List.copyOf(tables);
    secrets = List.copyOf(secrets);
  }

  public FunctionDef function(String logicalId) {
    FunctionDef function = functions.get(logicalId);
    if (function == null) {
      throw new TemplateException(
          "No AWS::Serverless::Function " + logicalId + " in the template; there are " + functions.keySet());
    }
    return function;
  }
}
