package dev.taskapi.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts its invocations in a static field: two functions running this class must each count their own. */
public final class StaticCounterHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  private static final AtomicInteger INVOCATIONS = new AtomicInteger();

  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
    return new APIGatewayProxyResponseEvent().withStatusCode(200)
        .withBody("{\"invocations\":" + INVOCATIONS.incrementAndGet() + "}");
  }
}
