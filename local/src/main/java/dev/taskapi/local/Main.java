package dev.taskapi.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.taskapi.local.aws.FakeAws;
import dev.taskapi.local.iam.FunctionPolicies;
import dev.taskapi.local.iam.Grant;
import dev.taskapi.local.iam.GrantUsage;
import dev.taskapi.local.iam.UnusedGrantsReport;
import dev.taskapi.local.lambda.FunctionLogs;
import dev.taskapi.local.lambda.InvocationResult;
import dev.taskapi.local.lambda.LambdaFunction;
import dev.taskapi.local.reload.HotReload;
import dev.taskapi.local.template.SamTemplate;
import dev.taskapi.local.template.TemplateException;
import dev.taskapi.local.template.TemplateLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * The command line: {@code start} runs the local API in the foreground, {@code invoke} runs one function
 * with an event file, like {@code sam local start-api} and {@code sam local invoke}; {@code iam-report} lists the
 * IAM grants that no recorded call used.
 */
public final class Main {
  private static final String USAGE = """
      Usage:
        start  [--port 3000] [--host 127.0.0.1] [--data-dir .data] [--template template.yaml]
               [--parameter-overrides Key=Value ...] [--no-reload]
        invoke <FunctionLogicalId> -e <event.json> [--data-dir .data] [--template template.yaml]
               [--parameter-overrides Key=Value ...]
        iam-report [--usage local/target/iam-usage.tsv] [--template template.yaml]
               per function, the template's IAM grants that allowed no call recorded in the usage file
      Environment: DYNAMODB_ENDPOINT uses that DynamoDB instead of starting dynalite;
                   TASKAPI_SECRET_<LOGICALID> overrides a generated secret.""";

  private static final Path DEFAULT_USAGE = Path.of("local", "target", "iam-usage.tsv");

  private Main() {}

