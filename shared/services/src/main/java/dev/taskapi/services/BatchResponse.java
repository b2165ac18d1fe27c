package dev.taskapi.services;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.taskapi.api.JsonBody;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.EntityTag;
import dev.taskapi.http.Problems;
import java.io.IOException;
import java.util.List;

/**
 * The answer of {@code POST /batch}: {@code {"results": [...]}}, one result per operation, in order.
 *
 * @param bodies false for the form kept under an Idempotency-Key when the whole answer would not fit in its record
 *     ({@link IdempotentBatch}): each result without its {@code body}, and {@code "bodies_omitted": true}
 */
public record BatchResponse(List<Result> results, boolean bodies) implements JsonBody {

  /**
   * What one operation's route would have answered: {@code status}, its {@code body} on success or its
   * {@code problem} (RFC 9457, from {@link Problems}) on failure, and its ETag header's value as {@code etag}.
   */
  public record Result(int status, JsonBody body, String etag) {
    static Result of(ApiResponse response) {
      return new Result(response.status(), (JsonBody) response.body(), response.headers().get(EntityTag.ETAG));
    }

    void writeTo(JsonGenerator json, boolean withBody) throws IOException {
      json.writeStartObject();
      json.writeNumberField("status", status);
      if (etag != null) {
        json.writeStringField("etag", etag);
      }
      if (body instanceof Problems.Problem problem) {
        JsonBody.writeField(json, "problem", problem);
      } else if (withBody) {
        JsonBody.writeField(json, "body", body);
      }
      json.writeEndObject();
    }
  }

  @Override
  public void writeTo(JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeArrayFieldStart("results");
    for (Result result : results) {
      result.writeTo(json, bodies);
    }
    json.writeEndArray();
    if (!bodies) {
      json.writeBooleanField("bodies_omitted", true);
    }
    json.writeEndObject();
  }

  /** The same results without their bodies. */
  BatchResponse withoutBodies() {
    return new BatchResponse(results, false);
  }
}
