package dev.taskapi.local.template;

import java.util.List;

/**
 * An AWS::IAM::Role of the template, as far as the local stack acts as it: the services its trust policy lets
 * assume it and its inline policies.
 *
 * @param roleName RoleName when the template sets it, else the logical id (CloudFormation would generate
 *     {@code <stack>-<logical id>-<suffix>}); {@code !Ref} returns it, {@code !GetAtt Role.Arn} its ARN
 * @param trustedServices the service principals ({@code scheduler.amazonaws.com}) of the AssumeRolePolicyDocument's
 *     Allow statements for {@code sts:AssumeRole}
 * @param policies the {@code Policies} (inline policies) as {@code {PolicyName, PolicyDocument}} maps, intrinsics
 *     resolved; {@link dev.taskapi.local.iam.FunctionPolicies} interprets them
 * @param managedPolicyArns ManagedPolicyArns: not evaluated locally
 */
public record RoleDef(String logicalId, String roleName, String arn, List<String> trustedServices,
    List<Object> policies, List<String> managedPolicyArns) {
  public RoleDef {
    trustedServices = List.copyOf(trustedServices);
    policies = List.copyOf(policies);
    managedPolicyArns = List.copyOf(managedPolicyArns);
  }

  /** Whether {@code service} (e.g. {@code scheduler.amazonaws.com}) may assume the role. */
  public boolean trusts(String service) {
    return trustedServices.contains(service);
  }
}
