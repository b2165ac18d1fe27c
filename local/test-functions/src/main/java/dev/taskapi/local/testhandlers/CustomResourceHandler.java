package dev.taskapi.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.api.JsonStreams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A custom resource's function for the local stack's tests: answers the request's ResponseURL with the Status its
 * {@code Answer} property names (SUCCESS, FAILED; NONE answers nothing), a Reason that repeats the request's
 * RequestType and its old {@code Answer}, and the PhysicalResourceId {@code physical-<LogicalResourceId>}.
 */
public final class CustomResourceHandler implements RequestStreamHandler {
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode request = JsonStreams.readTree(input);
    String status = request.path("ResourceProperties").path("Answer").asText();
    if (status.equals("NONE")) {
      return;
    }
    ObjectNode answer = JsonNodeFactory.instance.objectNode()
        .put("Status", status)
        .put("Reason", request.path("RequestType").asText() + " from "
            + request.path("OldResourceProperties").path("Answer").asText("nothing") + " of "
            + request.path("PhysicalResourceId").asText("none"))
        .put("PhysicalResourceId", "physical-" + request.path("LogicalResourceId").asText())
        .put("StackId", request.path("StackId").asText())
        .put("RequestId", request.path("RequestId").asText())
        .put("LogicalResourceId", request.path("LogicalResourceId").asText());
    byte[] body = answer.toString().getBytes(StandardCharsets.UTF_8);
    HttpURLConnection put =
        (HttpURLConnection) URI.create(request.path("ResponseURL").asText()).toURL().openConnection();
    put.setRequestMethod("PUT");
    put.setDoOutput(true);
    put.getOutputStream().write(body);
    if (put.getResponseCode() != 200) {
      throw new IOException("the ResponseURL answered " + put.getResponseCode());
    }
  }
}
