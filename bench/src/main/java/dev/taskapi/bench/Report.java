package dev.taskapi.bench;

import dev.taskapi.password.PasswordHasher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown written to BENCHMARKS.md: every figure a ratio to a baseline of the same run, plus medians. */
final class Report {
  /** Where the machine section's end-of-run load goes, filled in when the report is written. */
  private static final String END_LOAD = "{load at the end}";

  private final StringBuilder out = new StringBuilder();
  private final List<String> goals = new ArrayList<>();

  Report(String settings) {
    out.append("# Benchmarks\n\n")
        .append("Written by `bin/bench` (").append(settings).append(" run) on ")
        .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(". Every ratio compares with a baseline ")
        .append("measured in the same run on the same machine; absolute figures are for context only. ")
        .append("See docs/benchmarks.md for what each figure means and how to re-run.\n\n");
  }

  void machine() {
    out.append("## Machine\n\n");
    out.append("- CPU: ").append(cpuModel()).append(", ").append(Runtime.getRuntime().availableProcessors())
        .append(" cores available\n");
    out.append("- Memory: ").append(memory()).append('\n');
    out.append("- OS: ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
        .append(' ').append(System.getProperty("os.arch")).append('\n');
    out.append("- JDK: ").append(System.getProperty("java.vm.name")).append(' ')
        .append(System.getProperty("java.runtime.version")).append('\n');
    // Other work beside the run widens every spread: the report says how busy the machine was.
    out.append("- Load average (1 minute) at the start and the end of the run: ").append(loadAverage())
        .append(" and ").append(END_LOAD).append("\n\n");
  }

  void artifacts(List<FunctionUnderTest> functions) throws IOException {
    long smallest = Long.MAX_VALUE;
    for (FunctionUnderTest function : functions) {
      smallest = Math.min(smallest, Files.size(function.artifact()));
    }
    out.append("## Deployment artifacts\n\nRatio: to the smallest artifact.\n\n")
        .append("| Function | function.jar | Ratio |\n| --- | ---: | ---: |\n");
    for (FunctionUnderTest function : functions) {
      long size = Files.size(function.artifact());
      out.append(row(function.name(), mib(size), ratio(size, smallest)));
    }
    out.append('\n');
  }

  /** Per function, per run: [a, a hello, b, b hello, (b with AOT cache)]. */
  void coldStarts(Map<String, List<List<ColdStart.Sample>>> samples, int runs, String jvmOptions,
      java.util.Set<String> passwordBound) {
    out.append("## Cold start\n\n")
        .append("Median of ").append(runs).append(" fresh JVMs each, from process start to the first response to ")
        .append("the function's `events/` sample against dynalite, function and hello-world baseline runs ")
        .append("interleaved. JVM options: each function's `JAVA_TOOL_OPTIONS` in the template, or, where it sets no ")
        .append("JIT option, the java25 runtime's on-demand default, C1 only, for the function and its baseline alike (`")
        .append(jvmOptions).append("`), and the runtime's Serial GC (`").append(RuntimeJvmOptions.SERIAL_GC)
        .append("`) unless they select a collector. (a): the handler called by a minimal main, against a hello-world ")
        .append("`RequestHandler` called the same way. (b): the handler run by `aws-lambda-java-runtime-interface-client` polling a stub of the ")
        .append("Lambda Runtime API from the function's package extracted into a task root, as on AWS, against the ")
        .append("hello-world handler run the same way. AOT: (b) with a JDK 25 AOT ")
        .append("cache (`-XX:AOTCache`, trained by one run), as a container image could ship it, against the same ")
        .append("(b) baseline without a cache. Classes: loaded by the JVM in (a); peak RSS: its most resident memory (VmHWM), ")
        .append("against the template's memory size.\n\n")
        .append("| Function | (a) ms | (a) hello ms | (a) ratio | (b) ms | (b) hello ms | (b) ratio | AOT (b) ms ")
        .append("| AOT ratio | Classes | Peak RSS MB |\n")
        .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    samples.forEach((function, rows) -> {
      double a = median(rows, 0);
      double aHello = median(rows, 1);
      double b = median(rows, 2);
      double bHello = median(rows, 3);
      boolean aot = rows.getFirst().size() > 4;
      double aotB = aot ? median(rows, 4) : Double.NaN;
      ColdStart.Sample first = rows.getFirst().getFirst();
      out.append(row(function, ms(a), ms(aHello), ratio(a, aHello), ms(b), ms(bHello), ratio(b, bHello),
          aot ? ms(aotB) : "-", aot ? ratio(aotB, bHello) : "-", Integer.toString(first.classesLoaded()),
          Long.toString(first.peakRssKiB() / 1024)));
      boolean authorizer = function.startsWith("Authorizer");
      goal("Cold start (a) " + function, a / aHello, authorizer ? 2.0 : 6.0);
      goal("Cold start (b) " + function, b / bHello, coldStartGoal(function, passwordBound));
    });
    out.append('\n');
  }

  /**
   * The SDK's floor against the hello world ({@code floor} and {@code hello} interleaved, one pair per run), and
   * what that leaves each function's (b) ratio goal for everything that is not the client and one GetItem.
   */
  void sdkFloor(List<ColdStart.Sample> floor, List<ColdStart.Sample> hello) {
    double floorMillis = Stats.of(floor.stream().map(ColdStart.Sample::millis).toList()).median();
    double helloMillis = Stats.of(hello.stream().map(ColdStart.Sample::millis).toList()).median();
    double floorCpu = Stats.of(floor.stream().map(ColdStart.Sample::cpuMillis).toList()).median();
    double helloCpu = Stats.of(hello.stream().map(ColdStart.Sample::cpuMillis).toList()).median();
    out.append("## The SDK's floor\n\n")
        .append("(b) of a handler that builds the DynamoDB client as the functions build it and makes one low-level ")
        .append("`GetItem` (`bench/.../launch/SdkFloorHandler.java`: no event parsing, no enhanced client, no table ")
        .append("schema), run from GetTaskFunction's package with its environment, interleaved with the hello world; ")
        .append("median of ").append(floor.size()).append(" JVMs each. No function on the SDK starts below it: a ")
        .append("function's (b) ratio minus the floor's is what its own code and its further SDK calls cost.\n\n")
        .append("| Figure | (b) ms | (b) hello ms | (b) ratio | ms CPU | hello ms CPU | CPU ratio |\n")
        .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
        .append(row("SDK floor", ms(floorMillis), ms(helloMillis), ratio(floorMillis, helloMillis),
            ms(floorCpu), ms(helloCpu), ratio(floorCpu, helloCpu)))
        .append('\n');
  }

  /** Issue 16's goals for (b): the authorizer, the Argon2id functions, the other (task and account) functions. */
  private static double coldStartGoal(String function, java.util.Set<String> passwordBound) {
    if (function.startsWith("Authorizer")) {
      return 1.3;
    }
    return passwordBound.contains(function) ? 2.5 : 2.0;
  }

  /** The cold start (b) of a few functions, by phase and by the library whose classes load in it. */
  void classLoading(Map<String, ClassLoadBreakdown> breakdowns) {
    if (breakdowns.isEmpty()) {
      return;
    }
    out.append("## Cold start by phase and class loading\n\n")
        .append("One more (b) run of each, with `-Xlog:class+load` (JVM uptime): runtime start is JVM start to the ")
        .append("handler class (the runtime client's own start-up, as for the hello world), handler init is on to the ")
        .append("runtime's first `invocation/next` (the handler's constructor: configuration, the SDK client build), ")
        .append("first request is on to the posted response (the event's deserialization, the handler, the first ")
        .append("DynamoDB round trip, the response). Columns: classes loaded in the phase by their owner ")
        .append("(Runtime serializer: `aws-lambda-java-serialization` inside the runtime client, with its shaded ")
        .append("Jackson; Events + Joda: `aws-lambda-java-events` types and the Joda-Time they pull in). Lambda ")
        .append("classes: of the phase's classes, the ones the JVM spins at run time for lambdas and method references ")
        .append("(`Host$$Lambda/0x...`, one per call site on first use, counted under their host's owner too).\n\n")
        .append("| Function | Phase | ms | Classes | Lambda classes");
    ClassLoadBreakdown.OWNERS.keySet().forEach(owner -> out.append(" | ").append(owner));
    out.append(" |\n| --- | --- | ---: | ---: | ---:");
    ClassLoadBreakdown.OWNERS.keySet().forEach(owner -> out.append(" | ---:"));
    out.append(" |\n");
    breakdowns.forEach((function, breakdown) -> {
      for (ClassLoadBreakdown.Phase phase : breakdown.phases()) {
        List<String> cells = new ArrayList<>(List.of(function, phase.name(), ms(phase.millis()),
            Integer.toString(phase.classes()), Integer.toString(phase.lambdaClasses())));
        ClassLoadBreakdown.OWNERS.keySet().forEach(owner ->
            cells.add(Integer.toString(phase.classesByOwner().getOrDefault(owner, 0))));
        out.append(row(cells.toArray(String[]::new)));
      }
    });
    out.append('\n');
  }

  /**
   * Per function, one entry per JVM: what its SnapStart snapshot would hold and what the first requests after a
   * restore cost, approximated in fresh JVMs.
   */
  void restores(Map<String, List<ColdStart.Restore>> byFunction, Map<String, String> jitOptions, int requests,
      int runs) {
    if (byFunction.isEmpty()) {
      return;
    }
    out.append("## After a SnapStart restore\n\n")
        .append("How production starts: every function publishes a SnapStart version behind the `live` alias. A ")
        .append("restore approximated in a fresh JVM (`PrimedInvoke`, `function.jar` on the class path, the runtime's ")
        .append("Serial GC, the JIT options the java25 runtime gives the function after a restore): the handler ")
        .append("built, every priming hook run (what Lambda runs before the snapshot), then ").append(requests)
        .append(" requests timed, each with an event of its own; ").append(runs).append(" JVMs per function, ")
        .append("medians of the JVMs (latencies pooled). Snapshot: after priming and a full collection, the live ")
        .append("heap, the metaspace (class metadata) and the process's resident memory, what Lambda's snapshot of ")
        .append("the execution environment's memory holds and a restore brings back (the runtime client's own ")
        .append("classes and memory are not in it here); classes: loaded by then. First request: the classes it ")
        .append("still loads and its time, what priming left undone. p50, p99: over the ").append(requests)
        .append(" requests, the first included.\n\n")
        .append("| Function | JVM options | Heap MB | Metaspace MB | RSS MB | Classes | First request classes ")
        .append("| First request ms | p50 ms | p99 ms |\n")
        .append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    byFunction.forEach((function, restores) -> {
      Stats latencies = Stats.of(restores.stream().flatMap(r -> r.latencies().stream()).toList());
      out.append(row(function, "`" + jitOptions.get(function) + "`",
          mb(medianOf(restores, r -> r.heapBytes())), mb(medianOf(restores, r -> r.metaspaceBytes())),
          mb(medianOf(restores, r -> r.rssKiB() * 1024)),
          String.format(Locale.ROOT, "%.0f", medianOf(restores, r -> r.snapshotClasses())),
          String.format(Locale.ROOT, "%.0f", medianOf(restores, r -> r.firstRequestClasses())),
          ms(medianOf(restores, r -> r.firstRequestMillis())), ms(latencies.median()),
          ms(latencies.percentile(99))));
    });
    out.append('\n');
  }

  /** A measured JVM's requests that did not succeed: each one's line, then what the function logged. */
  record Failure(String where, List<String> lines) {}

  /**
   * The requests after a restore that did not succeed, with their answers: left out of the latencies above (their
   * time is not the function's work), and listed so that no failure hides in a median.
   */
  void failedRequests(List<Failure> failures) {
    if (failures.isEmpty()) {
      return;
    }
    out.append("**Requests that did not succeed** (left out of the latencies above):\n\n");
    for (Failure failure : failures) {
      out.append("- ").append(failure.where()).append(":\n");
      failure.lines().forEach(line -> out.append("  `").append(line.replace('`', '\'')).append("`\n"));
    }
    out.append('\n');
  }

  private static double medianOf(List<ColdStart.Restore> restores,
      java.util.function.ToDoubleFunction<ColdStart.Restore> figure) {
    return Stats.of(restores.stream().map(r -> figure.applyAsDouble(r)).toList()).median();
  }

  private static String mb(double bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
  }

  /** Per function, per JVM options: the latencies of the first requests after an approximated restore. */
  void afterRestore(Map<String, Map<String, List<Double>>> byFunction, Map<String, String> templateOptions,
      int requests, int runs) {
    if (byFunction.isEmpty()) {
      return;
    }
    out.append("## After a SnapStart restore: JIT options\n\n")
        .append("A restore approximated in a fresh JVM (`PrimedInvoke`): the handler built, every priming hook run ")
        .append("(what Lambda runs before the snapshot), then the next ").append(requests)
        .append(" requests timed, each the function's sample event; ").append(runs).append(" JVMs per option, ")
        .append("interleaved, latencies pooled. C1 only against full tiered compilation, the JVM's default, which ")
        .append("the java25 runtime keeps for SnapStart and provisioned concurrency unless `JAVA_TOOL_OPTIONS` ")
        .append("sets other options (Lambda Developer Guide, \"Customize Java runtime startup behavior\"). ")
        .append("Template: what the function runs with after a restore, its own options or, where it sets no JIT ")
        .append("option, the runtime's default, full tiered. Ratio: p99 to C1 only's.\n\n")
        .append("| Function | JVM options | Template | p50 ms | p99 ms | max ms | p99 ratio |\n")
        .append("| --- | --- | :---: | ---: | ---: | ---: | ---: |\n");
    byFunction.forEach((function, byOptions) -> {
      double first = Stats.of(byOptions.values().iterator().next()).percentile(99);
      byOptions.forEach((options, millis) -> {
        Stats stats = Stats.of(millis);
        out.append(row(function, "`" + options + "`", options.equals(templateOptions.get(function)) ? "yes" : "",
            ms(stats.median()), ms(stats.percentile(99)), ms(stats.percentile(100)),
            ratio(stats.percentile(99), first)));
      });
    });
    out.append('\n');
  }

  void warm(Map<String, WarmLatency.Result> results, int runs, int slowRuns, Map<String, Integer> expectedTrips,
      java.util.Set<String> passwordBound) {
    out.append("## Warm latency and DynamoDB round trips\n\n")
        .append("In-process invocations after warm-up (").append(runs).append(" measured; ").append(slowRuns)
        .append(" for the Argon2id-bound functions), each followed by its baseline: the AWS requests the ")
        .append("function made, sent again in the same order directly through clients configured the same way ")
        .append("(the function's endpoints and credentials: both pass the local IAM endpoint, which checks SigV4 and ")
        .append("the function's policies as DynamoDB does on AWS, before dynalite; the authorizer's GetItem, which ")
        .append("it sends without an SDK client, through an SDK client; the password reset's SES SendEmail through ")
        .append("its SES client to the local SES endpoint, which checks the same and writes the message again), ")
        .append("then the webhook deliveries it sent (the webhook test's and the deliverer's), the same bytes and ")
        .append("headers posted again to the run's loopback receiver on a connection of their own, written straight ")
        .append("to a socket, as the sender posts each on its own connection. ")
        .append("Round trips count DynamoDB's only. The timed call is the stream handler's, ")
        .append("bytes in and out; Event JSON: the part of it that is the proxy event read into a tree and the ")
        .append("answer written, timed apart with the functions' mapper. ")
        .append("Every run answers success, against real accounts and tasks. Round trips (median, max) and ")
        .append("capacity units are counted by an SDK interceptor on every client and, for the authorizer, a hook ")
        .append("on the JDK's `HttpURLConnection`; Documented: the round trips docs/design.md gives for that path, ")
        .append("which the measured maximum must equal.\n\n")
        .append("| Function | p50 ms | p99 ms | Event JSON p50 ms | Raw calls p50 ms | Raw calls p99 ms | p50 ratio ")
        .append("| Round trips (max) | Documented | RCU | WCU |\n")
        .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    results.forEach((function, r) -> {
      boolean hasBaseline = r.hasBaseline();
      out.append(row(function, ms(r.function().median()), ms(r.function().percentile(99)),
          ms(r.eventJson().median()), hasBaseline ? ms(r.baseline().median()) : "-", hasBaseline ? ms(r.baseline().percentile(99)) : "-",
          hasBaseline ? ratio(r.function().median(), r.baseline().median()) : "-",
          String.format(Locale.ROOT, "%.0f (%.0f)", r.roundTrips().median(), r.roundTrips().percentile(100)),
          Integer.toString(expectedTrips.getOrDefault(function, 1)),
          String.format(Locale.ROOT, "%.1f", r.readUnits()), String.format(Locale.ROOT, "%.1f", r.writeUnits())));
      if (hasBaseline && !passwordBound.contains(function)) {
        goal("Warm p50 overhead " + function, r.function().median() / r.baseline().median(), 1.3);
      }
      int expected = expectedTrips.getOrDefault(function, 1);
      double most = r.roundTrips().percentile(100);
      // A write whose account another client wrote since this container's last write resends its transaction
      // once, with the counter the refusal carries (ExpectedRoundTrips.STALE_COUNTER_RESEND): the bench prepares
      // their items from its own client, so theirs are measured on that path.
      boolean mayResend = ExpectedRoundTrips.STALE_COUNTER_RESEND.contains(function);
      double least = r.roundTrips().percentile(0);
      boolean met = mayResend ? least >= expected && most <= expected + 1 : least == expected && most == expected;
      goals.add(row("Round trips " + function + " (max)", String.format(Locale.ROOT, "%.0f", most),
          mayResend ? "= " + expected + " or " + (expected + 1) + " after another client's write" : "= " + expected,
          met ? "yes" : "**no**"));
    });
    out.append("\nThe functions that verify or hash a password (").append(String.join(", ", passwordBound))
        .append(") are dominated by Argon2id by design (next section), so their overhead ratio is not a goal.\n\n");
  }

  /**
   * Issue 23: one {@code POST /batch} of {@code creates} creates against as many single {@code POST /tasks}, warm
   * and in process: the function's time and its DynamoDB round trips. API Gateway's and the network's share per
   * request, which the batch saves 99 times over, is not in it.
   */
  void batchOfCreates(int creates, WarmLatency.Result batch, WarmLatency.Result single) {
    out.append("## POST /batch against single creates\n\n")
        .append("One `POST /batch` of ").append(creates).append(" `create_task` operations against ").append(creates)
        .append(" single `POST /tasks` of the same body, warm and in process as above (a single create's figures ")
        .append("times ").append(creates).append("): the functions' own time, without API Gateway's and the ")
        .append("network's per request, which the batch pays once instead of ").append(creates).append(" times. ")
        .append("Write units: each create is the same `TransactWriteItems` either way (the batch runs the route's ")
        .append("own code), so the units are equal by construction; dynalite reports no consumed capacity for ")
        .append("the transactions it emulates, so the harness cannot show them (the warm table's WCU is 0 for ")
        .append("`CreateTaskFunction` too). A batch with an `Idempotency-Key` adds its claim (one `PutItem`, 1 ")
        .append("WCU) and its completion (an `UpdateItem` of the record with the gzip answer: about 3 KB for ")
        .append(creates).append(" sample creates, so about 3 WCU).\n\n")
        .append("| | p50 ms | p99 ms | Round trips (median) |\n")
        .append("| --- | ---: | ---: | ---: |\n");
    out.append(row("POST /batch, " + creates + " creates", ms(batch.function().median()),
        ms(batch.function().percentile(99)), String.format(Locale.ROOT, "%.0f", batch.roundTrips().median())));
    out.append(row(creates + " x POST /tasks", ms(creates * single.function().median()),
        ms(creates * single.function().percentile(99)),
        String.format(Locale.ROOT, "%.0f", creates * single.roundTrips().median())));
    out.append("\n");
  }

  void passwordHashing(Stats hashing, PasswordHasher.Params params, WarmLatency.Result register) {
    out.append("## Password hashing\n\nArgon2id at the configured parameters (")
        .append(params.memoryKiB()).append(" KiB, ").append(params.iterations()).append(" iterations, ")
        .append(params.parallelism()).append(" lane), ").append(hashing.count())
        .append(" hashes. Ratio: to the register function's warm p50 (the share of a registration it is).\n\n")
        .append("| Hash p50 ms | Hash p99 ms | Share of register p50 |\n| ---: | ---: | ---: |\n")
        .append(row(ms(hashing.median()), ms(hashing.percentile(99)),
            register == null ? "-" : ratio(hashing.median(), register.function().median())))
        .append('\n');
  }

  void scale(Map<Integer, WarmLatency.Result> results) {
    double smallest = results.values().iterator().next().function().median();
    out.append("## Scale: one user's task count\n\n`GET /tasks` (first page, default limit 100) warm, for a ")
        .append("user with each number of tasks. Ratio: to the smallest.\n\n")
        .append("| Tasks | p50 ms | p99 ms | p50 ratio | Round trips |\n| ---: | ---: | ---: | ---: | ---: |\n");
    results.forEach((size, r) -> {
      out.append(row(String.format(Locale.ROOT, "%,d", size), ms(r.function().median()),
          ms(r.function().percentile(99)), ratio(r.function().median(), smallest),
          String.format(Locale.ROOT, "%.0f", r.roundTrips().percentile(100))));
    });
    int largest = results.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
    goal("List latency flat to " + largest + " tasks (p50 ratio)", results.get(largest).function().median()
        / smallest, 1.3);
    out.append('\n');
  }

  /**
   * {@code GET /tasks} queries over one account's {@code count} tasks: the indexed ones against the raw Query they
   * make (goal 1.3x), the unindexed ones with their read units, computed from the bytes each Query read.
   */
  void queries(int count, String inbox, int memoryMb, Map<String, String> indexed,
      Map<String, WarmLatency.Result> indexedResults, Map<String, String> unindexed,
      Map<String, WarmLatency.Result> unindexedResults) {
    out.append("## Queries over ").append(String.format(Locale.ROOT, "%,d", count))
        .append(" tasks in one account\n\n`GET /tasks` with filters and sorts (issue 22), warm, page size 100, ")
        .append("for one account's tasks of everyday length (`<inbox>` is its default list). Read units: ")
        .append("computed from the bytes each Query read (`ItemSize`: DynamoDB bills a Query the total size of ")
        .append("the items it reads rounded up to 4 KB, 1 unit per 4 KB strongly consistent, 0.5 eventually ")
        .append("consistent), per request. Indexed: the raw column is the same DynamoDB Query sent directly. ")
        .append("$/M: Lambda (").append(memoryMb).append(" MB, billed for the p50 here) and those read units, ")
        .append("per million requests, priced as the cost table prices them, without API Gateway.\n\n")
        .append("| Indexed query | Served by | p50 ms | Raw Query p50 ms | Ratio | Round trips | Read units | $/M |\n")
        .append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    indexed.forEach((query, servedBy) -> {
      WarmLatency.Result r = indexedResults.get(query);
      String name = "`" + query.replace(inbox, "<inbox>") + "`";
      out.append(row(name, servedBy, ms(r.function().median()), ms(r.baseline().median()),
          ratio(r.function().median(), r.baseline().median()),
          String.format(Locale.ROOT, "%.0f", r.roundTrips().percentile(100)),
          String.format(Locale.ROOT, "%.1f", r.queryReadUnits()),
          usd(Prices.perMillion(r.function().median(), memoryMb, 0, r.queryReadUnits()))));
      goal("Indexed " + name + " vs its raw Query (p50 ratio)", r.function().median() / r.baseline().median(), 1.3);
    });
    out.append("\n| Unindexed query | What | p50 ms | p99 ms | Round trips | Read units | $/M |\n")
        .append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
    unindexed.forEach((query, what) -> {
      WarmLatency.Result r = unindexedResults.get(query);
      out.append(row("`" + query.replace(inbox, "<inbox>") + "`", what, ms(r.function().median()),
          ms(r.function().percentile(99)), String.format(Locale.ROOT, "%.0f", r.roundTrips().percentile(100)),
          String.format(Locale.ROOT, "%.1f", r.queryReadUnits()),
          usd(Prices.perMillion(r.function().median(), memoryMb, 0, r.queryReadUnits()))));
    });
    out.append('\n');
  }

  void sync(int changes, int pages, int memoryMb, WarmLatency.Result r) {
    out.append("## GET /sync over ").append(String.format(Locale.ROOT, "%,d", changes))
        .append(" changes\n\n`GET /sync?limit=100&token=...` (issue 23), warm, with a token from before ")
        .append(changes).append(" changes of one task each: the first page (100 changed tasks), against the ")
        .append("same Query of the change log and BatchGetItem of the tasks sent directly (raw). Pages: the ")
        .append("requests a client makes to catch up. Read units per page: the Query's and the BatchGetItem's.\n\n")
        .append("| Page | p50 ms | p99 ms | Raw p50 ms | Ratio | Round trips | Read units | $/M | Pages to catch up |\n")
        .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
        .append(row("100 changes", ms(r.function().median()), ms(r.function().percentile(99)),
            ms(r.baseline().median()), ratio(r.function().median(), r.baseline().median()),
            String.format(Locale.ROOT, "%.0f", r.roundTrips().percentile(100)),
            String.format(Locale.ROOT, "%.1f", r.readUnits()),
            usd(Prices.perMillion(r.function().median(), memoryMb, 0, r.readUnits())), Integer.toString(pages)))
        .append('\n');
    goal("GET /sync page of 100 changes vs its raw Query and BatchGetItem (p50 ratio)",
        r.function().median() / r.baseline().median(), 1.3);
  }

  /** Issue 26: what a write pays for being published, and an event's way to a receiver, locally. */
  void webhookEvents(Stats withStream, Stats withoutStream, Stats delivery) {
    out.append("## Webhook events\n\n")
        .append("What a write pays for being published: the table's stream is written by the write itself (in ")
        .append("DynamoDB at no request or write-unit charge; Lambda's reads of it are free), so its price is ")
        .append("the write's latency: ").append(withStream.count()).append(" PutItems into the API's table ")
        .append("(its stream on) against as many into a table without a stream, alternated, straight to ")
        .append("dynalite. The delivery: from a `POST /tasks` answer (CreateTaskFunction, in process) to its ")
        .append("`task.created` at a receiver on loopback, through the local stream, its event source mapping ")
        .append("(polled about 4 times a second, as Lambda polls a shard), the publisher, the SQS queue ")
        .append("(ElasticMQ, long-polled by its mapping), the deliverer and the signed POST; ")
        .append(delivery.count()).append(" events, one at a time. On AWS the delivery is Lambda's polling and ")
        .append("two invocations: expect hundreds of milliseconds, not a figure from here.\n\n")
        .append("| | p50 ms | p99 ms | Ratio |\n| --- | ---: | ---: | ---: |\n")
        .append(row("PutItem, table with its stream", ms(withStream.median()), ms(withStream.percentile(99)),
            ratio(withStream.median(), withoutStream.median())))
        .append(row("PutItem, table without a stream", ms(withoutStream.median()), ms(withoutStream.percentile(99)),
            "1.00"))
        .append(row("Write answered to event received", ms(delivery.median()), ms(delivery.percentile(99)), "-"))
        .append('\n');
    goal("A write's price for being published (PutItem p50, stream on vs off)",
        withStream.median() / withoutStream.median(), 1.3);
  }

  void reminders(Stats lateness) {
    out.append("## Reminders\n\n")
        .append("How late `reminder.fired` reaches a receiver on loopback after its moment: ").append(lateness.count())
        .append(" tasks created through CreateTaskFunction (in process), each with one `at` reminder, a second ")
        .append("apart from 5 s ahead. In it: the local stream and its mapping, ScheduleRemindersFunction's ")
        .append("CreateSchedule, the local EventBridge Scheduler (which fires a one-time schedule within 2 s of ")
        .append("its moment), FireReminderFunction, the webhook queue, the deliverer and the signed POST. On AWS ")
        .append("Scheduler fires within 60 s of the moment (its documented precision), so expect up to a minute ")
        .append("there, not a figure from here.\n\n")
        .append("| | p50 ms | p99 ms |\n| --- | ---: | ---: |\n")
        .append("| Moment to event received | ").append(ms(lateness.median())).append(" | ")
        .append(ms(lateness.percentile(99))).append(" |\n\n");
  }

  void throughput(double api, double raw, int clients, Duration time) {
    out.append("## Throughput\n\n").append(clients).append(" concurrent closed-loop clients for ")
        .append(time.toSeconds()).append(" s, after as long a warm-up (").append(clients)
        .append(" concurrent calls get as many execution environments, each with its cold start): ")
        .append("`GET /tasks?limit=10` through the local API (gateway, cached ")
        .append("authorizer, handler, dynalite), against the same Query sent straight to dynalite.\n\n")
        .append("| Local API req/s | Raw dynalite req/s | Ratio |\n| ---: | ---: | ---: |\n")
        .append(row(String.format(Locale.ROOT, "%.0f", api), String.format(Locale.ROOT, "%.0f", raw),
            ratio(api, raw)))
        .append('\n');
  }

  /** {@code authorizerCacheSeconds}: how long the template has API Gateway cache the authorizer's answer. */
  void cost(List<FunctionUnderTest> functions, Map<String, WarmLatency.Result> warm, int authorizerCacheSeconds) {
    out.append("## Cost per million requests\n\nPrices: ").append(Prices.AS_OF)
        .append(" (constants in `bench/src/main/java/dev/taskapi/bench/Prices.java`). Lambda arm64 at the ")
        .append("template's memory size, billed duration = the warm p50 above rounded up to 1 ms (measured on ")
        .append("this machine, not on Lambda), plus the request charge and the measured DynamoDB request units. ")
        .append("API Gateway adds $3.50 per million to every endpoint; the authorizer's result is cached for ")
        .append(authorizerCacheSeconds).append(" s per token (the template's `ReauthorizeEvery`), so it runs on a ")
        .append("small share of requests. Ratio: to the same request if the ")
        .append("function took only as long as its raw AWS calls (the warm baseline).\n\n")
        .append("| Function | Memory MB | Lambda + DynamoDB $/M | With API Gateway $/M | Ratio |\n")
        .append("| --- | ---: | ---: | ---: | ---: |\n");
    for (FunctionUnderTest function : functions) {
      WarmLatency.Result r = warm.get(function.name());
      if (r == null) {
        continue;
      }
      int memory = function.definition().memoryMb();
      double dollars = Prices.perMillion(r.function().median(), memory, r.writeUnits(), r.readUnits());
      String ratio = "-";
      if (r.hasBaseline()) {
        ratio = ratio(dollars, Prices.perMillion(r.baseline().median(), memory, r.writeUnits(), r.readUnits()));
      }
      out.append(row(function.name(), Integer.toString(memory), usd(dollars),
          function.name().startsWith("Authorizer") ? "-" : usd(dollars + Prices.REST_API_PER_REQUEST * 1e6),
          ratio));
    }
    out.append('\n');
  }

  void finish(Duration elapsed) {
    out.append("## Goals\n\n| Goal | Measured | Target | Met |\n| --- | ---: | ---: | :---: |\n");
    goals.forEach(out::append);
    out.append("\nHarness run time: ").append(elapsed.toSeconds()).append(" s.\n");
  }

  String markdown() {
    return out.toString().replace(END_LOAD, loadAverage());
  }

  private void goal(String name, double measured, double target) {
    goals.add(row(name, String.format(Locale.ROOT, "%.2f", measured), String.format(Locale.ROOT, "≤ %.1f", target),
        measured <= target ? "yes" : "**no**"));
  }

  private static double median(List<List<ColdStart.Sample>> rows, int column) {
    return Stats.of(rows.stream().map(row -> row.get(column).millis()).toList()).median();
  }

  private static String row(String... cells) {
    return "| " + String.join(" | ", cells) + " |\n";
  }

  private static String ms(double millis) {
    return String.format(Locale.ROOT, millis < 10 ? "%.2f" : "%.0f", millis);
  }

  private static String ratio(double value, double baseline) {
    return String.format(Locale.ROOT, "%.2fx", value / baseline);
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }

  private static String usd(double dollars) {
    return String.format(Locale.ROOT, "$%.2f", dollars);
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(System.getProperty("os.arch"));
    } catch (IOException e) {
      return System.getProperty("os.arch");
    }
  }

  /** The 1-minute load average (/proc/loadavg), the number of runnable tasks the 2 cores share. */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String memory() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
