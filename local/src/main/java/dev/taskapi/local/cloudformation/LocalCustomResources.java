package dev.taskapi.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.taskapi.local.aws.FakeAws;
import dev.taskapi.local.aws.LoopbackServer;
import dev.taskapi.local.lambda.InvocationResult;
import dev.taskapi.local.lambda.LambdaFunction;
import dev.taskapi.local.lambda.LambdaFunctions;
import dev.taskapi.local.template.CustomResourceDef;
import dev.taskapi.local.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the template's custom resources as a stack create or update does, at each start after the tables: a
 * resource the data folder has not seen is a Create, one whose properties changed since it last succeeded an
 * Update (with its PhysicalResourceId and OldResourceProperties); an unchanged one is left alone. The request is
 * CloudFormation's ("Custom resource request objects", CloudFormation User Guide), sent to the function as an
 * asynchronous invocation, with a ResponseURL served here; the answer is the JSON object CloudFormation reads there
 * ("Custom resource response objects": Status SUCCESS or FAILED, Reason, PhysicalResourceId). FAILED, or no answer
 * within the resource's ServiceTimeout, or the invocation failing before it answered, stops the start, as it fails
 * the stack operation. What succeeded is kept in {@code custom-resources.json} of the data folder. Delete is never
 * sent: a data folder is never torn down resource by resource.
 */
public final class LocalCustomResources {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String STATE_FILE = "custom-resources.json";

  private LocalCustomResources() {}

  /** Returns what it did, one line per request sent. */
  public static List<String> run(SamTemplate template, LambdaFunctions functions, Path dataDir) {
    if (template.customResources().isEmpty()) {
      return List.of();
    }
    Path stateFile = dataDir.resolve(STATE_FILE);
    ObjectNode state = readState(stateFile);
    List<String> done = new ArrayList<>();
    Map<String, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();
    try (LoopbackServer responses = LoopbackServer.start(0, 0, exchange -> answer(exchange, answers))) {
      for (CustomResourceDef resource : template.customResources()) {
        JsonNode properties = JSON.valueToTree(resource.properties());
        JsonNode last = state.path(resource.logicalId());
        if (!last.isMissingNode() && last.path("Properties").equals(properties)) {
          continue;
        }
        String requestId = UUID.randomUUID().toString();
        ObjectNode request = request(template, resource, requestId, properties, last);
        request.put("ResponseURL", responses.endpoint() + "/" + requestId);
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        answers.put(requestId, answer);
        JsonNode response = send(functions.get(resource.functionLogicalId()), resource, request, answer);
        String physicalId = response.path("PhysicalResourceId").asText(resource.logicalId());
        state.putObject(resource.logicalId()).put("PhysicalResourceId", physicalId).set("Properties", properties);
        writeState(stateFile, state);
        done.add(resource.logicalId() + " (" + resource.type() + "): " + request.path("RequestType").asText()
            + " SUCCESS: " + response.path("Reason").asText(""));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot serve the custom resources' ResponseURL", e);
    }
    return done;
  }

  private static ObjectNode request(SamTemplate template, CustomResourceDef resource, String requestId,
      JsonNode properties, JsonNode last) {
    String stackId = "arn:aws:cloudformation:%s:%s:stack/taskapi-local/local".formatted(template.region(),
        FakeAws.ACCOUNT_ID);
    ObjectNode request = JSON.createObjectNode()
        .put("RequestType", last.isMissingNode() ? "Create" : "Update")
        .put("ServiceToken", properties.path("ServiceToken").asText())
        .put("StackId", stackId)
        .put("RequestId", requestId)
        .put("ResourceType", resource.type())
        .put("LogicalResourceId", resource.logicalId());
    if (!last.isMissingNode()) {
      request.put("PhysicalResourceId", last.path("PhysicalResourceId").asText());
      request.set("OldResourceProperties", last.path("Properties"));
    }
    request.set("ResourceProperties", properties);
    return request;
  }

  /** Invokes the function asynchronously, as CloudFormation does, and waits for the answer at the ResponseURL. */
  private static JsonNode send(LambdaFunction function, CustomResourceDef resource, ObjectNode request,
      CompletableFuture<JsonNode> answer) {
    String what = resource.logicalId() + " (" + resource.type() + ") " + request.path("RequestType").asText();
    Duration timeout = Duration.ofSeconds(resource.serviceTimeoutSeconds());
    Thread.ofVirtual().start(() -> {
      InvocationResult result = function.invokeJson(request.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
          request.path("RequestId").asText(), Duration.ofSeconds(function.definition().timeoutSeconds() + 5L));
      if (!(result instanceof InvocationResult.Returned)) {
        answer.completeExceptionally(new IllegalStateException(what + ": the function ended " + result
            + " before answering; CloudFormation would have waited ServiceTimeout for an answer"));
      }
    });
    JsonNode response;
    try {
      response = answer.get(timeout.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(what + ": no answer within its ServiceTimeout (" + timeout.toSeconds()
          + " s); the stack operation would fail", e);
    } catch (ExecutionException e) {
      throw (RuntimeException) e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + ": interrupted", e);
    }
    if (!"SUCCESS".equals(response.path("Status").asText())) {
      throw new IllegalStateException(what + " answered " + response.path("Status").asText() + ": "
          + response.path("Reason").asText() + ". The stack operation would fail; the local stack does not start.");
    }
    return response;
  }

  private static void answer(HttpExchange exchange, Map<String, CompletableFuture<JsonNode>> answers)
      throws IOException {
    try (exchange) {
      CompletableFuture<JsonNode> answer = answers.remove(exchange.getRequestURI().getPath().substring(1));
      if (!exchange.getRequestMethod().equals("PUT") || answer == null) {
        LoopbackServer.send(exchange, 403, new byte[0]); // as S3 answers a URL that was never pre-signed
        return;
      }
      answer.complete(JSON.readTree(exchange.getRequestBody()));
      LoopbackServer.send(exchange, 200, new byte[0]);
    }
  }

  private static ObjectNode readState(Path file) {
    try {
      return Files.exists(file) ? (ObjectNode) JSON.readTree(file.toFile()) : JSON.createObjectNode();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  private static void writeState(Path file, ObjectNode state) {
    try {
      Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }
}
