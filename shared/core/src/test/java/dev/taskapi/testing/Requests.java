package dev.taskapi.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import java.util.HashMap;
import java.util.Map;

/** Builds API Gateway proxy events the way API Gateway delivers them to the functions. */
public final class Requests {
  private Requests() {}

  /** A request with a JSON body and {@code Content-Type: application/json}. */
  public static APIGatewayProxyRequestEvent json(String body) {
    return withHeader(new APIGatewayProxyRequestEvent().withBody(body), "Content-Type", "application/json");
  }

  /** A request with no body and no headers. */
  public static APIGatewayProxyRequestEvent empty() {
    return new APIGatewayProxyRequestEvent();
  }

  public static APIGatewayProxyRequestEvent withHeader(APIGatewayProxyRequestEvent event, String name, String value) {
    Map<String, String> headers = event.getHeaders() == null ? new HashMap<>() : new HashMap<>(event.getHeaders());
    headers.put(name, value);
    return event.withHeaders(headers);
  }

  /** The event as it arrives behind the TOKEN authorizer that authenticated {@code userId}. */
  public static APIGatewayProxyRequestEvent asUser(APIGatewayProxyRequestEvent event, String userId) {
    ProxyRequestContext context = new ProxyRequestContext();
    Map<String, Object> authorizer = new HashMap<>();
    authorizer.put("userId", userId);
    authorizer.put("principalId", userId);
    context.setAuthorizer(authorizer);
    return event.withRequestContext(context);
  }

  /** The event behind the authorizer for a token that also carries the account's email. */
  public static APIGatewayProxyRequestEvent asCaller(APIGatewayProxyRequestEvent event, String userId, String email) {
    APIGatewayProxyRequestEvent withUser = asUser(event, userId);
    withUser.getRequestContext().getAuthorizer().put("email", email);
    return withUser;
  }

  public static APIGatewayProxyRequestEvent withQuery(APIGatewayProxyRequestEvent event, String name, String value) {
    Map<String, String> query =
        event.getQueryStringParameters() == null ? new HashMap<>() : new HashMap<>(event.getQueryStringParameters());
    query.put(name, value);
    return event.withQueryStringParameters(query);
  }

  public static APIGatewayProxyRequestEvent withPath(APIGatewayProxyRequestEvent event, String name, String value) {
    Map<String, String> path = event.getPathParameters() == null ? new HashMap<>() : new HashMap<>(event.getPathParameters());
    path.put(name, value);
    return event.withPathParameters(path);
  }
}
