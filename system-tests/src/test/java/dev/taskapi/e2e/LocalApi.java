package dev.taskapi.e2e;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.taskapi.dynalite.TestDynamoDb;
import dev.taskapi.local.LocalStack;
import dev.taskapi.local.LocalStackOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The whole local stack (dynalite, secrets endpoint, API Gateway with the real handlers) started from the
 * project's own template.yaml on free ports with a fresh data folder. One instance serves every end-to-end
 * test class in the JVM, as one deployment serves many clients; tests isolate themselves by registering fresh
 * users.
 */
public final class LocalApi {
  static final Path TEMPLATE = Path.of("..", "template.yaml");
  /** The template parameter that turns the WAF rate rules on (Enabled, its default) or off (Disabled). */
  public static final String WAF_SWITCH = "WafRateRules";

  private static LocalApi shared;

  private final Path dataDir;
  private final UnaryOperator<LocalStackOptions> customize;
  private LocalStack stack;

  private LocalApi(Path dataDir, UnaryOperator<LocalStackOptions> customize) {
    this.dataDir = dataDir;
    this.customize = customize;
    this.stack = LocalStack.start(customize.apply(options(dataDir)));
  }

  public static synchronized LocalApi shared() {
    if (shared == null) {
      shared = new LocalApi(newDataDir(), UnaryOperator.identity());
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  /** A separate stack with its own data, for tests that stop and restart it. */
  public static LocalApi startPrivate() {
    return startPrivate(UnaryOperator.identity());
  }

  /** A separate stack whose options a test changes, e.g. to point the functions at a faulty DynamoDB. */
  public static LocalApi startPrivate(UnaryOperator<LocalStackOptions> customize) {
    return new LocalApi(newDataDir(), customize);
  }

  /**
   * template.yaml with its one {@code line} replaced by {@code replacement}, written beside it so relative paths
   * (CodeUri) keep resolving; the caller deletes the copy. Fails if the line is not in the template exactly once.
   */
  static Path templateReplacing(String line, String replacement) throws java.io.IOException {
    String original = java.nio.file.Files.readString(TEMPLATE);
    if (original.split(java.util.regex.Pattern.quote(line), -1).length != 2) {
      throw new IllegalStateException("not in the template exactly once: " + line);
    }
    Path copy = java.nio.file.Files.createTempFile(TEMPLATE.toAbsolutePath().getParent(), ".template-changed-", ".yaml");
    java.nio.file.Files.writeString(copy, original.replace(line, replacement));
    return copy;
  }

  /**
   * The project's template with the WAF rate rules off: the suites send far more credential requests from one
   * address than a client may (they are about the API, not the per-client limit). {@code WafRateLimitTest} turns
   * them on again, as the template's default has them.
   */
  static LocalStackOptions options(Path dataDir) {
    return LocalStackOptions.defaults()
        .withTemplate(TEMPLATE)
        .withDataDir(dataDir)
        .withPort(0)
        .withEnvironment(TestDynamoDb.stackEnvironment())
        .withParameterOverrides(Map.of(WAF_SWITCH, "Disabled"));
  }

  public ApiClient client() {
    return new ApiClient(stack.baseUri());
  }

  /** A client connecting from another loopback address, e.g. 127.0.0.2: to the stack, a client IP of its own. */
  public ApiClient clientFrom(String loopbackAddress) {
    try {
      return new ApiClient(stack.baseUri(), java.net.InetAddress.getByName(loopbackAddress));
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(loopbackAddress, e);
    }
  }

  public Path dataDir() {
    return dataDir;
  }

  public LocalStack stack() {
    return stack;
  }

  /** The signing key the stack generated, to forge tokens that are well signed but wrong in another way. */
  public byte[] signingKey() {
    try {
      return Files.readAllBytes(dataDir.resolve("secrets").resolve("SigningKeySecret"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A token for {@code account} signed with the stack's key and right in every claim, but expired an hour ago. */
  public String expiredToken(ApiClient.Account account) {
    Instant now = Instant.now();
    return JWT.create().withSubject(account.id()).withClaim("email", account.email()).withClaim("ver", 0)
        .withIssuer("task-api").withAudience("task-api-clients")
        .withIssuedAt(now.minusSeconds(7200)).withExpiresAt(now.minusSeconds(3600))
        .sign(Algorithm.HMAC256(signingKey()));
  }

  /** Stops everything and starts it again on the same data folder (and a new free port). */
  public void restart() {
    stack.close();
    stack = LocalStack.start(customize.apply(options(dataDir)));
  }

  public void close() {
    stack.close();
  }

  private static Path newDataDir() {
    try {
      return Files.createTempDirectory("taskapi-e2e-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
