package dev.taskapi.local.aws;

import java.util.Locale;

/** The fake account and ARNs of the local stack; real AWS never sees them. */
public final class FakeAws {
  public static final String ACCOUNT_ID = "123456789012";
  public static final String DEFAULT_REGION = "us-east-1";
  public static final String URL_SUFFIX = "amazonaws.com";

  private FakeAws() {}

  /** The ARN CloudFormation would give a resource of the given type, with the local physical name. */
  public static String arn(String region, String resourceType, String physicalName) {
    return switch (resourceType) {
      case "AWS::DynamoDB::Table" -> "arn:aws:dynamodb:%s:%s:table/%s".formatted(region, ACCOUNT_ID, physicalName);
      case "AWS::Serverless::Function", "AWS::Lambda::Function" -> functionArn(region, physicalName);
      case "AWS::SecretsManager::Secret" -> secretArn(region, physicalName);
      case "AWS::IAM::Role" -> "arn:aws:iam::%s:role/%s".formatted(ACCOUNT_ID, physicalName);
      case "AWS::Scheduler::ScheduleGroup" -> scheduleGroupArn(region, physicalName);
      case "AWS::Logs::LogGroup" ->
          "arn:aws:logs:%s:%s:log-group:%s:*".formatted(region, ACCOUNT_ID, physicalName);
      default -> {
        String[] parts = resourceType.split("::");
        String service = parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT) : "unknown";
        yield "arn:aws:%s:%s:%s:%s".formatted(service, region, ACCOUNT_ID, physicalName);
      }
    };
  }

  /** An SES identity (an email address or a domain), as SES authorizes SendEmail against it. */
  public static String sesIdentityArn(String region, String identity) {
    return "arn:aws:ses:%s:%s:identity/%s".formatted(region, ACCOUNT_ID, identity);
  }

  /**
   * A queue's URL as SQS gives it ({@code Ref} of an AWS::SQS::Queue, GetQueueUrl): the local SQS endpoint takes
   * queues by it, whatever its host, as the SDK sends it to the endpoint it is configured with.
   */
  public static String sqsQueueUrl(String region, String queueName) {
    return "https://sqs.%s.%s/%s/%s".formatted(region, URL_SUFFIX, ACCOUNT_ID, queueName);
  }

  /** A schedule group's ARN ("Resource types defined by Amazon EventBridge Scheduler", Service Authorization Reference). */
  public static String scheduleGroupArn(String region, String group) {
    return "arn:aws:scheduler:%s:%s:schedule-group/%s".formatted(region, ACCOUNT_ID, group);
  }

  /** A schedule's ARN, what IAM authorizes the schedule's actions on and CreateSchedule answers. */
  public static String scheduleArn(String region, String group, String name) {
    return "arn:aws:scheduler:%s:%s:schedule/%s/%s".formatted(region, ACCOUNT_ID, group, name);
  }

  public static String functionArn(String region, String functionName) {
    return "arn:aws:lambda:%s:%s:function:%s".formatted(region, ACCOUNT_ID, functionName);
  }

  // Real secret ARNs end in a random 6-character suffix; a fixed one keeps the local ARN stable.
  public static String secretArn(String region, String secretName) {
    return "arn:aws:secretsmanager:%s:%s:secret:%s-LoCaL1".formatted(region, ACCOUNT_ID, secretName);
  }

  /**
   * The function name inside a Lambda function ARN ({@code arn:aws:lambda:r:a:function:Name[:qualifier]}),
   * or the value itself when it is a plain name.
   */
  public static String functionNameOf(String functionArnOrName) {
    String[] parts = functionArnOrName.split(":");
    if (parts.length >= 7 && parts[0].equals("arn") && parts[5].equals("function")) {
      return parts[6];
    }
    // API Gateway's authorizer URI form: arn:aws:apigateway:r:lambda:path/2015-03-31/functions/<arn>/invocations
    int functions = functionArnOrName.indexOf("/functions/");
    if (functions >= 0) {
      String inner = functionArnOrName.substring(functions + "/functions/".length());
      int end = inner.indexOf("/invocations");
      return functionNameOf(end >= 0 ? inner.substring(0, end) : inner);
    }
    return functionArnOrName;
  }
}
