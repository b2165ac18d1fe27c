package dev.taskapi.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.local.aws.FakeAws;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What IAM authorizes for one DynamoDB Streams API call (X-Amz-Target {@code DynamoDBStreams_20120810.<Action>}).
 * The Service Authorization Reference for Amazon DynamoDB lists the four as DynamoDB actions on the {@code stream}
 * resource type ({@code arn:aws:dynamodb:<region>:<account>:table/<table>/stream/<label>}): dynamodb:DescribeStream,
 * dynamodb:GetRecords and dynamodb:GetShardIterator on the stream, dynamodb:ListStreams on "*" (it names no
 * resource). A GetRecords names its stream only in the shard iterator, which begins with the stream's ARN; an
 * iterator that names none is authorized on "*" and refused by any policy scoped to a stream.
 */
final class DynamoDbStreamsRequests {
  static final String TARGET_PREFIX = "DynamoDBStreams_20120810.";
  private static final Pattern STREAM = Pattern.compile(":table/([A-Za-z0-9_.\\-]+)/stream/([0-9T:.\\-]+)$");

  private final String region;

  DynamoDbStreamsRequests(String region) {
    this.region = region;
  }

  List<IamAuthorizer.Request> requests(String operation, JsonNode body) {
    String action = "dynamodb:" + operation;
    String resource = switch (operation) {
      case "DescribeStream", "GetShardIterator" -> streamArn(body.path("StreamArn").asText());
      // A shard iterator begins with its stream's ARN, then "|" (as AWS's do; dynalite-streams.js makes them so).
      case "GetRecords" -> streamArn(body.path("ShardIterator").asText().split("\\|", 2)[0]);
      default -> "*";
    };
    return List.of(new IamAuthorizer.Request(action, resource, RequestContext.empty()));
  }

  /**
   * The stream's ARN in this account and region: dynalite spells its ARNs with its own account id, while the
   * template's (and so the policies') use the local stack's.
   */
  private String streamArn(String given) {
    Matcher matcher = STREAM.matcher(given == null ? "" : given);
    if (!matcher.find()) {
      return "*";
    }
    return FakeAws.arn(region, "AWS::DynamoDB::Table", matcher.group(1)) + "/stream/" + matcher.group(2);
  }
}
