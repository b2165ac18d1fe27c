package dev.taskapi.bench;

import java.util.Map;

/**
 * The DynamoDB round trips each function makes on its measured success path, as README.md documents them
 * ("DynamoDB key design"); the harness reports the measured count beside these and the goal is an exact match.
 * A function not listed is expected to make one, the API's rule.
 */
final class ExpectedRoundTrips {
  private static final Map<String, Integer> DOCUMENTED = Map.ofEntries(
      Map.entry("AuthorizerFunction", 1), // GetItem of the token's account (user id, token version)
      Map.entry("RegisterFunction", 1), // conditional PutItem
      Map.entry("LoginFunction", 1), // BatchGetItem of the user and its failed-login record
      Map.entry("CreateTaskFunction", 1), // conditional PutItem
      Map.entry("ListTasksFunction", 1), // Query
      Map.entry("GetTaskFunction", 1), // GetItem
      Map.entry("UpdateTaskFunction", 1), // UpdateItem, ALL_NEW
      Map.entry("DeleteTaskFunction", 1), // conditional DeleteItem
      Map.entry("GetAccountFunction", 1), // GetItem of the caller's account
      Map.entry("ChangePasswordFunction", 2), // GetItem of the account, conditional UpdateItem
      // GetItem of the account; Query of its tasks, BatchWriteItem deleting them (the sample account has one),
      // Query finding none left; conditional DeleteItem of the account.
      Map.entry("DeleteAccountFunction", 5));

  private ExpectedRoundTrips() {}

  static int of(String function) {
    return DOCUMENTED.getOrDefault(function, 1);
  }
}
