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
 */
public record SamTemplate(
    String region,
    Map<String, FunctionDef> functions,
    Optional<RestApiDef> api,
    List<TableDef> tables,
    List<SecretDef> secrets,
    Optional<WebAclDef> webAcl,
    List<CustomResourceDef> customResources,
    SqsResources sqs) {

  /** A template without SQS. */
  public SamTemplate(String region, Map<String, FunctionDef> functions, Optional<RestApiDef> api, List<TableDef> tables,
      List<SecretDef> secrets, Optional<WebAclDef> webAcl, List<CustomResourceDef> customResources) {
    this(region, functions, api, tables, secrets, webAcl, customResources, SqsResources.NONE);
  }

  public SamTemplate {
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
