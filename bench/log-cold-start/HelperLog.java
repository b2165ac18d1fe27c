import dev.taskapi.http.Json;
import dev.taskapi.http.RequestLogLine;
/** Baseline: the function's Jackson is loaded anyway; then the helper writes one request line. */
public class HelperLog {
  public static void main(String[] a) throws Exception {
    Json.MAPPER.writeValueAsString(java.util.Map.of("warm", 1)); // what every function does anyway
    if (a.length > 0) RequestLogLine.of(null, "api-1", "POST", "/tasks", 201, System.nanoTime(), "user-1").writeTo(null);
  }
}
