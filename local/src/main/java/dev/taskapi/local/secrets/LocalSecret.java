package dev.taskapi.local.secrets;

/**
 * One secret's current value, as GetSecretValue describes it.
 *
 * @param createdEpochSeconds when the value was first generated
 */
public record LocalSecret(String name, String arn, String value, String versionId, long createdEpochSeconds) {
  // The value must never reach a log line through a record's generated toString.
  @Override
  public String toString() {
    return "LocalSecret[name=" + name + ", arn=" + arn + ", versionId=" + versionId + "]";
  }
}
