package dev.taskapi.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts its invocations in a static field: two functions running this class must each count their own, and an
 * environment reset (after a timeout) starts again from one. {@code ?sleepMillis=N} sleeps first.
 */
public final class StaticCounterHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  private static final AtomicInteger INVOCATIONS = new AtomicInteger();

  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
    int invocation = INVOCATIONS.incrementAndGet();
    if (event.getQueryStringParameters() != null && event.getQueryStringParameters().containsKey("sleepMillis")) {
      try {
        Thread.sleep(Long.parseLong(event.getQueryStringParameters().get("sleepMillis")));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return new APIGatewayProxyResponseEvent().withStatusCode(200)
        .withBody("{\"invocations\":" + invocation + "}");
  }
}
