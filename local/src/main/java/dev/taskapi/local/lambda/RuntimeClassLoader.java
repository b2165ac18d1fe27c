package dev.taskapi.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.net.URL;
import java.security.CodeSource;
import java.util.Objects;

/**
 * The parent of every function's class loader: what the Lambda Java runtime itself provides, and nothing of the
 * local stack's own dependencies.
 *
 * <p>On Lambda the runtime interface client (aws-lambda-java-runtime-interface-client 2.10.1,
 * {@code AWSLambda.getLambdaRequestHandlerObject}) makes the system class loader the parent of the function's
 * {@code CustomerClassLoader}, "to ensure any aws-lambda-java-core classes are loaded from the system class
 * loader". A function therefore sees the JDK and the runtime's {@code com.amazonaws.services.lambda.runtime}
 * interfaces ({@code Context}, {@code RequestHandler}, ...), whichever copy its own jar carries, and must bring
 * everything else (the events library, Jackson, the AWS SDK) itself. Here: the platform class loader for the JDK,
 * and, from this process, only the classes of the jar that holds {@link Context} (aws-lambda-java-core).
 */
final class RuntimeClassLoader extends ClassLoader {
  static final RuntimeClassLoader INSTANCE = new RuntimeClassLoader();

  private static final String CORE_PACKAGE = "com.amazonaws.services.lambda.runtime.";
  private static final URL CORE_JAR = codeLocation(Context.class);

  static {
    registerAsParallelCapable();
  }

  private RuntimeClassLoader() {
    super("lambda-runtime", ClassLoader.getPlatformClassLoader());
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    if (name.startsWith(CORE_PACKAGE)) {
      Class<?> candidate = Class.forName(name, false, Context.class.getClassLoader());
      // Same package prefix, other jars (aws-lambda-java-events' ...runtime.events): the function's own.
      if (Objects.equals(codeLocation(candidate), CORE_JAR)) {
        return candidate;
      }
    }
    throw new ClassNotFoundException(name);
  }

  private static URL codeLocation(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    return source == null ? null : source.getLocation();
  }
}
