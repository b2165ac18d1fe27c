package dev.taskapi.local.iam;

import dev.taskapi.local.aws.FakeAws;
import dev.taskapi.local.lambda.FunctionCredentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/** Which function holds which credentials: the local stand-in for STS's sessions of the execution roles. */
public final class Principals {
  private final Map<String, FunctionCredentials> byFunction;

  public Principals(Map<String, FunctionCredentials> byFunction) {
    this.byFunction = Map.copyOf(byFunction);
  }

  public Optional<String> functionWithAccessKey(String accessKeyId) {
    return byFunction.entrySet().stream()
        .filter(e -> e.getValue().accessKeyId().equals(accessKeyId))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  /** The function whose session token this is, compared in constant time. */
  public Optional<String> functionWithSessionToken(String sessionToken) {
    byte[] given = sessionToken.getBytes(StandardCharsets.UTF_8);
    String found = null;
    for (Map.Entry<String, FunctionCredentials> entry : byFunction.entrySet()) {
      if (MessageDigest.isEqual(entry.getValue().sessionToken().getBytes(StandardCharsets.UTF_8), given)) {
        found = entry.getKey();
      }
    }
    return Optional.ofNullable(found);
  }

  public FunctionCredentials credentials(String function) {
    return byFunction.get(function);
  }

  /**
   * The session's ARN, as AWS names a Lambda function's principal in an AccessDeniedException: its execution
   * role (SAM names it {@code <FunctionLogicalId>Role}) assumed with the function's name as session name.
   */
  public static String sessionArn(String function) {
    return "arn:aws:sts::%s:assumed-role/%sRole/%s".formatted(
        FakeAws.ACCOUNT_ID, function, function);
  }
}
