package dev.taskapi.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.RequestIdentity;
import dev.taskapi.local.aws.FakeAws;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the event API Gateway's REST Lambda proxy integration sends a function. */
final class ProxyEventFactory {
  // API Gateway's requestTime format, e.g. 09/Apr/2015:12:34:56 +0000.
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private final String apiId;
  private final String stage;

  ProxyEventFactory(String apiId, String stage) {
    this.apiId = apiId;
    this.stage = stage;
  }

  /** The event for a routed (and, where its route has an authorizer, authorized) request. */
  APIGatewayProxyRequestEvent create(Invocation invocation) {
    IncomingRequest request = invocation.request();
    String resourcePath = invocation.resourcePath();
    Map<String, String> pathParameters = invocation.pathParameters();
    Map<String, Object> authorizerContext = invocation.authorizerContext();
    String requestId = invocation.requestId();
    String host = request.header("Host").orElse(null);
    Instant now = Instant.now();
    APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
    event.setResource(resourcePath);
    event.setPath(request.rawPath());
    event.setHttpMethod(request.method());

    Map<String, String> headers = new LinkedHashMap<>();
    Map<String, List<String>> multiValueHeaders = new LinkedHashMap<>();
    for (Map.Entry<String, String> header : request.headers()) {
      headers.put(header.getKey(), header.getValue());
      multiValueHeaders.computeIfAbsent(header.getKey(), k -> new ArrayList<>()).add(header.getValue());
    }
    event.setHeaders(headers.isEmpty() ? null : headers);
    event.setMultiValueHeaders(multiValueHeaders.isEmpty() ? null : multiValueHeaders);

    Map<String, List<String>> query = queryParameters(request.rawQuery());
    if (query.isEmpty()) {
      event.setQueryStringParameters(null);
      event.setMultiValueQueryStringParameters(null);
    } else {
      Map<String, String> single = new LinkedHashMap<>();
      query.forEach((name, values) -> single.put(name, values.getLast()));
      event.setQueryStringParameters(single);
      event.setMultiValueQueryStringParameters(query);
    }
    event.setPathParameters(pathParameters.isEmpty() ? null : new LinkedHashMap<>(pathParameters));
    event.setStageVariables(null);
    event.setBody(request.body().length == 0 ? null : new String(request.body(), StandardCharsets.UTF_8));
    event.setIsBase64Encoded(false);

    RequestIdentity identity = new RequestIdentity();
    identity.setSourceIp(request.sourceIp());
    identity.setUserAgent(request.header("User-Agent").orElse(null));
    ProxyRequestContext context = new ProxyRequestContext();
    context.setAccountId(FakeAws.ACCOUNT_ID);
    context.setApiId(apiId);
    context.setStage(stage);
    context.setRequestId(requestId);
    context.setExtendedRequestId(requestId);
    context.setResourceId(resourceId(resourcePath));
    context.setResourcePath(resourcePath);
    context.setHttpMethod(request.method());
    // The path as the client sent it. Local URLs carry no stage segment (like a custom domain mapped with an
    // empty base path), so this equals the resource path; in AWS it is /<stage>/... on an execute-api URL.
    context.setPath(request.rawPath());
    context.setProtocol(request.protocol());
    context.setRequestTime(REQUEST_TIME.format(now));
    context.setRequestTimeEpoch(now.toEpochMilli());
    context.setDomainName(host);
    context.setDomainPrefix(host == null ? null : host.split("[.:]")[0]);
    context.setIdentity(identity);
    context.setAuthorizer(authorizerContext.isEmpty() ? null : new LinkedHashMap<>(authorizerContext));
    event.setRequestContext(context);
    return event;
  }

  /** Decoded query parameters with every value of each name, in order. */
  static Map<String, List<String>> queryParameters(String rawQuery) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return parameters;
  }

  private static String decode(String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw;
    }
  }

  // API Gateway's resource ids are short random strings; a stable one per resource path stands in.
  private static String resourceId(String resourcePath) {
    return Integer.toString(Math.floorMod(resourcePath.hashCode(), 36 * 36 * 36 * 36 * 36 * 36), 36);
  }
}
