package dev.taskapi.bench.launch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** The cold-start baseline: a hello-world function that takes any event and answers a constant 200. */
public final class HelloHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    return Map.of("statusCode", 200, "body", "hello");
  }
}
