package dev.taskapi.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskapi.local.template.FunctionDef;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Lambda function of the template, run in this JVM. The handler is created on the first invocation
 * (the cold start) and reused afterwards, concurrently, like a warm container.
 */
public final class LambdaFunction {
  static final ObjectMapper EVENT_MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final FunctionDef definition;
  private final Map<String, String> environment;
  private final String region;
  private final ExecutorService executor;
  private final Object initLock = new Object();
  private volatile Handler handler;

  /** The handler instance and the method Lambda calls on it. */
  private record Handler(Object instance, Method method, JavaType inputType) {}

  LambdaFunction(FunctionDef definition, Map<String, String> environment, String region, ExecutorService executor) {
    this.definition = definition;
    this.environment = Map.copyOf(environment);
    this.region = region;
    this.executor = executor;
  }

  public FunctionDef definition() {
    return definition;
  }

  /** The environment the handler is constructed with. */
  public Map<String, String> environment() {
    return environment;
  }

  /** Converts a JSON event into the handler's input type, as the Lambda runtime does. */
  public Object eventFromJson(String json) throws Exception {
    return EVENT_MAPPER.readValue(json, handler().inputType());
  }

  /**
   * Runs the handler with {@code event} (converted to its input type when it is not one already).
   *
   * @param maxWait how long the caller waits at most; shorter than the function's Timeout means the caller
   *     gives up first
   */
  public InvocationResult invoke(Object event, String requestId, Duration maxWait) {
    long timeoutMillis = definition.timeoutSeconds() * 1000L;
    long deadline = System.currentTimeMillis() + timeoutMillis;
    Future<Object> running =
        executor.submit(
            () -> {
              Handler h = handler();
              Object input = toInput(event, h.inputType());
              Context context =
                  new LocalContext(requestId, definition.logicalId(), region, definition.memoryMb(), deadline);
              return call(h, input, context);
            });
    boolean callerGivesUpFirst = maxWait.toMillis() < timeoutMillis;
    try {
      return new InvocationResult.Returned(
          running.get(callerGivesUpFirst ? maxWait.toMillis() : timeoutMillis, TimeUnit.MILLISECONDS));
    } catch (ExecutionException e) {
      return new InvocationResult.Failed(e.getCause());
    } catch (TimeoutException e) {
      running.cancel(true);
      return callerGivesUpFirst
          ? new InvocationResult.Abandoned()
          : new InvocationResult.TimedOut(definition.timeoutSeconds());
    } catch (InterruptedException e) {
      running.cancel(true);
      Thread.currentThread().interrupt();
      return new InvocationResult.Failed(e);
    }
  }

  private static Object toInput(Object event, JavaType inputType) {
    if (event == null || inputType.getRawClass().isInstance(event)) {
      return event;
    }
    return EVENT_MAPPER.convertValue(event, inputType);
  }

  private static Object call(Handler h, Object input, Context context) throws Exception {
    Object[] arguments = h.method().getParameterCount() == 2 ? new Object[] {input, context} : new Object[] {input};
    try {
      return h.method().invoke(h.instance(), arguments);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception exception) {
        throw exception;
      }
      throw e;
    }
  }

  private Handler handler() throws Exception {
    Handler current = handler;
    if (current == null) {
      synchronized (initLock) {
        current = handler;
        if (current == null) {
          // A failed init is not kept: Lambda retries it on the next invocation.
          current = createHandler();
          handler = current;
        }
      }
    }
    return current;
  }

  private Handler createHandler() throws Exception {
    ClassLoader loader = LambdaFunction.class.getClassLoader();
    Class<?> type;
    try {
      type = Class.forName(definition.handlerClass(), true, loader);
    } catch (ClassNotFoundException e) {
      throw new ClassNotFoundException(
          "Handler class "
              + definition.handlerClass()
              + " of "
              + definition.logicalId()
              + " is not on the classpath (is its module built and a dependency of the local stack?)",
          e);
    }
    Object instance = instantiate(type);
    Method method = handlerMethod(type);
    Type input = method.getGenericParameterTypes()[0];
    return new Handler(instance, method, EVENT_MAPPER.getTypeFactory().constructType(input));
  }

  // The project's convention: a constructor taking the environment, so handlers need not read System.getenv.
  private Object instantiate(Class<?> type) throws Exception {
    try {
      Constructor<?> withEnvironment = type.getConstructor(Map.class);
      return construct(withEnvironment, environment);
    } catch (NoSuchMethodException e) {
      return construct(type.getConstructor());
    }
  }

  private static Object construct(Constructor<?> constructor, Object... arguments) throws Exception {
    try {
      return constructor.newInstance(arguments);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception exception) {
        throw exception;
      }
      throw e;
    }
  }

  private Method handlerMethod(Class<?> type) throws NoSuchMethodException {
    // RequestHandler implementations also carry a bridge handleRequest(Object, Context); prefer the typed one.
    return Arrays.stream(type.getMethods())
        .filter(m -> m.getName().equals(definition.handlerMethod()))
        .filter(m -> !Modifier.isStatic(m.getModifiers()))
        .filter(m -> m.getParameterCount() == 1
            || m.getParameterCount() == 2 && m.getParameterTypes()[1] == Context.class)
        .min(Comparator.comparing(Method::isBridge).thenComparing(m -> -m.getParameterCount()))
        .orElseThrow(
            () -> new NoSuchMethodException(
                definition.handlerClass() + " has no public " + definition.handlerMethod() + "(input, Context)"));
  }
}
