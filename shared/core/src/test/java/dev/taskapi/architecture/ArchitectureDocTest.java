package dev.taskapi.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** ARCHITECTURE.md's module graph stays true: it names every module, and its arrows are the POMs' dependencies. */
class ArchitectureDocTest {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
  private static final Pattern EDGE = Pattern.compile("(?m)^\\s*(\\w+) (-->|-\\. optional \\.->) (\\w+)\\s*$");

  @Test
  void theDiagramsArrowsAreTheCompileDependenciesOfEveryLibraryAndFunction() throws Exception {
    Set<String> fromPoms = new TreeSet<>();
    for (String module : applicationModules()) {
      Document pom = parse(ROOT.resolve(module).resolve("pom.xml"));
      for (Element dependency : children(pom.getDocumentElement(), "dependencies", "dependency")) {
        boolean ours = text(dependency, "groupId").equals("dev.taskapi");
        boolean compile = text(dependency, "scope").isEmpty() && text(dependency, "type").isEmpty();
        if (ours && compile) {
          String arrow = text(dependency, "optional").equals("true") ? "-. optional .->" : "-->";
          fromPoms.add(nodeId(module) + " " + arrow + " " + nodeId(text(dependency, "artifactId")));
        }
      }
    }
    Set<String> drawn = new TreeSet<>();
    Matcher edge = EDGE.matcher(diagram());
    while (edge.find()) {
      drawn.add(edge.group(1) + " " + edge.group(2) + " " + edge.group(3));
    }
    assertEquals(fromPoms, drawn);
  }

  @Test
  void everyModuleOfTheReactorIsNamed() throws Exception {
    String doc = Files.readString(ROOT.resolve("ARCHITECTURE.md"));
    String diagram = diagram();
    for (String module : allModules()) {
      if (module.startsWith("shared/") || module.startsWith("functions/")) {
        assertTrue(Pattern.compile("(?m)^\\s*" + nodeId(module) + "\\b").matcher(diagram).find(), module);
      } else {
        assertTrue(doc.contains("`" + module + "`"), module);
      }
    }
  }

  /** The libraries and the functions: the modules the diagram draws. */
  private static List<String> applicationModules() throws Exception {
    return allModules().stream().filter(m -> m.startsWith("shared/") || m.startsWith("functions/")).toList();
  }

  /** Every module of the reactor, by its directory; an aggregator's modules instead of the aggregator. */
  private static List<String> allModules() throws Exception {
    List<String> modules = new ArrayList<>();
    addModules("", modules);
    return modules;
  }

  private static void addModules(String dir, List<String> into) throws Exception {
    Document pom = parse(ROOT.resolve(dir).resolve("pom.xml"));
    List<Element> listed = children(pom.getDocumentElement(), "modules", "module");
    if (listed.isEmpty() && !dir.isEmpty()) {
      into.add(dir);
    }
    for (Element module : listed) {
      addModules(dir.isEmpty() ? module.getTextContent().trim() : dir + "/" + module.getTextContent().trim(), into);
    }
  }

  /** A module's node: its directory's (or artifact's) last name, with {@code -} written {@code _}. */
  private static String nodeId(String moduleOrArtifact) {
    String name = moduleOrArtifact.substring(moduleOrArtifact.lastIndexOf('/') + 1);
    return name.replaceFirst("^taskapi-(function-)?", "").replace('-', '_');
  }

  private static String diagram() throws Exception {
    String doc = Files.readString(ROOT.resolve("ARCHITECTURE.md"));
    int start = doc.indexOf("```mermaid");
    return doc.substring(start, doc.indexOf("```", start + 3));
  }

  private static Document parse(Path pom) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
  }

  /** The {@code leaf} elements inside the direct child {@code container} of {@code parent}. */
  private static List<Element> children(Element parent, String container, String leaf) {
    List<Element> found = new ArrayList<>();
    for (Element box : direct(parent, container)) {
      found.addAll(direct(box, leaf));
    }
    return found;
  }

  private static List<Element> direct(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE && nodes.item(i).getNodeName().equals(name)) {
        found.add((Element) nodes.item(i));
      }
    }
    return found;
  }

  private static String text(Element parent, String name) {
    List<Element> found = direct(parent, name);
    return found.isEmpty() ? "" : found.get(0).getTextContent().trim();
  }
}
