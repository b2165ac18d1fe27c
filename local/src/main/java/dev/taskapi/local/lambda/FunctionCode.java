package dev.taskapi.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A function's code as Lambda lays it out in /var/task, and the class loader the Java runtime builds over it.
 *
 * <p>Lambda unzips the deployment package into /var/task; the runtime interface client's
 * {@code CustomerClassLoader} (aws-lambda-java-runtime-interface-client 2.10.1) then puts /var/task itself on the
 * class path, followed by /var/task/lib/*.jar in lexical order (and the layers' /opt/java/lib/*.jar, which this
 * project does not use). A CodeUri may be a directory (already that layout) or a .jar/.zip archive; an archive is
 * read in place, and only the jars under its lib/ are unpacked, since a class loader cannot read a jar in a jar.
 *
 * <p>Hot reload (bin/start) puts directories of freshly compiled classes of the function's modules before the
 * CodeUri: the classes a rebuild would put in the jar, without rebuilding it (docs/local-fidelity.md).
 */
final class FunctionCode {
  private final String functionName;
  private final Path codeUri;
  private final List<Path> reloadedClasses;

  FunctionCode(String functionName, Path codeUri) {
    this(functionName, codeUri, List.of());
  }

  FunctionCode(String functionName, Path codeUri, List<Path> reloadedClasses) {
    this.functionName = functionName;
    this.codeUri = codeUri;
    this.reloadedClasses = List.copyOf(reloadedClasses);
  }

  /** A new class loader over the code: each execution environment of the function gets one of its own. */
  URLClassLoader newClassLoader() {
    return new URLClassLoader("lambda:" + functionName, classPath(), RuntimeClassLoader.INSTANCE);
  }

  private URL[] classPath() {
    if (codeUri == null) {
      throw new IllegalStateException(functionName + " has no local CodeUri (a path to a jar, zip or directory)");
    }
    try {
      List<URL> urls = new ArrayList<>();
      for (Path classes : reloadedClasses) {
        urls.add(classes.toUri().toURL());
      }
      urls.add(codeUri.toUri().toURL());
      if (Files.isDirectory(codeUri)) {
        urls.addAll(jarsIn(codeUri.resolve("lib")));
      } else if (Files.isRegularFile(codeUri)) {
        urls.addAll(unpackedLibJars());
      } else {
        throw new IllegalStateException("The CodeUri of " + functionName + ", " + codeUri
            + ", does not exist: build it first (mvn -B -ntp -DskipTests package)");
      }
      return urls.toArray(URL[]::new);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the CodeUri of " + functionName + ", " + codeUri, e);
    }
  }

  private static List<URL> jarsIn(Path lib) throws IOException {
    if (!Files.isDirectory(lib)) {
      return List.of();
    }
    List<Path> jars;
    try (Stream<Path> files = Files.list(lib)) {
      jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
    }
    List<URL> urls = new ArrayList<>();
    for (Path jar : jars) {
      urls.add(toUrl(jar));
    }
    return urls;
  }

  private List<URL> unpackedLibJars() throws IOException {
    try (ZipFile archive = new ZipFile(codeUri.toFile())) {
      List<? extends ZipEntry> libJars = Collections.list(archive.entries()).stream()
          .filter(e -> !e.isDirectory() && e.getName().matches("lib/[^/]+\\.jar"))
          .toList();
      if (libJars.isEmpty()) {
        return List.of();
      }
      Path lib = Files.createTempDirectory("taskapi-" + functionName + "-lib-");
      lib.toFile().deleteOnExit();
      for (ZipEntry entry : libJars) {
        Path target = lib.resolve(entry.getName().substring("lib/".length()));
        try (InputStream in = archive.getInputStream(entry)) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        target.toFile().deleteOnExit();
      }
      return jarsIn(lib);
    }
  }

  private static URL toUrl(Path path) {
    try {
      return path.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(path.toString(), e);
    }
  }
}
