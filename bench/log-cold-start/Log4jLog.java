import dev.taskapi.api.Json;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
/** Candidate: Log4j 2 with its JSON template layout (what Powertools' logging builds on) writes the same line. */
public class Log4jLog {
  public static void main(String[] a) throws Exception {
    Json.MAPPER.writeValueAsString(java.util.Map.of("warm", 1));
    Logger log = LogManager.getLogger("request");
    ThreadContext.put("request_id", "api-1"); ThreadContext.put("method", "POST"); ThreadContext.put("route", "/tasks");
    ThreadContext.put("status", "201"); ThreadContext.put("latency_ms", "0"); ThreadContext.put("user_id", "user-1");
    log.info("request");
  }
}
