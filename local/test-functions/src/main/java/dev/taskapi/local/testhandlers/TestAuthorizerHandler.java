package dev.taskapi.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import java.util.List;
import java.util.Map;

/** A TOKEN authorizer whose token says what to answer: allow-<user>, getonly, deny, other, unauthorized, boom. */
public final class TestAuthorizerHandler implements RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponse> {
  @Override
  public IamPolicyResponse handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
    String token = event.getAuthorizationToken().substring("Bearer ".length());
    // arn:aws:execute-api:region:account:apiId/stage/METHOD/path
    String[] arn = event.getMethodArn().split("/");
    String apiStage = arn[0] + "/" + arn[1];
    if (token.startsWith("allow-")) {
      return policy(token.substring(6), IamPolicyResponse.allowStatement(apiStage + "/*/*"),
          Map.of("userId", token.substring(6), "n", 42, "admin", true));
    }
    return switch (token) {
      case "getonly" -> policy("g", IamPolicyResponse.allowStatement(apiStage + "/GET/*"), Map.of());
      case "deny" -> policy("d", IamPolicyResponse.denyStatement(event.getMethodArn()), Map.of());
      case "other" -> policy("o", IamPolicyResponse.allowStatement("arn:aws:execute-api:*:*:elsewhere/*"), Map.of());
      case "unauthorized" -> throw new RuntimeException("Unauthorized");
      default -> throw new IllegalStateException("boom");
    };
  }

  private static IamPolicyResponse policy(String principal, IamPolicyResponse.Statement statement,
      Map<String, Object> context) {
    return IamPolicyResponse.builder()
        .withPrincipalId(principal)
        .withPolicyDocument(IamPolicyResponse.PolicyDocument.builder()
            .withVersion(IamPolicyResponse.VERSION_2012_10_17)
            .withStatement(List.of(statement))
            .build())
        .withContext(context)
        .build();
  }
}
