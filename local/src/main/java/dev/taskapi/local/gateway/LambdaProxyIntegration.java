package dev.taskapi.local.gateway;

import dev.taskapi.local.lambda.InvocationResult;
import dev.taskapi.local.lambda.LambdaFunctions;
import java.time.Duration;

/**
 * API Gateway's Lambda proxy integration (REST API, type AWS_PROXY): the request as an event to the route's
 * function, the function's result as the reply or as a gateway failure. LocalStack keeps it apart the same way
 * (github:localstack/localstack localstack-core/localstack/services/apigateway/next_gen/execute_api/integrations/
 * aws.py, v4.14).
 *
 * @param timeout how long API Gateway waits for the function (29 s, "Amazon API Gateway quotas")
 */
record LambdaProxyIntegration(LambdaFunctions functions, ProxyEventFactory events, Duration timeout) {
  /**
   * The function's response to the invocation's event.
   *
   * @throws GatewayException the gateway response API Gateway sends when the function fails, times out, or
   *     answers with what a proxy integration cannot send
   */
  HttpReply invoke(Invocation invocation) {
    String function = invocation.route().orElseThrow().functionLogicalId();
    String requestId = invocation.requestId();
    InvocationResult result = functions.get(function).invoke(events.create(invocation), requestId, timeout);
    return switch (result) {
      case InvocationResult.Returned returned -> ProxyResponseMapper.toReply(returned.payload()).orElseThrow(() -> {
        System.err.println(function + " returned a malformed Lambda proxy response: " + returned.payload());
        return new GatewayException(GatewayResponseType.DEFAULT_5XX);
      });
      case InvocationResult.Failed failed -> {
        System.err.println(function + " failed (request " + requestId + "):");
        failed.error().printStackTrace();
        throw new GatewayException(GatewayResponseType.DEFAULT_5XX);
      }
      case InvocationResult.TimedOut timedOut -> {
        // Lambda ends the function and reports an error; to API Gateway that is a failed integration.
        System.err.println(function + " (request " + requestId + ") Task timed out after "
            + timedOut.timeoutSeconds() + ".00 seconds");
        throw new GatewayException(GatewayResponseType.DEFAULT_5XX);
      }
      case InvocationResult.Abandoned abandoned -> throw new GatewayException(GatewayResponseType.INTEGRATION_TIMEOUT);
      case InvocationResult.RequestTooLarge tooLarge -> {
        // What API Gateway answers when Lambda refuses the event (413 RequestEntityTooLargeException) is not in
        // its documentation; observed answers are 413 {"message": "Request Too Long"}, the REQUEST_TOO_LARGE
        // gateway response, which is therefore what the local gateway sends (customized as the template says).
        System.err.println(function + " (request " + requestId + "): Lambda refused the " + tooLarge.bytes()
            + "-byte event: " + tooLarge.message());
        throw new GatewayException(GatewayResponseType.REQUEST_TOO_LARGE);
      }
      case InvocationResult.ResponseTooLarge tooLarge -> {
        // Lambda turns an oversized response into a function error (Function.ResponseSizeTooLarge); API Gateway
        // answers that as any failed Lambda integration (INTEGRATION_FAILURE): 502 {"message": "Internal server
        // error"}, observed, not documented as such.
        System.err.println(function + " (request " + requestId + "): " + tooLarge.message() + " ("
            + tooLarge.bytes() + " bytes)");
        throw new GatewayException(GatewayResponseType.DEFAULT_5XX);
      }
    };
  }
}
