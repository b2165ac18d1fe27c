package dev.taskapi.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskapi.config.Environment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers with the event it received, its context, and its environment as it reads it while it answers (after
 * any other function's Init, so a function seeing another's variables shows here).
 */
public final class EchoHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("event", event);
    body.put("env", Environment.current().variables());
    body.put("functionName", context.getFunctionName());
    body.put("memory", context.getMemoryLimitInMB());
    body.put("remaining", context.getRemainingTimeInMillis());
    try {
      return new APIGatewayProxyResponseEvent()
          .withStatusCode(200)
          .withHeaders(Map.of("Content-Type", "application/json", "X-Single", "one"))
          .withMultiValueHeaders(Map.of("Set-Cookie", List.of("a=1", "b=2")))
          .withBody(JSON.writeValueAsString(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
