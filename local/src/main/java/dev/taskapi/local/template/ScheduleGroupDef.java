package dev.taskapi.local.template;

/**
 * An AWS::Scheduler::ScheduleGroup: the local EventBridge Scheduler keeps the template's groups (and the account's
 * {@code default} group, which every account has).
 *
 * @param name Name when the template sets it, else the logical id (CloudFormation would generate one); what
 *     {@code !Ref} returns
 */
public record ScheduleGroupDef(String logicalId, String name) {}
