package dev.taskapi.authorizer;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import dev.taskapi.auth.TokenService;
import dev.taskapi.config.Environment;
import dev.taskapi.domain.User;
import dev.taskapi.dynalite.Dynalite;
import dev.taskapi.dynalite.Dynalite.Credentials;
import dev.taskapi.local.dynamo.LocalTables;
import dev.taskapi.local.template.TemplateLoader;
import dev.taskapi.store.dynamodb.DynamoDbClients;
import dev.taskapi.store.dynamodb.DynamoDbUserStore;
import dev.taskapi.testing.Lambda;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the authorizer's account check (one signed GetItem) costs, against a baseline measured in the same run:
 * the same authorizer with the check replaced by "always current". Not a test (timings vary with the machine);
 * run it by hand, see BENCHMARKS.md. Cold start: a fresh JVM per sample, from loading the handler to its first
 * answer. Per request: warm, many authorizations in a row.
 */
public final class AuthorizerCheckBenchmark {
  private static final byte[] KEY = "benchmark-signing-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final int COLD_SAMPLES = 7;
  private static final int WARM_REQUESTS = 2000;

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].startsWith("cold-")) {
      // The parent hands its dynalite's credentials down in the environment, never on a command line.
      Credentials credentials = new Credentials(System.getenv("AWS_ACCESS_KEY_ID"), System.getenv("AWS_SECRET_ACCESS_KEY"));
      System.out.println(coldStartMillis(args[0].equals("cold-check"), args[1], credentials, args[2]));
      return;
    }
    try (Dynalite dynalite = Dynalite.start(null, 0)) {
      String endpoint = dynalite.endpoint().toString();
      Credentials credentials = dynalite.credentials();
      try (DynamoDbClient admin = LocalTables.client(dynalite.endpoint(), "us-east-1", credentials.accessKeyId(),
          credentials.secretAccessKey())) {
        LocalTables.deploy(admin, TemplateLoader.load(Path.of("..", "template.yaml"), Map.of(), "us-east-1").tables());
      }
      String email = "bench-" + UUID.randomUUID() + "@example.com";
      User user = new User(UUID.randomUUID().toString(), "bench", email, "$argon2id$x", Instant.now());
      try (DynamoDbClient client = DynamoDbClients.create(new Environment(environment(endpoint, credentials)))) {
        new DynamoDbUserStore(client, "TasksTable").create(user);
      }
      String token = tokens().issue(user.id(), email, 0, "bench-session");

      List<Double> coldBaseline = new ArrayList<>();
      List<Double> coldCheck = new ArrayList<>();
      for (int i = 0; i < COLD_SAMPLES; i++) { // alternated, so drift in machine load hits both alike
        coldBaseline.add(child("cold-baseline", endpoint, credentials, token));
        coldCheck.add(child("cold-check", endpoint, credentials, token));
      }
      TokenAuthorizerHandler baseline = new TokenAuthorizerHandler(tokens(), t -> true);
      TokenAuthorizerHandler checked = handler(endpoint, credentials);
      double warmBaseline = warmMicros(baseline, token);
      double warmCheck = warmMicros(checked, token);
      warmBaseline = Math.min(warmBaseline, warmMicros(baseline, token));
      warmCheck = Math.min(warmCheck, warmMicros(checked, token));

      double cb = median(coldBaseline);
      double cc = median(coldCheck);
      System.out.printf("cold start to first answer, median of %d fresh JVMs: baseline %.1f ms, with check %.1f ms,"
          + " ratio %.2f%n", COLD_SAMPLES, cb, cc, cc / cb);
      System.out.printf("warm per request, mean of %d: baseline %.1f us, with check %.1f us, ratio %.1f%n",
          WARM_REQUESTS, warmBaseline, warmCheck, warmCheck / warmBaseline);
    }
  }

  private static double coldStartMillis(boolean check, String endpoint, Credentials credentials, String token) {
    long start = System.nanoTime();
    TokenAuthorizerHandler handler = check ? handler(endpoint, credentials) : new TokenAuthorizerHandler(tokens(), t -> true);
    Lambda.invokeJson(handler, event(token), null);
    return (System.nanoTime() - start) / 1e6;
  }

  private static double child(String mode, String endpoint, Credentials credentials, String token) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", // as template.yaml's JAVA_TOOL_OPTIONS
                "-cp", System.getProperty("java.class.path"),
                AuthorizerCheckBenchmark.class.getName(), mode, endpoint, token)
            .redirectErrorStream(true);
    builder.environment().put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
    builder.environment().put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
    Process process = builder.start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String last = null;
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        last = line;
      }
      if (process.waitFor() != 0) {
        throw new IllegalStateException(mode + " failed: " + last);
      }
      return Double.parseDouble(last);
    }
  }

  private static double warmMicros(TokenAuthorizerHandler handler, String token) {
    for (int i = 0; i < WARM_REQUESTS / 4; i++) {
      Lambda.invokeJson(handler, event(token), null);
    }
    long start = System.nanoTime();
    for (int i = 0; i < WARM_REQUESTS; i++) {
      Lambda.invokeJson(handler, event(token), null);
    }
    return (System.nanoTime() - start) / 1e3 / WARM_REQUESTS;
  }

  private static TokenAuthorizerHandler handler(String endpoint, Credentials credentials) {
    return new TokenAuthorizerHandler(tokens(),
        DynamoDbAccountCheck.fromEnvironment(new Environment(environment(endpoint, credentials))));
  }

  private static TokenService tokens() {
    return new TokenService(KEY, "task-api", "task-api-clients", Duration.ofHours(1), Clock.systemUTC());
  }

  private static APIGatewayCustomAuthorizerEvent event(String token) {
    APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
    event.setAuthorizationToken("Bearer " + token);
    event.setMethodArn("arn:aws:execute-api:us-east-1:123456789012:abc/v1/GET/tasks");
    return event;
  }

  private static Map<String, String> environment(String endpoint, Credentials credentials) {
    return Map.of(
        "DYNAMODB_ENDPOINT", endpoint,
        "AWS_REGION", "us-east-1",
        "AWS_ACCESS_KEY_ID", credentials.accessKeyId(),
        "AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey(),
        "TABLE_NAME", "TasksTable");
  }

  private static double median(List<Double> samples) {
    double[] sorted = samples.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
