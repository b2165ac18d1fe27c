package dev.taskapi.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A deployment package laid out as Lambda lays it out for a java25 function: extracted into the task root
 * ({@code /var/task} on AWS), which is the runtime's working directory. The runtime client loads the handler through
 * its {@code CustomerClassLoader}: a URLClassLoader over {@code user.dir} as a directory, then {@code user.dir/lib}'s
 * and {@code /opt/java/lib}'s jars in name order, its parent the system class loader, which holds only the runtime
 * client and its libraries (aws/aws-lambda-java-libs at c4dcbab4ffeda26ec9dff997d6ef02a9ee2ab013, runtime
 * interface client 2.10.1: {@code AWSLambda.getLambdaRequestHandlerObject}, {@code CustomerClassLoader.getUrls}).
 * So classes come from the directory, not from a jar, and the function's own copy of aws-lambda-java-core is
 * shadowed by the runtime's.
 */
final class TaskRoot {
  /** The hello-world baseline's classes: its handler, nothing else of the launch jar. */
  static final String HELLO_CLASSES = "dev/taskapi/bench/launch/HelloHandler";

  /** The SDK floor's handler ({@code launch.SdkFloorHandler}), added to a function's package. */
  static final String SDK_FLOOR_CLASSES = "dev/taskapi/bench/launch/SdkFloorHandler";

  private TaskRoot() {}

  /** {@code artifact} (a .zip or .jar deployment package) extracted into {@code directory}; its real path. */
  static Path extract(Path artifact, Path directory) {
    return extract(artifact, directory, entry -> true);
  }

  /**
   * The hello-world baseline as a .zip deployment package would hold it (Developer Guide, "Deploy Java Lambda
   * functions with .zip or JAR file archives": compiled classes at the root, dependency jars in {@code lib/}):
   * {@link #HELLO_CLASSES} from {@code launchJar}, each of {@code dependencies} copied into {@code lib/}.
   */
  static Path helloWorld(Path launchJar, List<Path> dependencies, Path directory) {
    Path root = extract(launchJar, directory, entry -> entry.getName().startsWith(HELLO_CLASSES));
    try {
      Path lib = Files.createDirectories(root.resolve("lib"));
      for (Path dependency : dependencies) {
        Files.copy(dependency, lib.resolve(dependency.getFileName()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return root;
  }

  /**
   * The SDK floor: {@code functionArtifact}'s package with {@link #SDK_FLOOR_CLASSES} from {@code launchJar} at
   * its root, so the floor's handler runs beside the same libraries as the function's.
   */
  static Path sdkFloor(Path functionArtifact, Path launchJar, Path directory) {
    Path root = extract(functionArtifact, directory);
    extract(launchJar, root, entry -> entry.getName().startsWith(SDK_FLOOR_CLASSES));
    return root;
  }

  private static Path extract(Path archive, Path directory, Predicate<ZipEntry> included) {
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      // The real path: the JVM's user.dir is the working directory as the kernel reports it, so class-load
      // sources name it that way.
      Path root = Files.createDirectories(directory).toRealPath();
      for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
        ZipEntry entry = entries.nextElement();
        Path target = root.resolve(entry.getName()).normalize();
        if (!target.startsWith(root)) {
          throw new IllegalArgumentException(archive + " has an entry outside its root: " + entry.getName());
        }
        if (entry.isDirectory() || !included.test(entry)) {
          continue;
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = zip.getInputStream(entry)) {
          Files.copy(in, target);
        }
      }
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
