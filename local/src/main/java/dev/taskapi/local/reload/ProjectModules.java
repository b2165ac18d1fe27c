package dev.taskapi.local.reload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The project's Maven modules as hot reload needs them: where each one's sources are and which other modules of the
 * project it depends on (what its jar is built from). Read from the POMs, starting at the root pom's
 * {@code <modules>}; test-scoped dependencies and pom-type ones (which put nothing in a jar) are left out.
 */
final class ProjectModules {
  /** One module with sources: its directory, artifactId and the project modules its main code depends on. */
  record Module(Path dir, String artifactId, List<String> dependencies) {
    Path sources() {
      return dir.resolve("src").resolve("main").resolve("java");
    }

    Path resources() {
      return dir.resolve("src").resolve("main").resolve("resources");
    }

    @Override
    public String toString() {
      return artifactId;
    }
  }

  private final Map<String, Module> byArtifactId;

  private ProjectModules(Map<String, Module> byArtifactId) {
    this.byArtifactId = byArtifactId;
  }

  /** The modules under {@code root}'s pom.xml; none when there is no pom.xml there. */
  static ProjectModules read(Path root) {
    Map<String, Module> modules = new LinkedHashMap<>();
    Path pom = root.resolve("pom.xml");
    if (Files.isRegularFile(pom)) {
      collect(root.toAbsolutePath().normalize(), modules);
    }
    return new ProjectModules(modules);
  }

  List<Module> all() {
    return List.copyOf(byArtifactId.values());
  }

  /** The module whose directory holds {@code path} (the innermost one). */
  Optional<Module> owning(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    return byArtifactId.values().stream()
        .filter(m -> absolute.startsWith(m.dir()))
        .max(Comparator.comparingInt(m -> m.dir().getNameCount()));
  }

  /** The module built in {@code dir} (a function's CodeUri is {@code <dir>/target/function.jar}). */
  Optional<Module> inDirectory(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    return byArtifactId.values().stream().filter(m -> m.dir().equals(absolute)).findFirst();
  }

  /** {@code module} and every project module it depends on, directly or not: what its shaded jar contains. */
  Set<Module> closure(Module module) {
    Set<Module> result = new LinkedHashSet<>();
    addClosure(module, result);
    return result;
  }

  /** Dependencies before dependents, so each module compiles against the new classes of those it uses. */
  List<Module> inBuildOrder(Set<Module> modules) {
    List<Module> result = new ArrayList<>();
    Set<Module> visited = new LinkedHashSet<>();
    for (Module module : modules) {
      place(module, modules, visited, result);
    }
    return result;
  }

  private void place(Module module, Set<Module> members, Set<Module> visited, List<Module> result) {
    if (!visited.add(module)) {
      return;
    }
    for (String dependency : module.dependencies()) {
      Module needed = byArtifactId.get(dependency);
      if (needed != null) {
        place(needed, members, visited, result);
      }
    }
    if (members.contains(module)) {
      result.add(module);
    }
  }

  private void addClosure(Module module, Set<Module> result) {
    if (!result.add(module)) {
      return;
    }
    for (String dependency : module.dependencies()) {
      Module needed = byArtifactId.get(dependency);
      if (needed != null) {
        addClosure(needed, result);
      }
    }
  }

  private static void collect(Path dir, Map<String, Module> modules) {
    Element project = parse(dir.resolve("pom.xml")).getDocumentElement();
    List<String> children = texts(child(project, "modules"), "module");
    if (Files.isDirectory(dir.resolve("src").resolve("main"))) {
      List<String> dependencies = new ArrayList<>();
      for (Element dependency : elements(child(project, "dependencies"), "dependency")) {
        String scope = text(dependency, "scope");
        String type = text(dependency, "type");
        if (!"test".equals(scope) && !"pom".equals(type) && !"test-jar".equals(type)) {
          dependencies.add(text(dependency, "artifactId"));
        }
      }
      String artifactId = text(project, "artifactId");
      modules.put(artifactId, new Module(dir, artifactId, List.copyOf(dependencies)));
    }
    for (String child : children) {
      Path childDir = dir.resolve(child).normalize();
      if (Files.isRegularFile(childDir.resolve("pom.xml"))) {
        collect(childDir, modules);
      }
    }
  }

  private static Document parse(Path pom) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(pom.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + pom, e);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot parse " + pom + ": " + e.getMessage(), e);
    }
  }

  private static Element child(Element parent, String name) {
    if (parent == null) {
      return null;
    }
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        return element;
      }
    }
    return null;
  }

  private static List<Element> elements(Element parent, String name) {
    List<Element> result = new ArrayList<>();
    if (parent != null) {
      for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
        if (node instanceof Element element && element.getTagName().equals(name)) {
          result.add(element);
        }
      }
    }
    return result;
  }

  private static List<String> texts(Element parent, String name) {
    return elements(parent, name).stream().map(e -> e.getTextContent().trim()).toList();
  }

  private static String text(Element parent, String name) {
    Element element = child(parent, name);
    return element == null ? null : element.getTextContent().trim();
  }
}
