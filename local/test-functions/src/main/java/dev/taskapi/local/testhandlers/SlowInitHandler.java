package dev.taskapi.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.taskapi.config.Environment;

/** Takes INIT_MILLIS to construct (its Init phase), then answers at once with the time it has left. */
public final class SlowInitHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  public SlowInitHandler() throws InterruptedException {
    Thread.sleep(Long.parseLong(Environment.current().required("INIT_MILLIS")));
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
    return new APIGatewayProxyResponseEvent().withStatusCode(200)
        .withBody("{\"remainingMillis\":" + context.getRemainingTimeInMillis() + "}");
  }
}
