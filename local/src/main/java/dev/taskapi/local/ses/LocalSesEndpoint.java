package dev.taskapi.local.ses;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.taskapi.local.aws.FakeAws;
import dev.taskapi.local.aws.LoopbackServer;
import dev.taskapi.local.aws.OwnerOnlyFiles;
import dev.taskapi.local.iam.IamAuthorizer;
import dev.taskapi.local.iam.Principals;
import dev.taskapi.local.iam.RequestContext;
import dev.taskapi.local.iam.SignedCallers;
import dev.taskapi.local.iam.SignedCallers.Authentication;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A local mailbox behind Amazon SES API v2's {@code SendEmail} (SES API v2 Reference, "SendEmail":
 * {@code POST /v2/email/outbound-emails}, a JSON body with {@code FromEmailAddress}, {@code Destination} and
 * {@code Content}, answered {@code 200 {"MessageId": ...}}), so the functions' SDK client runs unchanged against
 * it. Each message becomes an RFC 5322 {@code .eml} file in the mail directory and one log line naming the
 * recipients, the subject and the file; the body (which carries reset tokens) is never logged.
 *
 * <p>As SES does, it authenticates the SigV4 signature (signing name {@code ses}) with the calling function's
 * credentials and authorizes {@code ses:SendEmail} on the sender's identity ARN (SES Developer Guide, "Controlling
 * access to Amazon SES": the resource of SendEmail is the identity). Errors are SES v2's REST-JSON shape: the
 * status, an {@code x-amzn-ErrorType} header and {@code {"message": ...}}; {@code BadRequestException} (400) for
 * invalid input and {@code AccessDeniedException} (403), the errors the reference names. Only Simple content is
 * served (Raw and Template answer BadRequestException saying so); there is no sandbox, so every recipient is
 * accepted.
 */
public final class LocalSesEndpoint implements AutoCloseable {
  static final String SEND_EMAIL_PATH = "/v2/email/outbound-emails";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

  private final Path mailDir;
  private final String region;
  private final SignedCallers callers;
  private final IamAuthorizer authorizer;
  private final Clock clock = Clock.systemUTC();
  private final LoopbackServer server;

  private LocalSesEndpoint(Path mailDir, String region, Principals principals, IamAuthorizer authorizer)
      throws IOException {
    this.mailDir = mailDir;
    this.region = region;
    this.callers = new SignedCallers(principals, "ses", clock);
    this.authorizer = authorizer;
    // Each mail holds a live reset link: the folder and its files are the owner's alone, an older run's included.
    OwnerOnlyFiles.folder(mailDir);
    this.server = LoopbackServer.start(0, 0, this::handle);
  }

  /** Serves on a free port of 127.0.0.1, writing messages into {@code mailDir} (created if missing; 0700, files 0600). */
  public static LocalSesEndpoint start(Path mailDir, String region, Principals principals, IamAuthorizer authorizer)
      throws IOException {
    return new LocalSesEndpoint(mailDir, region, principals, authorizer);
  }

  public URI endpoint() {
    return server.endpoint();
  }

  public Path mailDir() {
    return mailDir;
  }

  @Override
  public void close() {
    server.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Authentication caller = callers.authenticate(exchange, body);
      if (caller instanceof Authentication.Refused refused) {
        refuse(exchange, refused.refusal());
        return;
      }
      String function = ((Authentication.Caller) caller).function();
      if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals(SEND_EMAIL_PATH)) {
        error(exchange, 404, "NotFoundException", "The local SES endpoint serves SendEmail only.");
        return;
      }
      sendEmail(exchange, function, body);
    }
  }

  private void sendEmail(HttpExchange exchange, String function, byte[] body) throws IOException {
    JsonNode request;
    try {
      request = JSON.readTree(body);
    } catch (JacksonException e) {
      error(exchange, 400, "BadRequestException", "The request body is not valid JSON.");
      return;
    }
    String from = request == null ? "" : request.path("FromEmailAddress").asText("");
    List<String> to = new ArrayList<>();
    if (request != null) {
      request.path("Destination").path("ToAddresses").forEach(address -> to.add(address.asText()));
    }
    JsonNode simple = request == null ? null : request.path("Content").path("Simple");
    Optional<String> invalid = from.isEmpty() ? Optional.of("FromEmailAddress is required.")
        : to.isEmpty() ? Optional.of("Destination.ToAddresses must name at least one recipient.")
        : simple == null || simple.isMissingNode() ? Optional.of("Only Content.Simple is served locally.")
        : simple.path("Subject").path("Data").asText("").isEmpty() ? Optional.of("Subject.Data is required.")
        : !simple.path("Body").has("Text") && !simple.path("Body").has("Html")
            ? Optional.of("Body needs Text or Html.") : Optional.empty();
    if (invalid.isPresent()) {
      error(exchange, 400, "BadRequestException", invalid.get());
      return;
    }
    Optional<IamAuthorizer.Denial> denial = authorizer.authorize(function, List.of(new IamAuthorizer.Request(
        "ses:SendEmail", identityArn(from), RequestContext.empty())));
    if (denial.isPresent()) {
      error(exchange, 403, "AccessDeniedException", denial.get().message());
      return;
    }
    String messageId = "local-" + UUID.randomUUID();
    String subject = simple.path("Subject").path("Data").asText();
    List<EmlFile.Part> parts = new ArrayList<>();
    if (simple.path("Body").has("Text")) {
      parts.add(new EmlFile.Part("text/plain", simple.path("Body").path("Text").path("Data").asText()));
    }
    if (simple.path("Body").has("Html")) {
      parts.add(new EmlFile.Part("text/html", simple.path("Body").path("Html").path("Data").asText()));
    }
    Instant now = clock.instant();
    Path file = mailDir.resolve(FILE_TIME.format(now) + "-" + messageId + ".eml");
    OwnerOnlyFiles.writeNew(file, EmlFile.render(messageId, from, to, subject, parts, now));
    System.err.println("Mail: to=" + String.join(",", to) + " subject=\"" + subject + "\" file=" + file);
    respond(exchange, 200, Map.of("MessageId", messageId));
  }

  /** The identity SES authorizes SendEmail against: the sender's address identity. */
  private String identityArn(String from) {
    String address = from.contains("<") ? from.substring(from.indexOf('<') + 1, from.lastIndexOf('>')) : from;
    return FakeAws.sesIdentityArn(region, address.strip());
  }

  /** SES's answer (403) to a request that is not signed with a function's credentials. */
  private static void refuse(HttpExchange exchange, SignedCallers.Refusal refusal) throws IOException {
    switch (refusal) {
      case MISSING_AUTHENTICATION ->
          error(exchange, 403, "MissingAuthenticationTokenException", "Missing Authentication Token");
      case INCOMPLETE_SIGNATURE -> error(exchange, 403, "IncompleteSignatureException",
          "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders'.");
      case UNRECOGNIZED_CLIENT -> error(exchange, 403, "UnrecognizedClientException",
          "The security token included in the request is invalid.");
      case INVALID_SIGNATURE -> error(exchange, 403, "InvalidSignatureException",
          "The request signature we calculated does not match the signature you provided.");
    }
  }

  private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
    exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
    respond(exchange, status, Map.of("message", message));
  }

  private static void respond(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    LoopbackServer.send(exchange, status, bytes);
  }
}