  public static void main(String[] args) {
    int status;
    try {
      status = run(args, System.out, System.err);
    } catch (UsageException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      status = 2;
    }
    if (status != 0) {
      System.exit(status);
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      out.println(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    Arguments arguments = Arguments.parse(args);
    try {
      return switch (arguments.command()) {
        case "start" -> start(arguments, out);
        case "invoke" -> invoke(arguments, out);
        case "iam-report" -> iamReport(arguments, out);
        default -> throw new UsageException("Unknown command " + arguments.command());
      };
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof BindException) {
        err.println("Error: " + arguments.options().host() + ":" + arguments.options().port()
            + " is already in use; stop what is using it or pass --port <another port>.");
      } else {
        err.println("Error: " + e.getCause().getMessage());
      }
      return 1;
    } catch (TemplateException | IllegalStateException e) {
      err.println("Error: " + e.getMessage());
      return 1;
    }
  }

  private static int start(Arguments arguments, PrintStream out) {
    Path logs = arguments.options().dataDir().toAbsolutePath().resolve("logs");
    AutoCloseable running;
    LocalStack stack;
    if (arguments.reload()) {
      HotReload reload = HotReload.start(arguments.options(), out);
      running = reload;
      stack = reload.stack();
    } else {
      stack = LocalStack.start(arguments.options());
      running = stack;
    }
    FunctionLogs.install(logs); // once the stack runs: a start that fails leaves this JVM's streams alone
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        running.close();
      } catch (Exception e) {
        System.err.println("Error while stopping: " + e);
      }
      stopped.countDown();
    }, "local-stack-shutdown"));
    printBanner(out, stack, logs);
    out.println(arguments.reload()
        ? "Hot reload: saving a source file or " + arguments.options().template().getFileName()
            + " takes effect here (--no-reload to turn it off)."
        : "Hot reload is off.");
    out.println("Ctrl-C stops it. Requests:");
    out.flush();
    try {
      stopped.await(); // until SIGINT/SIGTERM runs the shutdown hook
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** Where everything is, once; then the gateway prints one line per request. */
  private static void printBanner(PrintStream out, LocalStack stack, Path logs) {
    Path dataDir = stack.runtime().dataDir();
    out.printf("Task API listening on %s%n", stack.baseUri());
    out.printf("  API docs       %s/docs (contract: openapi.yaml, %s/openapi.json)%n", stack.baseUri(),
        stack.baseUri());
    // Its credentials are this start's own, never printed: only the IAM endpoint and the tests' fixtures hold them.
    out.printf("  DynamoDB       %s (signed calls with this start's own credentials only)%n",
        stack.dynamoDbEndpoint());
    out.printf("  Data           %s%n", dataDir);
    out.printf("  Mail           %s (SES SendEmail, one .eml file per message)%n", stack.runtime().mailDir());
    out.printf("  Function logs  %s%n", FunctionLogs.fileOf(logs, "<FunctionLogicalId>"));
    stack.runtime().sqsBackend().ifPresent(elasticMq -> out.printf("  SQS            %s (ElasticMQ; the functions' "
        + "signed calls only; messages kept in %s)%n", stack.runtime().lambdaEnvironment().sqsEndpoint(),
        dataDir.resolve("sqs")));
    stack.runtime().scheduler().ifPresent(scheduler -> out.printf("  Scheduler      %s (EventBridge Scheduler, "
        + "one-time at() schedules; the functions' signed calls only; schedules kept in %s)%n", scheduler.endpoint(),
        dataDir.resolve("scheduler")));
    stack.template().webAcl().ifPresent(waf -> out.printf("  AWS WAF        %s per client IP (%s; --parameter-overrides "
        + "WafRateRules=Disabled turns it off)%n", waf.logicalId(), waf.rules().stream()
            .map(rule -> "%s %d in %d s".formatted(rule.name(), rule.limit(), rule.windowSeconds()))
            .collect(java.util.stream.Collectors.joining(", "))));
  }

  private static int invoke(Arguments arguments, PrintStream out) {
    if (arguments.positional().isEmpty() || arguments.eventFile() == null) {
      throw new UsageException("invoke needs a function logical id and -e <event.json>");
    }
    String functionId = arguments.positional().getFirst();
    byte[] eventJson;
    try {
      eventJson = Files.readAllBytes(arguments.eventFile());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read the event file " + arguments.eventFile() + ": " + e, e);
    }
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    try (LocalRuntime runtime = LocalRuntime.start(arguments.options())) {
      LambdaFunction function = runtime.functions().get(functionId);
      InvocationResult result = function.invokeJson(eventJson, UUID.randomUUID().toString(),
          Duration.ofSeconds(function.definition().timeoutSeconds()));
      Object printed = switch (result) {
        case InvocationResult.Returned returned -> json.readTree(returned.payload());
        case InvocationResult.Failed failed -> {
          failed.error().printStackTrace();
          yield lambdaError(failed.error().getMessage(), failed.error().getClass().getName());
        }
        case InvocationResult.TimedOut timedOut -> lambdaError(
            "Task timed out after " + timedOut.timeoutSeconds() + ".00 seconds", "Sandbox.Timedout");
        case InvocationResult.Abandoned abandoned -> lambdaError("Task timed out", "Sandbox.Timedout");
        case InvocationResult.RequestTooLarge tooLarge ->
            lambdaError(tooLarge.message(), "RequestEntityTooLargeException");
        case InvocationResult.ResponseTooLarge tooLarge ->
            lambdaError(tooLarge.message(), "Function.ResponseSizeTooLarge");
      };
      out.println(json.writeValueAsString(printed));
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int iamReport(Arguments arguments, PrintStream out) {
    LocalStackOptions options = arguments.options();
    Path usage = arguments.usageFile() == null ? DEFAULT_USAGE : arguments.usageFile();
    // The region the tests run in (the local default), so the ARNs match those the usage file recorded.
    SamTemplate template = TemplateLoader.load(options.template(), options.parameterOverrides(), FakeAws.DEFAULT_REGION);
    Set<Grant> used = GrantUsage.read(usage);
    out.println("Usage recorded in " + usage + (Files.exists(usage) ? "" : " (missing: run bin/test first)"));
    out.print(UnusedGrantsReport.render(FunctionPolicies.of(template), used));
    return 0;
  }

  /** The error document Lambda returns for a failed invocation. */
  private static Map<String, Object> lambdaError(String message, String type) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("errorMessage", message);
    error.put("errorType", type);
    return error;
  }

  /** A command line that cannot be understood. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  /** The parsed command line. */
  record Arguments(String command, List<String> positional, LocalStackOptions options, Path eventFile,
      Path usageFile, boolean reload) {
    static Arguments parse(String[] args) {
      LocalStackOptions options = LocalStackOptions.defaults();
      Map<String, String> overrides = new LinkedHashMap<>();
      List<String> positional = new ArrayList<>();
      Path eventFile = null;
      Path usageFile = null;
      boolean reload = true;
      for (int i = 1; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--port" -> options = options.withPort(parsePort(value(args, ++i, arg)));
          case "--host" -> options = options.withHost(value(args, ++i, arg));
          case "--data-dir" -> options = options.withDataDir(Path.of(value(args, ++i, arg)));
          case "--template", "-t" -> options = options.withTemplate(Path.of(value(args, ++i, arg)));
          case "-e", "--event" -> eventFile = Path.of(value(args, ++i, arg));
          case "--usage" -> usageFile = Path.of(value(args, ++i, arg));
          case "--no-reload" -> reload = false;
          case "--parameter-overrides" -> {
            // Key=Value pairs until the next option, as with sam; also accepts ParameterKey=K,ParameterValue=V.
            while (i + 1 < args.length && !args[i + 1].startsWith("-")) {
              for (String pair : args[++i].trim().split("\\s+")) {
                putOverride(overrides, pair);
              }
            }
          }
          default -> {
            if (arg.startsWith("-")) {
              throw new UsageException("Unknown option " + arg);
            }
            positional.add(arg);
          }
        }
      }
      return new Arguments(
          args[0], positional, options.withParameterOverrides(overrides), eventFile, usageFile, reload);
    }

    private static void putOverride(Map<String, String> overrides, String pair) {
      if (pair.startsWith("ParameterKey=")) {
        String[] parts = pair.split(",ParameterValue=", 2);
        if (parts.length == 2) {
          overrides.put(parts[0].substring("ParameterKey=".length()), parts[1]);
          return;
        }
      }
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new UsageException("--parameter-overrides expects Key=Value, got " + pair);
      }
      overrides.put(pair.substring(0, equals), pair.substring(equals + 1));
    }

    private static String value(String[] args, int index, String option) {
      if (index >= args.length) {
        throw new UsageException(option + " needs a value");
      }
      return args[index];
    }

    private static int parsePort(String value) {
      try {
        int port = Integer.parseInt(value);
        if (port < 0 || port > 65535) {
          throw new NumberFormatException();
        }
        return port;
      } catch (NumberFormatException e) {
        throw new UsageException("--port must be a number from 0 to 65535, got " + value);
      }
    }
  }
}
