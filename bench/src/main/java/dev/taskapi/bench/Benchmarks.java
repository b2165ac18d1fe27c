package dev.taskapi.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.api.Json;
import dev.taskapi.auth.SessionPolicy;
import dev.taskapi.auth.Sessions;
import dev.taskapi.auth.TokenConfig;
import dev.taskapi.auth.TokenService;
import dev.taskapi.config.Environment;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.domain.TaskLists;
import dev.taskapi.domain.TaskPositions;
import dev.taskapi.domain.User;
import dev.taskapi.local.LocalStack;
import dev.taskapi.local.LocalStackOptions;
import dev.taskapi.local.lambda.LambdaFunction;
import dev.taskapi.local.template.AuthorizerDef;
import dev.taskapi.password.PasswordHasher;
import dev.taskapi.schema.ChangeItem;
import dev.taskapi.schema.TaskItem;
import dev.taskapi.store.dynamodb.DynamoDbClients;
import dev.taskapi.store.dynamodb.DynamoDbPasswordResetStore;
import dev.taskapi.store.dynamodb.DynamoDbSessionStore;
import dev.taskapi.store.dynamodb.DynamoDbListStore;
import dev.taskapi.store.dynamodb.DynamoDbWebhookStore;
import dev.taskapi.store.dynamodb.DynamoDbTaskStore;
import dev.taskapi.store.dynamodb.DynamoDbUserStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The benchmark harness: starts the local stack on free ports with fresh data, measures everything in one run
 * on this machine, and writes the Markdown report. {@code bin/bench} runs it; {@code --quick} is the smoke run.
 */
public final class Benchmarks {
  /** How much to measure. */
  record Settings(String name, int coldRuns, int aotFunctions, int warmups, int warmRuns, int slowWarmRuns,
      List<Integer> scaleSizes, int scaleRuns, Duration throughputTime, int restoreRequests) {
    static final Settings FULL = new Settings("full", 7, Integer.MAX_VALUE, 200, 300, 40,
        List.of(10, 1_000, 100_000), 200, Duration.ofSeconds(10), 100);
    static final Settings QUICK = new Settings("quick", 1, 1, 5, 10, 3, List.of(10, 100), 10,
        Duration.ofSeconds(1), 10);

    Settings withColdRuns(int runs) {
      return new Settings(name, runs, aotFunctions, warmups, warmRuns, slowWarmRuns, scaleSizes, scaleRuns,
          throughputTime, restoreRequests);
    }
  }

  static final int CLIENTS = 8;
  /** The creates of the measured POST /batch: as many as a batch takes. */
  static final int BATCH_CREATES = 100;
  /** The user id in events/*.json, replaced by each measured account's. */
  static final String SAMPLE_USER = "0b6a3b4e-5d1c-4f8e-9a2b-7c3d4e5f6a7b";
  /** The account size the query figures are measured at (issue 22: "over 10,000 tasks in one account"). */
  static final int QUERY_TASKS = 10_000;
  /** The changes GET /sync is measured over (issue 23: "/sync with a token and 1,000 changes"). */
  static final int SYNC_CHANGES = 1_000;
  /** The functions whose cold start (b) is broken down by class loading: one of each kind. */
  static final List<String> BREAKDOWN = List.of("GetTaskFunction", "AuthorizerFunction", "LoginFunction");
  /** The JIT options compared after an approximated SnapStart restore: C1 only, full tiered compilation. */
  static final List<String> JIT_OPTIONS = List.of(RuntimeJit.C1_ONLY, RuntimeJit.FULL_TIERED);

  private final Settings settings;
  private final Path root;
  private final Report report;
  private final Scope scope;

  /**
   * What to measure: every part and function (bin/bench), or, while working on cold starts or warm latency, only
   * that part for some functions ({@code --cold-only --functions A,B}, {@code --warm-only --functions A,B}); such
   * a report is for comparison, not BENCHMARKS.md.
   */
  record Scope(Part part, Set<String> functions) {
    static final Scope ALL = new Scope(Part.ALL, Set.of());

    /**
     * The parts of a run: all of them, or only the cold starts, or only the restore side, or only warm latency, or
     * only the GET /tasks queries, or only POST /batch against single creates.
     */
    enum Part { ALL, COLD_ONLY, RESTORE_ONLY, WARM_ONLY, QUERIES_ONLY, BATCH_ONLY, WEBHOOKS_ONLY }

    boolean includes(String function) {
      return functions.isEmpty() || functions.contains(function);
    }

    /** The full run breaks down one function of each kind; a run for some functions, each of them. */
    boolean brokenDown(String function) {
      return functions.isEmpty() ? BREAKDOWN.contains(function) : functions.contains(function);
    }
  }

