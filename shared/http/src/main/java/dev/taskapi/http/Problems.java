package dev.taskapi.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.taskapi.api.Json;
import dev.taskapi.api.JsonBody;
import dev.taskapi.domain.AuthenticationFailedException;
import dev.taskapi.domain.ConflictException;
import dev.taskapi.domain.DomainException;
import dev.taskapi.domain.ForbiddenException;
import dev.taskapi.domain.GoneException;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.NotFoundException;
import dev.taskapi.domain.PayloadTooLargeException;
import dev.taskapi.domain.PreconditionFailedException;
import dev.taskapi.domain.ServiceUnavailableException;
import dev.taskapi.domain.TooManyRequestsException;
import dev.taskapi.domain.UnprocessableContentException;
import dev.taskapi.domain.UnsupportedMediaTypeException;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The one place where errors become HTTP: RFC 9457 problem details, {@code application/problem+json}. The
 * {@code type} is {@code about:blank} (so {@code title} is the status phrase), except for a {@link GoneException},
 * whose type tells the client what to do; {@code detail} is a sentence for the client, and validation errors list the offending fields in {@code invalid_params}.
 */
public final class Problems {
  public static final String CONTENT_TYPE = "application/problem+json";

  private Problems() {}

  /**
   * The body of every error response: components in snake_case, absent ones left out, as {@link Json#MAPPER} writes
   * the record with its annotation (JsonBodyTest holds the two to the same output).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Problem(
      String type, String title, int status, String detail, List<InvalidParam> invalidParams) implements JsonBody {
    @Override
    public void writeTo(JsonGenerator json) throws IOException {
      json.writeStartObject();
      writeIfPresent(json, "type", type);
      writeIfPresent(json, "title", title);
      json.writeNumberField("status", status);
      writeIfPresent(json, "detail", detail);
      if (invalidParams != null) {
        json.writeArrayFieldStart("invalid_params");
        for (InvalidParam param : invalidParams) {
          param.writeTo(json);
        }
        json.writeEndArray();
      }
      json.writeEndObject();
    }
  }

  /** One offending field. */
  public record InvalidParam(String name, String reason) implements JsonBody {
    @Override
    public void writeTo(JsonGenerator json) throws IOException {
      json.writeStartObject();
      json.writeStringField("name", name);
      json.writeStringField("reason", reason);
      json.writeEndObject();
    }
  }

  private static void writeIfPresent(JsonGenerator json, String name, String value) throws IOException {
    if (value != null) {
      json.writeStringField(name, value);
    }
  }

  /** The problem answer of {@code e}: what a route answers, and what {@code POST /batch} puts in an operation's result. */
  public static ApiResponse from(DomainException e) {
    return switch (e) {
      case InvalidRequestException invalid -> problem(400, "Bad Request", invalid.detail(), params(invalid));
      case UnsupportedMediaTypeException u -> problem(415, "Unsupported Media Type", u.detail(), null);
      case PayloadTooLargeException p -> problem(413, "Content Too Large", p.detail(), null);
      case AuthenticationFailedException a ->
          withHeader(problem(401, "Unauthorized", a.detail(), null), "WWW-Authenticate", "Bearer");
      case ForbiddenException f -> problem(403, "Forbidden", f.detail(), null);
      case NotFoundException n -> problem(404, "Not Found", n.detail(), null);
      case ConflictException c -> problem(409, "Conflict", c.detail(), null);
      case GoneException g -> problem(g.type(), 410, "Gone", g.detail(), null);
      case TooManyRequestsException t ->
          withHeader(
              problem(429, "Too Many Requests", t.detail(), null),
              "Retry-After",
              Long.toString(t.retryAfterSeconds()));
      case PreconditionFailedException p -> problem(412, "Precondition Failed", p.detail(), null);
      case UnprocessableContentException u -> problem(422, "Unprocessable Content", u.detail(), null);
      case ServiceUnavailableException s ->
          withHeader(
              problem(503, "Service Unavailable", s.detail(), null),
              "Retry-After",
              Integer.toString(s.retryAfterSeconds()));
    };
  }

  /** A fault of ours: the client learns nothing but that it was not its fault. */
  static ApiResponse internalError() {
    return problem(500, "Internal Server Error", "The server could not answer this request.", null);
  }

  private static List<InvalidParam> params(InvalidRequestException e) {
    if (e.fieldErrors().isEmpty()) {
      return null;
    }
    return e.fieldErrors().stream().map(f -> new InvalidParam(f.name(), f.reason())).toList();
  }

  private static ApiResponse problem(int status, String title, String detail, List<InvalidParam> params) {
    return problem("about:blank", status, title, detail, params);
  }

  private static ApiResponse problem(
      String type, int status, String title, String detail, List<InvalidParam> params) {
    return new ApiResponse(
        status,
        new Problem(type, title, status, detail, params),
        Map.of("Content-Type", CONTENT_TYPE));
  }

  private static ApiResponse withHeader(ApiResponse response, String name, String value) {
    var headers = new java.util.HashMap<>(response.headers());
    headers.put(name, value);
    return new ApiResponse(response.status(), response.body(), headers);
  }
}
