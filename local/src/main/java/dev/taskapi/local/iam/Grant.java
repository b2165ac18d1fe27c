package dev.taskapi.local.iam;

/**
 * One thing a function's policies allow: an action pattern on a resource pattern, from one statement. The unit
 * of the least-privilege report: a grant no test call used is a candidate for removal.
 */
public record Grant(String function, String source, String action, String resource) {
  private static final String SEPARATOR = "\t";

  /** One line of the usage file. */
  String toLine() {
    return String.join(SEPARATOR, function, source, action, resource);
  }

  static Grant fromLine(String line) {
    String[] fields = line.split(SEPARATOR, -1);
    if (fields.length != 4) {
      throw new IllegalArgumentException("Not a grant line: " + line);
    }
    return new Grant(fields[0], fields[1], fields[2], fields[3]);
  }

  @Override
  public String toString() {
    return action + " on " + resource + " (" + source + ")";
  }
}
