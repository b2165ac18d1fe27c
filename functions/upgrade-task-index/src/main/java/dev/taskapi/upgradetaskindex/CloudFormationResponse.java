package dev.taskapi.upgradetaskindex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The answer to a CloudFormation custom resource request ("Custom resource response objects", CloudFormation User
 * Guide): a PUT of a JSON object to the request's pre-signed {@code ResponseURL} with {@code Status} (SUCCESS or
 * FAILED), {@code Reason} (required when FAILED; the whole body may be at most 4,096 bytes), {@code
 * PhysicalResourceId}, and {@code StackId}, {@code RequestId} and {@code LogicalResourceId} copied from the request.
 * The Content-Type is empty, as in AWS's own {@code cfn-response} module: the URL is a pre-signed S3 PUT.
 */
final class CloudFormationResponse {
  /** Leaves room in the 4,096 bytes for the other members. */
  private static final int MAX_REASON = 2000;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private CloudFormationResponse() {}

  static void success(JsonNode request, String physicalResourceId, String reason) {
    send(request, "SUCCESS", physicalResourceId, reason);
  }

  static void failed(JsonNode request, String physicalResourceId, String reason) {
    send(request, "FAILED", physicalResourceId, reason);
  }

  private static void send(JsonNode request, String status, String physicalResourceId, String reason) {
    ObjectNode body = JsonNodeFactory.instance.objectNode()
        .put("Status", status)
        .put("Reason", reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason)
        .put("PhysicalResourceId", physicalResourceId)
        .put("StackId", request.path("StackId").asText())
        .put("RequestId", request.path("RequestId").asText())
        .put("LogicalResourceId", request.path("LogicalResourceId").asText());
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    try {
      HttpURLConnection connection =
          (HttpURLConnection) URI.create(request.path("ResponseURL").asText()).toURL().openConnection();
      connection.setRequestMethod("PUT");
      connection.setConnectTimeout((int) TIMEOUT.toMillis());
      connection.setReadTimeout((int) TIMEOUT.toMillis());
      connection.setDoOutput(true);
      connection.setRequestProperty("Content-Type", "");
      connection.setFixedLengthStreamingMode(bytes.length);
      try (OutputStream out = connection.getOutputStream()) {
        out.write(bytes);
      }
      int code = connection.getResponseCode();
      if (code / 100 != 2) {
        throw new IOException("the ResponseURL answered " + code);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not answer CloudFormation (" + status + "): " + e.getMessage(), e);
    }
  }
}
