package dev.taskapi.local.template;

import java.util.Map;

/**
 * A custom resource ({@code Custom::<name>} or {@code AWS::CloudFormation::CustomResource}) whose ServiceToken is
 * one of the template's functions.
 *
 * @param properties its properties as CloudFormation sends them in {@code ResourceProperties}: intrinsics resolved
 *     and every scalar a string ("Custom resource request objects": property values are passed as strings)
 * @param serviceTimeoutSeconds how long CloudFormation waits for the answer: ServiceTimeout, 3,600 s when absent
 */
public record CustomResourceDef(
    String logicalId, String type, String functionLogicalId, Map<String, Object> properties,
    int serviceTimeoutSeconds) {
  public CustomResourceDef {
    properties = Map.copyOf(properties);
  }
}
