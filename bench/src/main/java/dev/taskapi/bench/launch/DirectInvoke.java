package dev.taskapi.bench.launch;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Cold start (a), run in a fresh JVM: constructs the handler, hands a stream handler the event file's bytes (or
 * converts them to a typed handler's input type) and calls it once, as the Lambda runtime would but with nothing
 * else around it. Prints the response as one line prefixed {@code response } (the parent stops its clock there;
 * lines the handler logs to stdout come before it), then the number of classes loaded and the peak resident memory.
 *
 * <p>Usage: {@code DirectInvoke <handler class> <event file>}
 */
public final class DirectInvoke {
  /** Marks the response line: the handler may write its own lines (its request log) to stdout before it. */
  public static final String RESPONSE_PREFIX = "response ";

  private DirectInvoke() {}

  public static void main(String[] args) throws Exception {
    Class<?> type = Class.forName(args[0]);
    Object instance = type.getDeclaredConstructor().newInstance();
    byte[] eventJson = Files.readAllBytes(Path.of(args[1]));
    String response;
    try {
      response = instance instanceof RequestStreamHandler stream ? stream(stream, eventJson)
          : typed(instance, type, eventJson);
    } catch (RuntimeException e) {
      // The authorizer answers a refused token by throwing, as Lambda expects; that is still a response.
      response = "{\"errorMessage\":\"" + e.getMessage() + "\"}";
    }
    System.out.println(RESPONSE_PREFIX + response);
    System.out.flush();
    System.out.println("classes=" + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount()
        + " peakRssKiB=" + statusKiB("VmHWM:"));
  }

  /**
   * A memory figure of this process from /proc/self/status, in KiB: {@code VmHWM:} the most resident memory it has
   * had, what a Lambda memory size must hold; {@code VmRSS:} what is resident now.
   */
  static long statusKiB(String field) throws java.io.IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  /** A stream handler gets the event's bytes and writes its answer's, as the runtime passes them. */
  private static String stream(RequestStreamHandler handler, byte[] event) throws java.io.IOException {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), output, null);
    return output.toString(StandardCharsets.UTF_8);
  }

  /** A typed handler (the hello world) gets the event read into its input type, the answer written as JSON. */
  private static String typed(Object instance, Class<?> type, byte[] event) throws java.io.IOException {
    @SuppressWarnings("unchecked")
    RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>) instance;
    ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    JavaType input = mapper.getTypeFactory().constructType(inputType(type));
    return mapper.writeValueAsString(handler.handleRequest(mapper.readValue(event, input), null));
  }

  private static Type inputType(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Type implemented : c.getGenericInterfaces()) {
        if (implemented instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
          return p.getActualTypeArguments()[0];
        }
      }
    }
    throw new IllegalArgumentException(type + " does not implement RequestHandler<I, O>");
  }
}
