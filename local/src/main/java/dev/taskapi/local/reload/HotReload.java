package dev.taskapi.local.reload;

import dev.taskapi.local.LocalStack;
import dev.taskapi.local.LocalStackOptions;
import dev.taskapi.local.lambda.LambdaFunction;
import dev.taskapi.local.reload.ProjectModules.Module;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The local stack of {@code bin/start}, kept up to date with the project while it runs.
 *
 * <ul>
 *   <li>A saved source file (or resource) of a module: that module, and the modules that use it, are compiled in
 *       this JVM ({@link ModuleCompiler}); every function whose jar holds one of them then runs its next invocation
 *       cold, in a new class loader with the new classes before its CodeUri. The other functions stay warm.
 *   <li>A compile error is printed, and every function keeps its code until a save compiles.
 *   <li>A saved template.yaml (routes, environment, policies, tables): the emulator is rebuilt from it in this
 *       process, on the same port, with the same data directory; the reloaded classes carry over.
 * </ul>
 *
 * What differs from a deployment is in docs/local-fidelity.md.
 */
public final class HotReload implements AutoCloseable {
  private static final String OUTPUT = "hot-reload";

  private final LocalStackOptions options;
  private final Path template;
  private final ProjectModules modules;
  private final ModuleCompiler compiler = new ModuleCompiler();
  private final PrintStream out;
  private final Map<Module, Path> reloaded = new HashMap<>();
  private final SourceWatcher watcher;
  private volatile LocalStack stack;
  private int generation;

  private HotReload(LocalStackOptions options, LocalStack stack, PrintStream out) throws IOException {
    this.options = options;
    this.stack = stack;
    this.out = out;
    this.template = options.template().toAbsolutePath().normalize();
    this.modules = ProjectModules.read(template.getParent());
    for (Module module : modules.all()) {
      deleteRecursively(module.dir().resolve("target").resolve(OUTPUT));
    }
    List<Path> watched = new ArrayList<>();
    modules.all().forEach(m -> watched.addAll(List.of(m.sources(), m.resources())));
    this.watcher = SourceWatcher.start(watched, template, this::changed);
    compiler.warmUpInBackground();
  }

  /** Starts the stack, then watches the sources of the project around {@code options.template()}. */
  public static HotReload start(LocalStackOptions options, PrintStream out) {
    LocalStack stack = LocalStack.start(options);
    try {
      // A rebuilt stack must come back where clients expect it, also when port 0 picked a free one.
      return new HotReload(options.withPort(stack.port()), stack, out);
    } catch (IOException | RuntimeException e) {
      stack.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  /** The stack serving now (a new one after template.yaml changed). */
  public LocalStack stack() {
    return stack;
  }

  /** How many modules it watches. */
  public int watchedModules() {
    return modules.all().size();
  }

  @Override
  public void close() {
    watcher.close();
    LocalStack current = stack;
    if (current != null) {
      current.close();
    }
  }

  private synchronized void changed(Set<Path> paths) {
    Set<Module> changedModules = new LinkedHashSet<>();
    for (Path path : paths) {
      modules.owning(path).ifPresent(changedModules::add);
    }
    if (!changedModules.isEmpty() && stack != null) {
      recompile(changedModules);
    }
    if (paths.contains(template)) {
      rebuildStack();
    }
  }

  private void recompile(Set<Module> changed) {
    long started = System.nanoTime();
    Map<LambdaFunction, Set<Module>> contents = functionContents(stack);
    Set<Module> affected = new LinkedHashSet<>();
    for (Set<Module> jar : contents.values()) {
      for (Module module : jar) {
        if (modules.closure(module).stream().anyMatch(changed::contains)) {
          affected.add(module);
        }
      }
    }
    if (affected.isEmpty()) {
      return;
    }
    int next = ++generation;
    Map<Module, Path> compiled = new LinkedHashMap<>(reloaded);
    for (Module module : modules.inBuildOrder(affected)) {
      Path output = module.dir().resolve("target").resolve(OUTPUT).resolve(Integer.toString(next));
      List<Path> classPath = new ArrayList<>();
      modules.closure(module).stream().filter(m -> m != module).map(compiled::get).filter(p -> p != null)
          .forEach(classPath::add);
      classPath.add(jarHolding(module, contents));
      try {
        compiler.compile(module, classPath, output);
      } catch (ModuleCompiler.CompileFailure failure) {
        out.println("Hot reload: " + module + " does not compile; the old code keeps serving:");
        out.println(failure.getMessage());
        out.flush();
        return;
      }
      compiled.put(module, output);
    }
    reloaded.putAll(compiled);
    List<String> names = new ArrayList<>();
    contents.forEach((function, jar) -> {
      if (jar.stream().anyMatch(affected::contains)) {
        function.reload(reloadedClasses(jar));
        names.add(function.definition().logicalId());
      }
    });
    out.printf("Hot reload: %s compiled in %d ms; %s start cold with it.%n",
        changed.stream().map(Module::toString).collect(Collectors.joining(", ")),
        (System.nanoTime() - started) / 1_000_000, String.join(", ", names));
    out.flush();
  }

  private void rebuildStack() {
    out.println("Hot reload: " + template.getFileName() + " changed; rebuilding the local stack from it...");
    out.flush();
    LocalStack old = stack;
    stack = null;
    if (old != null) {
      old.close();
    }
    try {
      LocalStack rebuilt = LocalStack.start(options);
      functionContents(rebuilt).forEach((function, jar) -> {
        List<Path> classes = reloadedClasses(jar);
        if (!classes.isEmpty()) {
          function.reload(classes);
        }
      });
      stack = rebuilt;
      out.println("Hot reload: serving " + template.getFileName() + " as saved, on " + rebuilt.baseUri());
    } catch (RuntimeException e) {
      out.println("Hot reload: the stack cannot start from " + template.getFileName() + " (" + e.getMessage()
          + "); fix it and save again.");
    }
    out.flush();
  }

  /** Each function of the stack with the project modules its CodeUri's jar is built from (its module first). */
  private Map<LambdaFunction, Set<Module>> functionContents(LocalStack current) {
    Map<LambdaFunction, Set<Module>> contents = new LinkedHashMap<>();
    for (LambdaFunction function : current.runtime().functions().all()) {
      Path codeUri = function.definition().codeUri();
      Optional<Module> module = codeUri == null || codeUri.getParent() == null
          || !codeUri.getParent().getFileName().toString().equals("target")
          ? Optional.empty() : modules.inDirectory(codeUri.getParent().getParent());
      module.ifPresent(m -> contents.put(function, modules.closure(m)));
    }
    return contents;
  }

  private static Path jarHolding(Module module, Map<LambdaFunction, Set<Module>> contents) {
    return contents.entrySet().stream().filter(e -> e.getValue().contains(module)).findFirst()
        .map(e -> e.getKey().definition().codeUri()).orElseThrow();
  }

  private List<Path> reloadedClasses(Set<Module> jar) {
    return jar.stream().map(reloaded::get).filter(p -> p != null).toList();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
