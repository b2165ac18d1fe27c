package dev.taskapi.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * A function's handler as the Lambda Java runtime calls it: the event arrives as JSON and the answer leaves as
 * JSON. A {@link RequestStreamHandler} (or any {@code (InputStream, OutputStream[, Context])} method) gets the
 * bytes themselves; any other handler method {@code (input[, Context])} gets the JSON read into its input type, and
 * its return value is written back as JSON, by the runtime's serializer rather than by a library of the function.
 * Method choice follows aws-lambda-java-runtime-interface-client 2.10.1 {@code EventHandlerLoader}: among the
 * public methods of that name, non-bridge before bridge, then the one with the most parameters.
 */
public final class LambdaHandler {
  /**
   * The project's functions read their variables through core's {@code Environment.current()}; each function's
   * class loader defines its own copy of that class from the function's jar.
   */
  private static final String ENVIRONMENT_CLASS = "dev.taskapi.config.Environment";

  private final Object instance;
  private final Method method;
  private final boolean stream;
  private final JavaType inputType;
  // The runtime's serializer, one per execution environment: its caches hold the function's classes.
  private final ObjectMapper json;
  // For an aws-lambda-java-events input (SQSEvent...), the runtime's own serializer instead.
  private final Optional<PojoSerializer<?>> eventSerializer;

  private LambdaHandler(Object instance, Method method) {
    this.instance = instance;
    this.method = method;
    Class<?>[] parameters = method.getParameterTypes();
    this.stream = parameters.length >= 2 && parameters[0] == InputStream.class && parameters[1] == OutputStream.class;
    this.json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    this.inputType = stream || parameters.length == 0 || parameters[0] == Context.class
        ? null : json.getTypeFactory().constructType(method.getGenericParameterTypes()[0]);
    this.eventSerializer = inputType == null ? Optional.empty() : RuntimeEventSerializers.forType(inputType.getRawClass());
  }

  /**
   * Loads and constructs {@code className} from {@code loader} (the function's Init) with its public no-argument
   * constructor, as Lambda does, once the function's copy of core's {@code Environment} holds {@code environment}.
   */
  static LambdaHandler load(String className, String methodName, ClassLoader loader,
      Map<String, String> environment) throws Exception {
    giveEnvironment(loader, environment);
    Class<?> type = Class.forName(className, true, loader);
    return of(construct(type.getConstructor()), methodName);
  }

  /**
   * On Lambda every function has a process of its own, whose environment its code reads. Here all functions share
   * this JVM and its process environment, so the function's own variables go to its copy of {@code Environment},
   * before the handler class is even loaded. A function without that class (no core in its jar) reads the process
   * environment, as code calling {@code System.getenv()} itself does.
   */
  private static void giveEnvironment(ClassLoader loader, Map<String, String> environment) throws Exception {
    Class<?> holder;
    try {
      holder = Class.forName(ENVIRONMENT_CLASS, true, loader);
    } catch (ClassNotFoundException e) {
      return;
    }
    try {
      holder.getMethod("setCurrent", Map.class).invoke(null, environment);
    } catch (InvocationTargetException e) {
      throw rethrown(e);
    }
  }

  /** The handler method {@code methodName} of an instance made elsewhere (the benchmarks construct their own). */
  public static LambdaHandler of(Object instance, String methodName) throws NoSuchMethodException {
    Method method = Arrays.stream(instance.getClass().getMethods())
        .filter(m -> m.getName().equals(methodName))
        .filter(m -> !Modifier.isStatic(m.getModifiers()))
        .filter(LambdaHandler::acceptedSignature)
        .min(Comparator.comparing(Method::isBridge).thenComparing(m -> -m.getParameterCount()))
        .orElseThrow(() -> new NoSuchMethodException(instance.getClass().getName() + " has no public "
            + methodName + "(input[, Context]) or (InputStream, OutputStream[, Context])"));
    return new LambdaHandler(instance, method);
  }

  private static boolean acceptedSignature(Method m) {
    Class<?>[] p = m.getParameterTypes();
    boolean streams = p.length >= 2 && p[0] == InputStream.class && p[1] == OutputStream.class;
    return switch (p.length) {
      case 0, 1 -> true;
      case 2 -> streams || p[1] == Context.class;
      case 3 -> streams && p[2] == Context.class;
      default -> false;
    };
  }

  /** The event JSON read into the handler's input type (null for a stream or input-less handler). */
  public Object input(byte[] event) throws Exception {
    if (eventSerializer.isPresent()) {
      return RuntimeEventSerializers.read(eventSerializer.get(), event);
    }
    return inputType == null ? null : json.readValue(event, inputType);
  }

  /** One invocation: event JSON in, response JSON out (public: the benchmarks call handlers they construct). */
  public byte[] invoke(byte[] event, Context context) throws Exception {
    if (stream) {
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      Object[] arguments = method.getParameterCount() == 3
          ? new Object[] {new ByteArrayInputStream(event), output, context}
          : new Object[] {new ByteArrayInputStream(event), output};
      callWith(arguments);
      return output.toByteArray();
    }
    return json.writeValueAsBytes(call(input(event), context));
  }

  /** Calls a non-stream handler with an input already of its type, as {@link #input} makes it. */
  public Object call(Object input, Context context) throws Exception {
    Class<?>[] parameters = method.getParameterTypes();
    return callWith(switch (parameters.length) {
      case 0 -> new Object[0];
      case 1 -> new Object[] {parameters[0] == Context.class ? context : input};
      default -> new Object[] {input, context};
    });
  }

  private Object callWith(Object[] arguments) throws Exception {
    try {
      return method.invoke(instance, arguments);
    } catch (InvocationTargetException e) {
      throw rethrown(e);
    }
  }

  private static Object construct(Constructor<?> constructor) throws Exception {
    try {
      return constructor.newInstance();
    } catch (InvocationTargetException e) {
      throw rethrown(e);
    }
  }

  // The handler's own exception (or error, such as NoClassDefFoundError) is the invocation's error.
  private static Exception rethrown(InvocationTargetException e) {
    if (e.getCause() instanceof Exception exception) {
      return exception;
    }
    if (e.getCause() instanceof Error error) {
      throw error;
    }
    return e;
  }
}