  Benchmarks(Settings settings, Path root, Report report, Scope scope) {
    this.settings = settings;
    this.root = root;
    this.report = report;
    this.scope = scope;
  }

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.FULL;
    Path out = Path.of("BENCHMARKS.md");
    Path root = Path.of("");
    Scope.Part part = Scope.Part.ALL;
    Set<String> only = Set.of();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> settings = Settings.QUICK;
        case "--out" -> out = Path.of(args[++i]);
        case "--root" -> root = Path.of(args[++i]);
        case "--cold-only" -> part = Scope.Part.COLD_ONLY;
        case "--restore-only" -> part = Scope.Part.RESTORE_ONLY;
        case "--warm-only" -> part = Scope.Part.WARM_ONLY;
        case "--queries-only" -> part = Scope.Part.QUERIES_ONLY;
        case "--batch-only" -> part = Scope.Part.BATCH_ONLY;
        case "--webhooks-only" -> part = Scope.Part.WEBHOOKS_ONLY;
        case "--functions" -> only = Set.of(args[++i].split(","));
        case "--cold-runs" -> settings = settings.withColdRuns(Integer.parseInt(args[++i]));
        default -> throw new IllegalArgumentException("usage: Benchmarks [--quick] [--out FILE] [--root DIR] "
            + "[--cold-only | --restore-only | --warm-only | --queries-only | --batch-only | --webhooks-only] "
            + "[--functions A,B] "
            + "[--cold-runs N]");
      }
    }
    long start = System.nanoTime();
    Report report = new Report(settings.name());
    new Benchmarks(settings, root.toAbsolutePath().normalize(), report, new Scope(part, only)).run();
    report.finish(Duration.ofNanos(System.nanoTime() - start));
    // --out target/cold.md from the project root, where no build has made target/ yet.
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Files.writeString(out, report.markdown() + keptSections(out), StandardCharsets.UTF_8);
    System.out.println("Wrote " + out.toAbsolutePath());
  }

  /** Marks where BENCHMARKS.md's sections written by other benchmarks begin; a run keeps them as they are. */
  static final String KEPT_SECTIONS_MARKER = "<!-- Sections below come from other benchmarks";

  /** The part of the existing report from {@link #KEPT_SECTIONS_MARKER} on, or nothing. */
  static String keptSections(Path report) throws java.io.IOException {
    if (!Files.exists(report)) {
      return "";
    }
    String existing = Files.readString(report, StandardCharsets.UTF_8);
    int start = existing.indexOf(KEPT_SECTIONS_MARKER);
    return start < 0 ? "" : "\n" + existing.substring(start);
  }

  /** PutItems per table for the stream's price, and events awaited at the receiver for the delivery latency. */
  private static final int WEBHOOK_WRITES = 400;
  private static final int WEBHOOK_EVENTS = 30;
  /** Reminders a second apart: the run waits about this many seconds for them. */
  private static final int REMINDERS = 20;

  void run() throws Exception {
    Path data = Files.createTempDirectory("taskapi-bench-");
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.remove("DYNAMODB_ENDPOINT");
    // The functions' own work is measured: POST /auth/password-reset's deliberate wait (PasswordResetAnswerMs, 1 s
    // by default, so its timing shows no account) would be all its latency.
    LocalStackOptions options = LocalStackOptions.defaults()
        .withTemplate(root.resolve("template.yaml")).withDataDir(data).withPort(0).withEnvironment(environment)
        // The benchmark is one client sending thousands of logins, which the per-client WAF rule would block.
        .withParameterOverrides(Map.of("PasswordResetAnswerMs", "0", "WafRateRules", "Disabled"));
    try (LocalStack stack = LocalStack.start(options); Run run = new Run(stack, data)) {
      run.all();
    }
  }

  /** One run against one local stack. */
  private final class Run implements AutoCloseable {
    private final LocalStack stack;
    private final Path data;
    private final List<FunctionUnderTest> functions;
    private final Map<String, String> apiEnvironment;
    private final DynamoDbClient direct;
    private final DynamoDbTaskStore tasks;
    private final TokenService tokens;
    private final DiscardingReceiver receiver = new DiscardingReceiver();
    private final SampleEvents samples;
    private final Map<String, WarmLatency.Result> warm = new LinkedHashMap<>();
    private final List<Report.Failure> restoreFailures = new ArrayList<>();

    Run(LocalStack stack, Path data) {
      this.stack = stack;
      this.data = data;
      List<FunctionUnderTest> every = FunctionUnderTest.all(root, stack.template().functions().values());
      this.functions = every.stream().filter(f -> scope.includes(f.name())).toList();
      this.apiEnvironment = every.stream().map(f -> environment(f))
          .filter(env -> env.containsKey("TABLE_NAME")).findFirst().orElseThrow();
      this.direct = DynamoDbClients.create(new Environment(tableEnvironment(apiEnvironment)));
      this.tasks = new DynamoDbTaskStore(direct, apiEnvironment.get("TABLE_NAME"));
      Map<String, String> tokenEnvironment = every.stream().map(f -> environment(f))
          .filter(env -> env.containsKey(TokenConfig.SECRET_ID_VARIABLE)).findFirst().orElseThrow();
      this.tokens = TokenConfig.tokenService(new Environment(tokenEnvironment), Clock.systemUTC());
      DynamoDbUserStore users = new DynamoDbUserStore(direct, apiEnvironment.get("TABLE_NAME"));
      this.samples = new SampleEvents(tokens, tasks, users, new Sessions(tokens,
          new DynamoDbSessionStore(direct, apiEnvironment.get("TABLE_NAME")), users, SessionPolicy.DEFAULT,
          Clock.systemUTC()), new DynamoDbPasswordResetStore(direct, apiEnvironment.get("TABLE_NAME")),
          new DynamoDbListStore(direct, apiEnvironment.get("TABLE_NAME")),
          new DynamoDbWebhookStore(direct, apiEnvironment.get("TABLE_NAME")), receiver.url());
    }

    @Override
    public void close() {
      receiver.close();
    }

    void all() throws Exception {
      samples.createSampleAccount();
      report.machine();
      if (scope.part() == Scope.Part.QUERIES_ONLY) {
        queries();
        sync();
        return;
      }
      if (scope.part() == Scope.Part.BATCH_ONLY) {
        batchOfCreates();
        return;
      }
      if (scope.part() == Scope.Part.WEBHOOKS_ONLY) {
        webhookEvents();
        return;
      }
      report.artifacts(functions);
      if (scope.part() == Scope.Part.RESTORE_ONLY) {
        ColdStart cold = coldStart();
        restores(cold, measured());
        afterRestore(cold, measured());
        return;
      }
      if (scope.part() != Scope.Part.WARM_ONLY) {
        coldStarts();
      }
      if (scope.part() == Scope.Part.COLD_ONLY) {
        return;
      }
      warmLatency();
      if (scope.part() == Scope.Part.WARM_ONLY) {
        return;
      }
      passwordHashing();
      // Before the fixtures of the next parts: each item they write is a stream record the publisher reads first.
      webhookEvents();
      scale();
      queries();
      batchOfCreates();
      sync();
      throughput();
      report.cost(functions, warm, stack.template().api().orElseThrow().authorizers().values().stream()
          .mapToInt(AuthorizerDef::reauthorizeEverySeconds).max().orElse(0));
    }

    /**
     * A function's client configuration pointed at the table itself, past the functions' IAM endpoint: the
     * benchmark writes fixtures and replays calls that no single function's policies allow all of.
     */
    private Map<String, String> tableEnvironment(Map<String, String> functionEnvironment) {
      Map<String, String> table = new HashMap<>(functionEnvironment);
      table.put("DYNAMODB_ENDPOINT", stack.dynamoDbEndpoint().toString());
      table.put("AWS_ACCESS_KEY_ID", stack.runtime().backendCredentials().accessKeyId());
      table.put("AWS_SECRET_ACCESS_KEY", stack.runtime().backendCredentials().secretAccessKey());
      table.remove("AWS_SESSION_TOKEN");
      return table;
    }

    private Map<String, String> environment(FunctionUnderTest function) {
      return stack.runtime().lambdaEnvironment().forFunction(function.definition());
    }

    /** The launcher of every fresh JVM this run starts. */
    private ColdStart coldStart() throws IOException {
      return new ColdStart(Path.of(System.getProperty("java.home")), classpaths(), data);
    }

    /** The functions a fresh JVM can be measured for: those with an {@code events/} sample. */
    private List<FunctionUnderTest> measured() {
      return functions.stream().filter(f -> f.sampleEvent().isPresent()).toList();
    }

    private void coldStarts() throws Exception {
      ColdStart cold = coldStart();
      Map<String, List<List<ColdStart.Sample>>> samplesByFunction = new LinkedHashMap<>();
      List<FunctionUnderTest> measured = measured();
      Map<String, Path> aotCaches = new HashMap<>();
      // Each deployment package extracted once, as Lambda does into /var/task; every (b) run starts in it.
      Map<String, Path> taskRoots = new HashMap<>();
      int aotCount = 0;
      for (FunctionUnderTest function : measured) {
        if (aotCount++ < settings.aotFunctions()) {
          aotCaches.put(function.name(), data.resolve(function.name() + ".aot"));
        }
        taskRoots.put(function.name(), TaskRoot.extract(function.artifact(),
            data.resolve("task").resolve(function.name())));
      }
      for (int run = 0; run < settings.coldRuns(); run++) {
        for (FunctionUnderTest function : measured) {
          Map<String, String> env = RuntimeJit.onDemand(environment(function));
          String artifact = function.artifact().toString();
          Path taskRoot = taskRoots.get(function.name());
          String handler = function.definition().handlerClass() + "::" + function.definition().handlerMethod();
          Path event = data.resolve(function.name() + "-event.json");
          Files.writeString(event, samples.prepare(function.sampleEvent().get()));
          byte[] eventBytes = Files.readAllBytes(event);
          List<ColdStart.Sample> row = new ArrayList<>();
          row.add(cold.direct(artifact, function.definition().handlerClass(), event, env, List.of()));
          row.add(cold.direct(null, null, event, env, List.of()));
          row.add(cold.runtime(taskRoot, handler, samples.prepare(function.sampleEvent().get())
              .getBytes(StandardCharsets.UTF_8), env, List.of()));
          row.add(cold.runtime(null, null, eventBytes, env, List.of()));
          Path aot = aotCaches.get(function.name());
          if (aot != null) {
            if (run == 0) {
              // Training run: the JVM records what it loaded and linked, and writes the cache when it exits.
              cold.runtime(taskRoot, handler, samples.prepare(function.sampleEvent().get())
                  .getBytes(StandardCharsets.UTF_8), env, List.of("-XX:AOTCacheOutput=" + aot));
            }
            row.add(cold.runtime(taskRoot, handler, samples.prepare(function.sampleEvent().get())
                .getBytes(StandardCharsets.UTF_8), env, List.of("-XX:AOTCache=" + aot)));
          }
          samplesByFunction.computeIfAbsent(function.name(), k -> new ArrayList<>()).add(row);
          System.out.printf("cold start %s run %d: %s%n", function.name(), run + 1, row);
        }
      }
      Set<String> passwordBound = new HashSet<>();
      for (FunctionUnderTest function : measured) {
        if (SampleEvents.passwordBound(Files.readString(function.sampleEvent().get()))) {
          passwordBound.add(function.name());
        }
      }
      String options = String.join("` or `", measured.stream()
          .map(f -> RuntimeJit.describe(f.definition().environment().getOrDefault("JAVA_TOOL_OPTIONS", "")))
          .distinct().toList());
      report.coldStarts(samplesByFunction, settings.coldRuns(), options, passwordBound);
      sdkFloor(cold);
      Map<String, ClassLoadBreakdown> breakdowns = new LinkedHashMap<>();
      for (FunctionUnderTest function : measured) {
        if (scope.brokenDown(function.name())) {
          String handler = function.definition().handlerClass() + "::" + function.definition().handlerMethod();
          breakdowns.put(function.name(), cold.breakdown(function.name(), taskRoots.get(function.name()), handler,
              samples.prepare(function.sampleEvent().get()).getBytes(StandardCharsets.UTF_8),
              RuntimeJit.onDemand(environment(function))));
        }
      }
      report.classLoading(breakdowns);
      restores(cold, measured);
      afterRestore(cold, measured);
    }

    /**
     * The SDK's floor, (b) of {@code launch.SdkFloorHandler} (the DynamoDB client built as the functions build it,
     * one low-level {@code GetItem}) from GetTaskFunction's package and with its environment, interleaved with the
     * hello world: what no function on the SDK starts below.
     */
    private void sdkFloor(ColdStart cold) throws IOException {
      // From every function, not only those --functions names: the floor is the same whichever are measured.
      FunctionUnderTest getTask = FunctionUnderTest.all(root, stack.template().functions().values()).stream()
          .filter(f -> f.name().equals("GetTaskFunction")).findFirst().orElseThrow();
      Map<String, String> env = RuntimeJit.onDemand(environment(getTask));
      Path floorRoot = TaskRoot.sdkFloor(getTask.artifact(), Path.of(classpaths().launchJar()),
          data.resolve("task").resolve("sdk-floor"));
      String handler = TaskRoot.SDK_FLOOR_CLASSES.replace('/', '.') + "::handleRequest";
      byte[] event = "{}".getBytes(StandardCharsets.UTF_8);
      List<ColdStart.Sample> floor = new ArrayList<>();
      List<ColdStart.Sample> hello = new ArrayList<>();
      for (int run = 0; run < settings.coldRuns(); run++) {
        floor.add(cold.runtime(floorRoot, handler, event, env, List.of()));
        hello.add(cold.runtime(null, null, event, env, List.of()));
        System.out.printf("SDK floor run %d: %s, hello %s%n", run + 1, floor.getLast(), hello.getLast());
      }
      report.sdkFloor(floor, hello);
    }

    /**
     * Issue 25, the restore side: every function started as the {@code live} alias starts it, from a SnapStart
     * snapshot, approximated in fresh JVMs with the JIT options the runtime gives it after a restore. Each request
     * gets an event of its own (prepared as for the warm runs), since some consume their state (a deletion, a
     * one-time token).
     */
    private void restores(ColdStart cold, List<FunctionUnderTest> measured) throws IOException {
      Map<String, List<ColdStart.Restore>> byFunction = new LinkedHashMap<>();
      Map<String, String> jitOptions = new LinkedHashMap<>();
      int runs = Math.min(3, settings.coldRuns());
      for (int run = 0; run < runs; run++) {
        for (FunctionUnderTest function : measured) {
          Path events = Files.createDirectories(data.resolve("restore-events").resolve(function.name() + "-" + run));
          for (int i = 0; i < settings.restoreRequests(); i++) {
            Files.writeString(events.resolve(String.format("event-%04d.json", i)),
                samples.prepare(function.sampleEvent().get()));
          }
          String options = RuntimeJit.afterRestore(environment(function).getOrDefault("JAVA_TOOL_OPTIONS", ""));
          Map<String, String> env = new HashMap<>(environment(function));
          env.put("JAVA_TOOL_OPTIONS", options);
          ColdStart.Restore restore = cold.afterPriming(function.artifact().toString(),
              function.definition().handlerClass(), events, env, settings.restoreRequests());
          byFunction.computeIfAbsent(function.name(), k -> new ArrayList<>()).add(restore);
          failedAfterRestore(function.name() + ", JVM " + (run + 1), restore);
          jitOptions.put(function.name(), options);
          System.out.printf("restore %s run %d: heap %d KiB, first request %d classes, %.0f ms%n", function.name(),
              run + 1, restore.heapBytes() / 1024, restore.firstRequestClasses(), restore.firstRequestMillis());
        }
      }
      report.restores(byFunction, jitOptions, settings.restoreRequests(), runs);
    }

    /**
     * Issue 16, JIT options: C1 only against full tiered compilation (the JVM's default, which the java25 runtime
     * keeps for SnapStart and provisioned concurrency unless JAVA_TOOL_OPTIONS says otherwise), over the first
     * requests after an approximated restore, runs of the two interleaved.
     */
    private void afterRestore(ColdStart cold, List<FunctionUnderTest> measured) throws IOException {
      Map<String, Map<String, List<Double>>> byFunction = new LinkedHashMap<>();
      Map<String, String> templateOptions = new LinkedHashMap<>();
      int runs = Math.min(3, settings.coldRuns());
      for (FunctionUnderTest function : measured) {
        if (!BREAKDOWN.contains(function.name())) {
          continue;
        }
        Path event = data.resolve(function.name() + "-primed-event.json");
        Files.writeString(event, samples.prepare(function.sampleEvent().get()));
        Map<String, List<Double>> byOptions = new LinkedHashMap<>();
        for (int run = 0; run < runs; run++) {
          for (String options : JIT_OPTIONS) {
            Map<String, String> env = new HashMap<>(environment(function));
            env.put("JAVA_TOOL_OPTIONS", options);
            ColdStart.Restore restore = cold.afterPriming(function.artifact().toString(),
                function.definition().handlerClass(), event, env, settings.restoreRequests());
            byOptions.computeIfAbsent(options, k -> new ArrayList<>()).addAll(restore.latencies());
            failedAfterRestore(function.name() + ", `" + options + "`, JVM " + (run + 1), restore);
          }
        }
        byFunction.put(function.name(), byOptions);
        templateOptions.put(function.name(),
            RuntimeJit.afterRestore(environment(function).getOrDefault("JAVA_TOOL_OPTIONS", "")));
        System.out.printf("after restore %s: done%n", function.name());
      }
      report.afterRestore(byFunction, templateOptions, settings.restoreRequests(), runs);
      report.failedRequests(restoreFailures);
    }

    /** Keeps {@code restore}'s failed requests for the report, and says so at once. */
    private void failedAfterRestore(String where, ColdStart.Restore restore) {
      if (!restore.failures().isEmpty()) {
        System.out.printf("FAILED requests after restore, %s: %s%n", where, restore.failures());
        restoreFailures.add(new Report.Failure(where, restore.failures()));
      }
    }

    private ColdStart.Classpaths classpaths() throws IOException {
      Path launchJar = root.resolve("bench/target/bench-launch.jar");
      String[] entries = Files.readString(root.resolve("bench/target/classpath.txt")).trim().split(":");
      List<String> runtimeClient = new ArrayList<>();
      List<String> hello = new ArrayList<>();
      for (String entry : entries) {
        String name = Path.of(entry).getFileName().toString();
        // What Lambda puts in /var/runtime/lib beside the runtime client: aws-lambda-java-core, which the
        // function's own copy in its task root then resolves to (parent first), and the serialization jar.
        if (name.startsWith("aws-lambda-java-runtime-interface-client")
            || name.startsWith("aws-lambda-java-serialization") || name.startsWith("aws-lambda-java-core")) {
          runtimeClient.add(entry);
        }
        if (name.startsWith("aws-lambda-java-core") || name.startsWith("jackson-databind")
            || name.startsWith("jackson-core") || name.startsWith("jackson-annotations")) {
          hello.add(entry);
        }
      }
      return new ColdStart.Classpaths(launchJar.toString(), String.join(":", runtimeClient), String.join(":", hello));
    }

    private void warmLatency() throws Exception {
      WarmLatency latency = new WarmLatency(receiver);
      Set<String> passwordBound = new HashSet<>();
      Map<String, Integer> expected = new LinkedHashMap<>();
      for (FunctionUnderTest function : functions) {
        if (function.sampleEvent().isEmpty()) {
          continue;
        }
        String sample = Files.readString(function.sampleEvent().get());
        // Argon2id-bound functions take ~100x longer per call; fewer runs give as stable a median.
        boolean slow = SampleEvents.passwordBound(sample);
        if (slow) {
          passwordBound.add(function.name());
        }
        expected.put(function.name(), ExpectedRoundTrips.of(function.name()));
        // The authorizer's GetItem goes out without the SDK: its baseline is the same GetItem through the SDK.
        List<software.amazon.awssdk.core.SdkRequest> rawEquivalents = SampleEvents.isTokenEvent(sample)
            ? List.of(SampleEvents.authorizerGetItem(apiEnvironment.get("TABLE_NAME"))) : List.of();
        int runs = slow ? settings.slowWarmRuns() : settings.warmRuns();
        int warmups = slow ? Math.max(3, settings.warmups() / 10) : settings.warmups();
        LambdaFunction lambda = stack.runtime().functions().get(function.name());
        warm.put(function.name(), latency.measure(lambda, i -> samples.prepare(sample), warmups, runs,
            rawEquivalents));
        System.out.printf("warm %s: p50 %.2f ms%n", function.name(), warm.get(function.name()).function().median());
      }
      report.warm(warm, settings.warmRuns(), settings.slowWarmRuns(), expected, passwordBound);
    }

    /**
     * Issue 23: {@code POST /batch} of {@value #BATCH_CREATES} creates against as many single {@code POST /tasks},
     * warm and in process as the warm latency, both from their events/ samples prepared for the sample account;
     * the batch's body is its sample's one create_task repeated, each with a uuid of its own.
     */
    private void batchOfCreates() throws Exception {
      Optional<FunctionUnderTest> batch = sampled("BatchFunction");
      Optional<FunctionUnderTest> create = sampled("CreateTaskFunction");
      if (batch.isEmpty() || create.isEmpty()) {
        return;
      }
      ObjectNode event = (ObjectNode) Json.MAPPER.readTree(samples.prepare(batch.get().sampleEvent().get()));
      JsonNode operation = Json.MAPPER.readTree(event.path("body").asText()).path("operations").path(0);
      WarmLatency latency = new WarmLatency(receiver);
      IntFunction<String> batches = i -> {
        ArrayNode operations = Json.MAPPER.createArrayNode();
        for (int n = 0; n < BATCH_CREATES; n++) {
          operations.add(((ObjectNode) operation.deepCopy()).put("uuid", UUID.randomUUID().toString()));
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("operations", operations);
        return event.deepCopy().put("body", body.toString()).toString();
      };
      // A batch is 100 creates: the slow functions' run count keeps it to a few thousand tasks.
      WarmLatency.Result batched = latency.measure(stack.runtime().functions().get("BatchFunction"), batches,
          Math.max(3, settings.warmups() / 20), settings.slowWarmRuns());
      String single = Files.readString(create.get().sampleEvent().get());
      WarmLatency.Result singles = latency.measure(stack.runtime().functions().get("CreateTaskFunction"),
          i -> samples.prepare(single), settings.warmups(), settings.warmRuns());
      System.out.printf("batch of %d creates: p50 %.2f ms; single create p50 %.2f ms%n", BATCH_CREATES,
          batched.function().median(), singles.function().median());
      report.batchOfCreates(BATCH_CREATES, batched, singles);
    }

    private Optional<FunctionUnderTest> sampled(String name) {
      return functions.stream().filter(f -> f.name().equals(name) && f.sampleEvent().isPresent()).findFirst();
    }

    private void passwordHashing() {
      PasswordHasher hasher = new PasswordHasher(PasswordHasher.OWASP);
      List<Double> times = new ArrayList<>();
      for (int i = 0; i < settings.slowWarmRuns() + 3; i++) {
        long start = System.nanoTime();
        hasher.hash("correct horse battery staple " + i);
        if (i >= 3) {
          times.add((System.nanoTime() - start) / 1e6);
        }
      }
      report.passwordHashing(Stats.of(times), PasswordHasher.OWASP, warm.get("RegisterFunction"));
    }

    private void scale() throws Exception {
      FunctionUnderTest list = functions.stream().filter(f -> f.name().equals("ListTasksFunction")).findFirst()
          .orElse(null);
      if (list == null || list.sampleEvent().isEmpty()) {
        return;
      }
      String sample = Files.readString(list.sampleEvent().get());
      String sampleUser = SAMPLE_USER;
      LambdaFunction lambda = stack.runtime().functions().get(list.name());
      WarmLatency latency = new WarmLatency(receiver);
      Map<Integer, WarmLatency.Result> results = new LinkedHashMap<>();
      for (int size : settings.scaleSizes()) {
        String user = "scale-" + size + "-" + System.nanoTime();
        long seeding = System.nanoTime();
        seed(user, size);
        System.out.printf("seeded %d tasks in %.1f s%n", size, (System.nanoTime() - seeding) / 1e9);
        String event = sample.replace(sampleUser, user);
        results.put(size, latency.measure(lambda, i -> event, settings.scaleRuns() / 4, settings.scaleRuns()));
      }
      report.scale(results);
    }

    /**
     * {@code GET /tasks} queries over {@link #QUERY_TASKS} tasks of one account, each warm against the DynamoDB
     * Queries it made, sent again directly: the indexed ones (one Query a page) and the unindexed filters and sorts
     * (filtered and sorted in Java), with the read units computed from the items each Query read.
     */
    private void queries() throws Exception {
      FunctionUnderTest list = functions.stream().filter(f -> f.name().equals("ListTasksFunction")).findFirst()
          .orElse(null);
      if (list == null || list.sampleEvent().isEmpty()) {
        return;
      }
      String user = "queries-" + System.nanoTime();
      int count = settings == Settings.QUICK ? 1_000 : QUERY_TASKS;
      long seeding = System.nanoTime();
      seedVaried(user, count);
      System.out.printf("seeded %d varied tasks in %.1f s%n", count, (System.nanoTime() - seeding) / 1e9);
      String inbox = TaskLists.defaultListId(user);
      Map<String, String> indexed = new LinkedHashMap<>();
      indexed.put("limit=100", "table, newest first (the seed's listing)");
      indexed.put("completed=false&limit=100", "by-created, completed applied in Java");
      indexed.put("list_id=" + inbox + "&limit=100", "by-position");
      indexed.put("list_id=" + inbox + "&sort=-position&limit=100", "by-position, descending");
      Map<String, String> unindexed = new LinkedHashMap<>();
      unindexed.put("q=needle&limit=100", "q matching 1 in 100, newest first");
      unindexed.put("q=nothing-matches&limit=100", "q matching none (reads to the bound)");
      unindexed.put("label=work&limit=100", "label (1 in 3)");
      unindexed.put("priority=high&limit=100", "priority (1 in 4)");
      unindexed.put("due_before=2027-01-15&limit=100", "due range (1 in 7 of those with a due)");
      unindexed.put("list_id=" + inbox + "&label=work&limit=100", "by-position with a label");
      unindexed.put("sort=due&limit=100", "sorted by due");
      unindexed.put("sort=-priority&label=home&limit=100", "sorted by priority, a label");
      unindexed.put("sort=updated&q=needle&limit=100", "sorted by updated, q");
      String sample = Files.readString(list.sampleEvent().get());
      LambdaFunction lambda = stack.runtime().functions().get(list.name());
      WarmLatency latency = new WarmLatency(receiver);
      int runs = Math.max(5, settings.scaleRuns() / 10);
      Map<String, WarmLatency.Result> indexedResults = new LinkedHashMap<>();
      Map<String, WarmLatency.Result> unindexedResults = new LinkedHashMap<>();
      for (Map.Entry<String, String> query : indexed.entrySet()) {
        String event = queryEvent(sample, user, query.getKey());
        indexedResults.put(query.getKey(), latency.measure(lambda, i -> event, runs, runs * 4));
        System.out.printf("query %s: p50 %.2f ms%n", query.getKey(), indexedResults.get(query.getKey()).function().median());
      }
      for (Map.Entry<String, String> query : unindexed.entrySet()) {
        String event = queryEvent(sample, user, query.getKey());
        unindexedResults.put(query.getKey(), latency.measure(lambda, i -> event, 2, Math.max(5, runs / 2)));
        System.out.printf("query %s: p50 %.2f ms%n", query.getKey(), unindexedResults.get(query.getKey()).function().median());
      }
      report.queries(count, inbox, list.definition().memoryMb(), indexed, indexedResults, unindexed, unindexedResults);
    }

    /**
     * {@code GET /sync} with a token and {@link #SYNC_CHANGES} changes (issue 23): the first page of 100, warm,
     * against the same Query and BatchGetItem sent directly, and the pages a client takes to catch up. The changes
     * are one task each, written as the writers write them (the task, then entry n naming it, the counter at the
     * last); the token is the account's own, from its full sync before them.
     */
    private void sync() throws Exception {
      FunctionUnderTest function = functions.stream().filter(f -> f.name().equals("SyncFunction")).findFirst()
          .orElse(null);
      if (function == null || function.sampleEvent().isEmpty()) {
        return;
      }
      String user = java.util.UUID.randomUUID().toString();
      String sample = Files.readString(function.sampleEvent().get());
      LambdaFunction lambda = stack.runtime().functions().get(function.name());
      String token = page(lambda, sample, user, "limit=100").path("token").asText();
      seedChanges(user, SYNC_CHANGES);
      String first = queryEvent(sample, user, "limit=100&token=" + token);
      int runs = Math.max(5, settings.scaleRuns() / 10);
      WarmLatency.Result result = new WarmLatency(receiver).measure(lambda, i -> first, runs, runs * 4);
      int pages = 0;
      int items = 0;
      for (boolean more = true; more && pages < SYNC_CHANGES; pages++) {
        com.fasterxml.jackson.databind.JsonNode page = page(lambda, sample, user, "limit=100&token=" + token);
        items += page.path("tasks").size();
        token = page.path("token").asText();
        more = page.path("has_more").asBoolean();
      }
      if (items != SYNC_CHANGES) {
        throw new IllegalStateException("GET /sync answered " + items + " of " + SYNC_CHANGES + " changed tasks");
      }
      System.out.printf("sync: %d changes in %d pages, first page p50 %.2f ms (raw %.2f ms)%n", SYNC_CHANGES, pages,
          result.function().median(), result.baseline().median());
      report.sync(SYNC_CHANGES, pages, function.definition().memoryMb(), result);
    }

    /** Issue 26: the write's price for being published, and an event's delivery latency ({@link WebhookEventLatency}). */
    private void webhookEvents() throws Exception {
      FunctionUnderTest create = functions.stream().filter(f -> f.name().equals("CreateTaskFunction")).findFirst()
          .orElse(null);
      if (create == null || create.sampleEvent().isEmpty()
          || !stack.template().functions().containsKey("PublishWebhookEventsFunction")) {
        return;
      }
      String table = apiEnvironment.get("TABLE_NAME");
      Stats[] writes = WebhookEventLatency.writeCost(direct, table, Math.min(WEBHOOK_WRITES, settings.warmRuns() * 2));
      User caller = samples.createSampleAccount();
      Stats delivery = WebhookEventLatency.delivery(stack.runtime().functions().get(create.name()),
          samples.prepare(Files.readString(create.sampleEvent().get())),
          new DynamoDbWebhookStore(direct, table), caller.id(), caller.email(),
          Math.min(WEBHOOK_EVENTS, settings.warmRuns() / 2));
      System.out.printf("webhook events: PutItem p50 %.2f ms with the stream, %.2f without; delivery p50 %.0f ms%n",
          writes[0].median(), writes[1].median(), delivery.median());
      report.webhookEvents(writes[0], writes[1], delivery);
      if (stack.template().functions().containsKey("FireReminderFunction")) {
        Stats late = ReminderLateness.lateness(stack.runtime().functions().get(create.name()),
            samples.prepare(Files.readString(create.sampleEvent().get())),
            new DynamoDbWebhookStore(direct, table), caller.id(), caller.email(), REMINDERS);
        System.out.printf("reminders: reminder.fired p50 %.0f ms after its moment, p99 %.0f ms%n",
            late.median(), late.percentile(99));
        report.reminders(late);
      }
    }

    /** One page of {@code GET /sync} for {@code user} with {@code query}: the answer's body. */
    private static com.fasterxml.jackson.databind.JsonNode page(LambdaFunction lambda, String sample, String user,
        String query) throws Exception {
      com.fasterxml.jackson.databind.JsonNode answer = WarmLatency.invokeOnce(lambda, queryEvent(sample, user, query));
      if (answer.path("statusCode").asInt() != 200) {
        throw new IllegalStateException("GET /sync?" + query + " answered " + answer);
      }
      return dev.taskapi.api.Json.MAPPER.readTree(answer.path("body").asText());
    }

    /** {@code count} tasks of {@code user} and the change-log entries 1 to {@code count}, one naming each. */
    private void seedChanges(String user, int count) throws Exception {
      seedVaried(user, count);
      String table = apiEnvironment.get("TABLE_NAME");
      List<WriteRequest> entries = new ArrayList<>();
      long expires = Instant.now().plus(ChangeItem.KEPT).getEpochSecond();
      direct.queryPaginator(r -> r.tableName(table).consistentRead(true)
              .keyConditionExpression("pk = :pk AND begins_with(sk, :task)")
              .expressionAttributeValues(Map.of(":pk", s(TaskItem.partitionKey(user)), ":task", s(TaskItem.SORT_PREFIX)))
              .projectionExpression("task_id"))
          .items()
          .forEach(task -> {
            long sequence = entries.size() + 1;
            Map<String, AttributeValue> entry = Map.of("pk", s(TaskItem.partitionKey(user)),
                "sk", s(ChangeItem.sortKey(sequence)), ChangeItem.SEQUENCE, AttributeValue.fromN(Long.toString(sequence)),
                ChangeItem.TASK_IDS, AttributeValue.fromSs(List.of(task.get("task_id").s())),
                ChangeItem.EXPIRES_AT, AttributeValue.fromN(Long.toString(expires)));
            entries.add(WriteRequest.builder().putRequest(PutRequest.builder().item(entry).build()).build());
          });
      writeAll(table, entries);
      direct.putItem(r -> r.tableName(table).item(Map.of("pk", s(TaskItem.partitionKey(user)),
          "sk", s(ChangeItem.COUNTER_SORT_KEY), ChangeItem.SEQUENCE, AttributeValue.fromN(Integer.toString(count)))));
    }

    /** The sample event as {@code user}'s, with {@code query} (a query string) as its parameters. */
    private static String queryEvent(String sample, String user, String query) throws java.io.IOException {
      com.fasterxml.jackson.databind.node.ObjectNode event =
          (com.fasterxml.jackson.databind.node.ObjectNode) dev.taskapi.api.Json.MAPPER.readTree(
              sample.replace(SAMPLE_USER, user));
      com.fasterxml.jackson.databind.node.ObjectNode single = event.putObject("queryStringParameters");
      com.fasterxml.jackson.databind.node.ObjectNode multi = event.putObject("multiValueQueryStringParameters");
      for (String pair : query.split("&")) {
        String[] parts = pair.split("=", 2);
        single.put(parts[0], parts[1]);
        multi.putArray(parts[0]).add(parts[1]);
      }
      return dev.taskapi.api.Json.MAPPER.writeValueAsString(event);
    }

    /**
     * {@code count} tasks as the API writes them (every attribute of a task created with a due, a priority and
     * labels, its index keys included), varied so each filter selects a known share: every 100th title holds
     * "needle", every 3rd task is labelled "work", every 5th "home", priorities cycle, 2 in 3 have a due spread
     * over 21 days, every 4th is completed. Titles and descriptions of everyday length (about 40 and 100 bytes).
     */
    private void seedVaried(String user, int count) throws Exception {
      String table = apiEnvironment.get("TABLE_NAME");
      TaskIds ids = new TaskIds();
      List<WriteRequest> requests = new ArrayList<>();
      long base = System.currentTimeMillis() - count;
      String[] priorities = {"none", "low", "medium", "high"};
      for (int i = 0; i < count; i++) {
        String id = ids.next(base + i).toString();
        boolean completed = i % 4 == 0;
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("USER#" + user));
        item.put("sk", s("TASK#" + id));
        item.put("task_id", s(id));
        item.put("user_id", s(user));
        item.put("created_at", s(Instant.ofEpochMilli(base + i).toString()));
        item.put("updated_at", s(Instant.ofEpochMilli(base + i).toString()));
        item.put("version", AttributeValue.fromN("1"));
        item.put("title", s((i % 100 == 0 ? "Find the needle " : "Water the plants ") + i));
        item.put("description", s("A task of everyday length, seeded by the benchmark to be searched and sorted."));
        item.put("completed", AttributeValue.fromBool(completed));
        item.put("completed_sk", s((completed ? "1#" : "0#") + id));
        item.put("priority", s(priorities[i % 4]));
        List<AttributeValue> labels = new ArrayList<>();
        if (i % 3 == 0) {
          labels.add(s("work"));
        }
        if (i % 5 == 0) {
          labels.add(s("home"));
        }
        if (!labels.isEmpty()) {
          item.put("labels", AttributeValue.fromL(labels));
        }
        if (i % 3 != 2) {
          item.put("due", AttributeValue.fromM(Map.of("date", s(LocalDate.of(2027, 1, 1).plusDays(i % 21).toString()))));
        }
        item.put(TaskItem.POSITION_SK, s(TaskItem.positionSortKey(TaskLists.defaultListId(user), "",
            TaskPositions.initial(id), id)));
        requests.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
      }
      writeAll(table, requests);
    }

    /** {@code count} tasks for {@code user}, written 25 at a time by 4 writers. */
    private void seed(String user, int count) throws Exception {
      TaskIds ids = new TaskIds();
      List<WriteRequest> requests = new ArrayList<>();
      long base = System.currentTimeMillis() - count;
      for (int i = 0; i < count; i++) {
        String id = ids.next(base + i).toString();
        Map<String, AttributeValue> item = Map.of(
            "pk", s("USER#" + user), "sk", s("TASK#" + id), "task_id", s(id), "user_id", s(user),
            "title", s("Task " + i), "description", s("Seeded by the benchmark."),
            "created_at", s(Instant.ofEpochMilli(base + i).toString()));
        requests.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
      }
      writeAll(apiEnvironment.get("TABLE_NAME"), requests);
    }

    /** {@code requests}, 25 to a BatchWriteItem, by 4 writers. */
    private void writeAll(String table, List<WriteRequest> requests) throws Exception {
      try (ExecutorService writers = Executors.newFixedThreadPool(4)) {
        List<Future<?>> done = new ArrayList<>();
        for (int from = 0; from < requests.size(); from += 25) {
          List<WriteRequest> batch = requests.subList(from, Math.min(from + 25, requests.size()));
          done.add(writers.submit(() -> write(table, batch)));
        }
        for (Future<?> future : done) {
          future.get();
        }
      }
    }

    private void write(String table, List<WriteRequest> requests) {
      Map<String, List<WriteRequest>> pending = Map.of(table, requests);
      while (!pending.isEmpty()) {
        Map<String, List<WriteRequest>> items = pending;
        BatchWriteItemResponse response = direct.batchWriteItem(r -> r.requestItems(items));
        pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        pending = pending.isEmpty() || pending.values().stream().allMatch(List::isEmpty) ? Map.of() : pending;
      }
    }

    private static AttributeValue s(String value) {
      return AttributeValue.fromS(value);
    }

    private void throughput() throws Exception {
      String user = "throughput-" + System.nanoTime();
      // The authorizer accepts only tokens of an existing account at its token version.
      User account = samples.account(user, user + "@bench.invalid", SampleEvents.SAMPLE_PASSWORD);
      seed(user, 10);
      String table = apiEnvironment.get("TABLE_NAME");
      URI uri = stack.baseUri().resolve("/tasks?limit=10");
      double api;
      try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
        Throughput.get(http, uri, samples.token(account)).run(); // first call: the functions' cold start
        api = Throughput.perSecond(CLIENTS, settings.throughputTime(), Throughput.get(http, uri,
            samples.token(account)));
      }
      double raw = Throughput.perSecond(CLIENTS, settings.throughputTime(), () -> direct.query(q -> q
          .tableName(table).keyConditionExpression("pk = :pk")
          .expressionAttributeValues(Map.of(":pk", s("USER#" + user)))
          .scanIndexForward(false).consistentRead(true).limit(11)));
      report.throughput(api, raw, CLIENTS, settings.throughputTime());
    }
  }
}
