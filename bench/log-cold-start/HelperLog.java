import dev.taskapi.api.Json;
import dev.taskapi.log.RequestLogLine;
/**
 * Baseline: the function's Jackson is loaded anyway; then the helper writes one request line: "line" without its
 * EMF metrics, "emf" with them (as every API function now writes it), "warm" times both in a loop.
 */
public class HelperLog {
  public static void main(String[] a) throws Exception {
    Json.MAPPER.writeValueAsString(java.util.Map.of("warm", 1)); // what every function does anyway
    if (a.length == 0) return;
    switch (a[0]) {
      case "line" -> line(null).writeTo(null);
      case "emf" -> line("POST /tasks").writeTo(null);
      case "warm" -> warm();
      default -> throw new IllegalArgumentException(a[0]);
    }
  }

  private static RequestLogLine line(String operation) {
    return RequestLogLine.of(null, "api-1", "POST", "/tasks", 201, System.nanoTime(), "user-1", operation, "TasksCreated");
  }

  /** Mean ns per line written to a discarding stream, after 200,000 of warm-up, alternating rounds of each. */
  private static void warm() {
    System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    long[] total = new long[2];
    int rounds = 20, lines = 50_000;
    for (int r = -4; r < rounds; r++) {
      for (int v = 0; v < 2; v++) {
        long start = System.nanoTime();
        for (int i = 0; i < lines; i++) line(v == 0 ? null : "POST /tasks").writeTo(null);
        if (r >= 0) total[v] += System.nanoTime() - start;
      }
    }
    System.err.printf("warm ns per line: helper-line=%.0f helper-line+emf=%.0f%n",
        total[0] / (double) (rounds * lines), total[1] / (double) (rounds * lines));
  }
}
