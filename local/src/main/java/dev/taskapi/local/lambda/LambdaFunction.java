package dev.taskapi.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskapi.local.template.FunctionDef;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Lambda function of the template, run in this JVM as Lambda runs it: its code from its own CodeUri in a class
 * loader of its own ({@link FunctionCode}), events in and answers out as JSON ({@link LambdaHandler}), and
 * Lambda's limits ({@link LambdaLimits}). An execution environment serves one invocation at a time, as on Lambda
 * ("Lambda execution environment", Lambda Developer Guide; "Understanding Lambda function scaling": a request that
 * arrives while every environment is busy gets a new one): an invocation takes an idle environment, or creates one
 * (a cold start: a class loader of its own over the function's code, the handler constructed in it), and gives it
 * back when it ends. A function keeps at most {@value #MAX_ENVIRONMENTS} environments; an invocation beyond waits
 * for one to be free, where Lambda would scale further.
 *
 * <p>Lifecycle, after the Lambda developer guide's "Understanding the Lambda execution environment lifecycle":
 * Init (loading and constructing the handler) has its own limit, outside the function's Timeout; an Init that
 * runs past it is retried as part of the first invocation under the function's Timeout (a "suppressed init"). A
 * function that times out is stopped and its environment reset, so the next invocation starts cold. A failed Init
 * leaves no environment: the next invocation tries again.
 */
public final class LambdaFunction {
  // The local API Gateway's events become the JSON Lambda receives.
  private static final ObjectMapper EVENT_JSON = new ObjectMapper();

  private final FunctionDef definition;
  private final Map<String, String> environment;
  private final String region;
  private final LambdaLimits limits;
  /**
   * Environments one function keeps at most: each is a class loader of the function's jar with its classes loaded
   * and its handler (an SDK client, caches) built, tens of MB, and the suites make dozens of concurrent calls on a
   * machine of 2 cores, where more environments would add Inits, not throughput.
   */
  static final int MAX_ENVIRONMENTS = 4;

  private final ExecutorService executor;
  private final AtomicInteger invocations = new AtomicInteger();
  /** Guards {@link #code}, {@link #generation}, {@link #idle} and {@link #live}; waited on for a free environment. */
  private final Object pool = new Object();
  private FunctionCode code;
  /** Raised by {@link #reload}: environments of an older generation are not reused. */
  private long generation;
  /** The environments no invocation is using, the most recently used first. */
  private final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();
  /** Environments created (or being created) and not dropped: idle and busy ones. */
  private int live;

  /** One initialized environment: the function's class loader, its constructed handler, the code's generation. */
  private record ExecutionEnvironment(URLClassLoader loader, LambdaHandler handler, long generation) {}

  /** What an invocation waiting for an environment got: an idle one, a place to create one, or neither in time. */
  private record Claim(ExecutionEnvironment idle, boolean mayCreate) {}

  /** An environment to invoke, with the nanoTime by which the invocation must end; or why there is none. */
  private record Startup(ExecutionEnvironment environment, long deadline, InvocationResult failure) {
    static Startup ready(ExecutionEnvironment environment, long deadline) {
      return new Startup(environment, deadline, null);
    }

    static Startup failed(InvocationResult failure) {
      return new Startup(null, 0, failure);
    }
  }

  LambdaFunction(FunctionDef definition, Map<String, String> environment, String region, LambdaLimits limits,
      ExecutorService executor) {
    this.definition = definition;
    this.environment = Map.copyOf(environment);
    this.region = region;
    this.limits = limits;
    this.code = new FunctionCode(definition.logicalId(), definition.codeUri());
    this.executor = executor;
  }

  public FunctionDef definition() {
    return definition;
  }

  /** The environment the handler is constructed with. */
  public Map<String, String> environment() {
    return environment;
  }

  /**
   * Runs the function from {@code reloadedClasses} (directories of newly compiled classes, before its CodeUri) from
   * the next cold start on: the warm environment is dropped, so the next invocation runs a new Init in a new class
   * loader, as after a deployment. Invocations already running finish on the old code.
   */
  public void reload(List<Path> reloadedClasses) {
    synchronized (pool) {
      code = new FunctionCode(definition.logicalId(), definition.codeUri(), reloadedClasses);
      generation++; // an Init in progress or a busy environment is of the old code: not kept when it ends
      live -= idle.size();
      idle.clear();
      pool.notifyAll();
    }
  }

  /** How many invocations reached the handler (CloudWatch's Invocations metric, locally). */
  public int invocations() {
    return invocations.get();
  }

  /** Invokes with {@code event} serialized to JSON, as API Gateway sends its event objects to Lambda. */
  public InvocationResult invoke(Object event, String requestId, Duration maxWait) {
    try {
      return invokeJson(EVENT_JSON.writeValueAsBytes(event), requestId, maxWait);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot serialize the event " + event, e);
    }
  }

  /**
   * Invokes with an event already in JSON, the payload of Lambda's Invoke.
   *
   * @param maxWait how long the caller waits at most; shorter than the function's Timeout means the caller
   *     gives up first
   */
  public InvocationResult invokeJson(byte[] event, String requestId, Duration maxWait) {
    if (event.length > limits.maxRequestBytes()) {
      return new InvocationResult.RequestTooLarge(event.length, limits.maxRequestBytes());
    }
    long callerDeadline = System.nanoTime() + maxWait.toNanos();
    Startup startup;
    try {
      startup = start(callerDeadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new InvocationResult.Failed(e);
    }
    if (startup.failure() != null) {
      return startup.failure();
    }
    return run(startup.environment(), event, requestId, startup.deadline(), callerDeadline);
  }

  private Startup start(long callerDeadline) throws InterruptedException {
    Claim claim = claim(callerDeadline);
    if (claim.idle() != null) {
      return Startup.ready(claim.idle(), System.nanoTime() + timeoutNanos());
    }
    if (!claim.mayCreate()) {
      return Startup.failed(new InvocationResult.Abandoned());
    }
    Startup started = null;
    try {
      started = coldStart(callerDeadline);
      return started;
    } finally {
      if (started == null || started.failure() != null) {
        drop(); // no environment came of it: its place is free again
      }
    }
  }

  /** An idle environment, else a place for a new one under the cap, else waits for either until the deadline. */
  private Claim claim(long callerDeadline) throws InterruptedException {
    synchronized (pool) {
      while (true) {
        ExecutionEnvironment environment = idle.pollFirst();
        if (environment != null) {
          return new Claim(environment, false);
        }
        if (live < MAX_ENVIRONMENTS) {
          live++;
          return new Claim(null, true);
        }
        long wait = remaining(callerDeadline);
        if (wait == 0) {
          return new Claim(null, false);
        }
        TimeUnit.NANOSECONDS.timedWait(pool, wait);
      }
    }
  }

  /** Gives {@code environment} back for the next invocation, unless a reload made its code old. */
  private void release(ExecutionEnvironment environment) {
    synchronized (pool) {
      if (environment.generation() == generation) {
        idle.addFirst(environment);
      } else {
        live--;
      }
      pool.notifyAll();
    }
  }

  /** One environment fewer: it was stopped, or its Init failed. */
  private void drop() {
    synchronized (pool) {
      live--;
      pool.notifyAll();
    }
  }

  /** Init of a new environment, retried within the invocation once when it runs past its limit. */
  private Startup coldStart(long callerDeadline) throws InterruptedException {
    long initLimit = definition.snapStart()
        ? Math.max(limits.snapStartInitTimeout().toNanos(), timeoutNanos())
        : limits.initTimeout().toNanos();
    Object first = initialize(Math.min(System.nanoTime() + initLimit, callerDeadline));
    if (first instanceof ExecutionEnvironment initialized) {
      return Startup.ready(initialized, System.nanoTime() + timeoutNanos());
    }
    if (first instanceof Throwable error) {
      return Startup.failed(new InvocationResult.Failed(error));
    }
    if (remaining(callerDeadline) == 0) {
      return Startup.failed(new InvocationResult.Abandoned());
    }
    if (definition.snapStart()) {
      // SnapStart runs Init when a version is published; past its limit there is no version to invoke.
      return Startup.failed(new InvocationResult.Failed(new TimeoutException(definition.logicalId()
          + ": Init ran past its " + Duration.ofNanos(initLimit).toSeconds()
          + " s SnapStart limit; Lambda would not publish this version")));
    }
    // The suppressed init: Init again, within the invocation and its Timeout.
    System.err.println(definition.logicalId() + ": Init ran past its " + limits.initTimeout().toMillis()
        + " ms limit; retrying it within the invocation, under the function's Timeout");
    long deadline = System.nanoTime() + timeoutNanos();
    Object second = initialize(Math.min(deadline, callerDeadline));
    if (second instanceof ExecutionEnvironment initialized) {
      return Startup.ready(initialized, deadline);
    }
    if (second instanceof Throwable error) {
      return Startup.failed(new InvocationResult.Failed(error));
    }
    return Startup.failed(callerDeadline < deadline
        ? new InvocationResult.Abandoned()
        : new InvocationResult.TimedOut(definition.timeoutSeconds()));
  }

  /** A new environment, or the Throwable its Init threw, or null when Init did not finish by the deadline. */
  private Object initialize(long deadline) throws InterruptedException {
    FunctionCode current;
    long of;
    synchronized (pool) {
      current = code;
      of = generation;
    }
    URLClassLoader loader;
    try {
      loader = current.newClassLoader();
    } catch (RuntimeException e) {
      return e;
    }
    Future<LambdaHandler> init = executor.submit(inLoader(loader,
        () -> LambdaHandler.load(definition.handlerClass(), definition.handlerMethod(), loader, environment)));
    try {
      return new ExecutionEnvironment(loader, init.get(remaining(deadline), TimeUnit.NANOSECONDS), of);
    } catch (ExecutionException e) {
      close(loader);
      return e.getCause();
    } catch (TimeoutException e) {
      init.cancel(true);
      close(loader);
      return null;
    } catch (InterruptedException e) {
      init.cancel(true);
      close(loader);
      throw e;
    }
  }

  private InvocationResult run(ExecutionEnvironment environment, byte[] event, String requestId, long deadline,
      long callerDeadline) {
    invocations.incrementAndGet();
    long deadlineMillis = System.currentTimeMillis() + remaining(deadline) / 1_000_000;
    LocalContext context =
        new LocalContext(requestId, definition.logicalId(), region, definition.memoryMb(), deadlineMillis);
    Future<byte[]> running =
        executor.submit(inLoader(environment.loader(), () -> environment.handler().invoke(event, context)));
    try {
      byte[] response = running.get(remaining(Math.min(deadline, callerDeadline)), TimeUnit.NANOSECONDS);
      release(environment);
      if (response.length > limits.maxResponseBytes()) {
        return new InvocationResult.ResponseTooLarge(response.length, limits.maxResponseBytes());
      }
      return new InvocationResult.Returned(new String(response, StandardCharsets.UTF_8));
    } catch (ExecutionException e) {
      release(environment); // the handler threw: Lambda keeps the environment
      return new InvocationResult.Failed(e.getCause());
    } catch (TimeoutException e) {
      if (callerDeadline < deadline) {
        // The caller gave up; the function runs on until it ends or reaches its own Timeout.
        executor.submit(() -> stopAtTimeout(environment, running, deadline));
        return new InvocationResult.Abandoned();
      }
      stop(environment, running);
      return new InvocationResult.TimedOut(definition.timeoutSeconds());
    } catch (InterruptedException e) {
      running.cancel(true);
      drop();
      Thread.currentThread().interrupt();
      return new InvocationResult.Failed(e);
    }
  }

  private void stopAtTimeout(ExecutionEnvironment environment, Future<?> running, long deadline) {
    try {
      running.get(remaining(deadline), TimeUnit.NANOSECONDS);
      release(environment);
    } catch (TimeoutException e) {
      stop(environment, running);
    } catch (ExecutionException e) {
      release(environment); // nobody waits for this invocation's outcome any more
    } catch (InterruptedException e) {
      drop();
    }
  }

  // Lambda stops a function at its Timeout and resets the execution environment: it is not used again.
  private void stop(ExecutionEnvironment environment, Future<?> running) {
    running.cancel(true);
    System.err.println(definition.logicalId() + ": stopped at its " + definition.timeoutSeconds()
        + " s Timeout; the next invocation starts a new execution environment");
    drop();
  }

  // The runtime runs the function's code with its class loader as the thread's context class loader.
  private static <T> Callable<T> inLoader(ClassLoader loader, Callable<T> task) {
    return () -> {
      Thread.currentThread().setContextClassLoader(loader);
      return task.call();
    };
  }

  private long timeoutNanos() {
    return TimeUnit.SECONDS.toNanos(definition.timeoutSeconds());
  }

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  private static void close(URLClassLoader loader) {
    try {
      loader.close();
    } catch (IOException e) {
      System.err.println("Could not close " + loader.getName() + ": " + e);
    }
  }
}
