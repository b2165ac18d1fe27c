package dev.taskapi.local.reload;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.JavaFileObject.Kind;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles one module's main sources in this JVM (javax.tools, the JDK's own javac) into a fresh directory, with its
 * resources copied beside the classes: what {@code mvn compile} would put in target/classes, without Maven's start-up.
 * Compiled for release 25, the functions' Lambda runtime (java25), as the POMs' maven.compiler.release is.
 */
final class ModuleCompiler {
  static final String RELEASE = "25";
  private static final long WARM_UP_DELAY_MILLIS = 5_000;
  /** What Files.createTempDirectory("hot-reload-warm-up") named the warm-up folder before it went away. */
  private static final Pattern LEFT_OVER_WARM_UP = Pattern.compile("hot-reload-warm-up\\d+");

  /** Why a module did not compile: javac's diagnostics, one per line as javac prints them. */
  static final class CompileFailure extends Exception {
    CompileFailure(String message) {
      super(message);
    }
  }

  private final JavaCompiler javac;

  ModuleCompiler() {
    javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("Hot reload needs a JDK (javac), not a JRE: set JAVA_HOME to a JDK 25");
    }
  }

  /**
   * Compiles a one-line class in the background, so the first save does not also pay for loading and warming up
   * javac itself (seconds on a busy machine).
   */
  void warmUpInBackground() {
    Thread.ofPlatform().daemon().name("hot-reload-warm-up").start(() -> {
      try {
        Thread.sleep(WARM_UP_DELAY_MILLIS); // after the stack's own start and first requests, not competing with them
        warmUp(Path.of(System.getProperty("java.io.tmpdir")));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  /**
   * The warm-up compile. Its class file is thrown away as javac writes it, so it leaves nothing behind, however the
   * process ends; the folders earlier versions left in {@code temporaryDirectory}, one per start (named
   * {@code hot-reload-warm-up<digits>}, holding nothing but WarmUp.class), are removed first.
   */
  void warmUp(Path temporaryDirectory) {
    removeLeftOverWarmUpFolders(temporaryDirectory);
    JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///WarmUp.java"), Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return "final class WarmUp { String greeting() { return java.util.List.of(\"warm\").getFirst(); } }";
      }
    };
    try (JavaFileManager discarding =
        new ForwardingJavaFileManager<>(javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
          @Override
          public JavaFileObject getJavaFileForOutput(Location location, String className, Kind kind,
              FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("discarded:///" + className + kind.extension), kind) {
              @Override
              public OutputStream openOutputStream() {
                return OutputStream.nullOutputStream();
              }
            };
          }
        }) {
      javac.getTask(null, discarding, null, List.of("--release", RELEASE), null, List.of(source)).call();
    } catch (IOException | RuntimeException e) {
      // Only a head start; the first real compile warms javac up just as well.
    }
  }

  private static void removeLeftOverWarmUpFolders(Path temporaryDirectory) {
    try (Stream<Path> entries = Files.list(temporaryDirectory)) {
      for (Path folder : entries.filter(p -> LEFT_OVER_WARM_UP.matcher(p.getFileName().toString()).matches())
          .filter(Files::isDirectory).toList()) {
        try (Stream<Path> inside = Files.list(folder)) {
          List<Path> files = inside.toList();
          if (files.stream().allMatch(f -> f.getFileName().toString().equals("WarmUp.class"))
              && Files.getOwner(folder).getName().equals(System.getProperty("user.name"))) {
            for (Path file : files) {
              Files.delete(file);
            }
            Files.delete(folder);
          }
        } catch (IOException e) {
          // Not ours to remove after all (another user's, or in use): left as it is.
        }
      }
    } catch (IOException e) {
      // No temporary directory to tidy.
    }
  }

  /**
   * Compiles every source file of {@code module} into {@code output}.
   *
   * @param classPath what the module compiles against: the new classes of modules it uses, then a jar holding
   *     all its dependencies (a function's function.jar)
   */
  void compile(ProjectModules.Module module, List<Path> classPath, Path output) throws CompileFailure {
    List<Path> sources = files(module.sources(), ".java");
    try {
      Files.createDirectories(output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter compilerOutput = new StringWriter();
    boolean compiled;
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options = List.of("--release", RELEASE, "-proc:none", "-implicit:none", "-g", "-nowarn",
          "-encoding", "UTF-8", "-d", output.toString(),
          "-classpath", classPath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
      compiled = javac.getTask(compilerOutput, files, diagnostics, options, null,
          files.getJavaFileObjectsFromPaths(sources)).call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!compiled) {
      throw new CompileFailure(diagnostics.getDiagnostics().stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .map(ModuleCompiler::describe)
          .collect(Collectors.joining(System.lineSeparator())) + compilerOutput);
    }
    copyResources(module.resources(), output);
  }

  private static String describe(Diagnostic<? extends JavaFileObject> diagnostic) {
    String where = diagnostic.getSource() == null ? ""
        : Path.of(diagnostic.getSource().toUri()) + ":" + diagnostic.getLineNumber() + ": ";
    return where + "error: " + diagnostic.getMessage(Locale.ROOT);
  }

  private static void copyResources(Path resources, Path output) {
    for (Path resource : files(resources, "")) {
      Path target = output.resolve(resources.relativize(resource).toString());
      try {
        Files.createDirectories(target.getParent());
        Files.copy(resource, target, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot copy " + resource, e);
      }
    }
  }

  private static List<Path> files(Path dir, String suffix) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
  }
}
