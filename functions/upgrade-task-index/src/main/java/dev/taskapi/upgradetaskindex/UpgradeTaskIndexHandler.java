package dev.taskapi.upgradetaskindex;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.api.JsonStreams;
import dev.taskapi.config.Environment;
import dev.taskapi.log.EventMetric;
import dev.taskapi.services.Services;
import dev.taskapi.store.dynamodb.PositionKeyBackfill;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code TaskIndexBackfill} custom resource of template.yaml: on Create and Update, gives every task item
 * written before the {@code by-position} index its {@code position_sk}
 * ({@link dev.taskapi.store.dynamodb.DynamoDbTaskStore#backfillPositionKeys}, page by page), then answers
 * CloudFormation; a Delete has nothing to undo and is answered at once. The request protocol is CloudFormation's
 * ("Custom resource request objects", CloudFormation User Guide: {@code RequestType} Create, Update or Delete,
 * {@code ResponseURL}, {@code StackId}, {@code RequestId}, {@code LogicalResourceId}, {@code PhysicalResourceId}
 * on Update and Delete, {@code ResourceProperties}); see {@link CloudFormationResponse} for the answer.
 *
 * <p>Tables of any size: when an invocation nears its timeout (Lambda's limit is 15 minutes), it hands the rest
 * over to a new asynchronous invocation of itself with the Scan's position ({@link Relay}), and only the
 * invocation that reaches the table's end answers. CloudFormation waits for an answer at most the resource's
 * {@code ServiceTimeout} (at most 3,600 s, "AWS::CloudFormation::CustomResource"); past {@code
 * BACKFILL_ANSWER_WITHIN_SECONDS} of work the backfill answers SUCCESS, saying it continues, and goes on: the
 * index is usable by then and a late FAILED would roll the whole stack update back. Any error before the answer is
 * a FAILED with the reason (never an hour of CloudFormation waiting), and counts the {@value #FAILED_METRIC}
 * metric.
 */
public final class UpgradeTaskIndexHandler implements RequestStreamHandler {
  /** The member of the event a handed-over invocation carries its state in; CloudFormation never sends it. */
  static final String CONTINUATION = "TaskApiContinuation";
  static final String FAILED_METRIC = "TaskIndexBackfillFailed";

  /** One page of the backfill (the store's method, or a fake). */
  public interface Backfill {
    PositionKeyBackfill page(Optional<String> cursor, int limit);
  }

  /** Sends an event to a new asynchronous invocation of this function. */
  public interface Relay {
    void invokeAsync(byte[] event);
  }

  /** How the backfill paces itself. */
  public record Pacing(int pageSize, Duration handover, Duration answerWithin) {
    static Pacing from(Environment env) {
      return new Pacing(
          Integer.parseInt(env.optional("BACKFILL_PAGE_SIZE", "500")),
          Duration.ofSeconds(Long.parseLong(env.optional("BACKFILL_HANDOVER_SECONDS", "60"))),
          Duration.ofSeconds(Long.parseLong(env.optional("BACKFILL_ANSWER_WITHIN_SECONDS", "3000"))));
    }
  }

  private final Backfill backfill;
  private final Relay relay;
  private final Pacing pacing;
  private final Clock clock;

  /** Lambda's entry point: production wiring from the function's environment. */
  public UpgradeTaskIndexHandler() {
    Environment env = Environment.current();
    this(Services.fromEnvironment().dynamoDbTaskStore()::backfillPositionKeys, LambdaRelay.fromEnvironment(env),
        Pacing.from(env), Clock.systemUTC());
  }

  public UpgradeTaskIndexHandler(Backfill backfill, Relay relay, Pacing pacing, Clock clock) {
    this.backfill = backfill;
    this.relay = relay;
    this.pacing = pacing;
    this.clock = clock;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    ObjectNode event = (ObjectNode) JsonStreams.readTree(input);
    String physicalId = event.path("PhysicalResourceId").asText(event.path("LogicalResourceId").asText());
    JsonNode state = event.path(CONTINUATION);
    boolean answered = state.path("Answered").asBoolean(false);
    try {
      if ("Delete".equals(event.path("RequestType").asText())) {
        CloudFormationResponse.success(event, physicalId, "Nothing to undo: the index keys written stay valid.");
        return;
      }
      Instant started = state.has("StartedAt") ? Instant.ofEpochMilli(state.path("StartedAt").asLong()) : clock.instant();
      Optional<String> cursor = Optional.ofNullable(state.path("Cursor").textValue());
      long written = state.path("Written").asLong(0);
      while (true) {
        PositionKeyBackfill page = backfill.page(cursor, pacing.pageSize());
        written += page.written();
        cursor = page.next();
        if (cursor.isEmpty()) {
          context.getLogger().log("TaskIndexBackfill: done, position_sk written to " + written + " task items\n");
          if (!answered) {
            CloudFormationResponse.success(event, physicalId, "position_sk written to " + written + " task items.");
          }
          return;
        }
        if (!answered && !clock.instant().isBefore(started.plus(pacing.answerWithin()))) {
          CloudFormationResponse.success(event, physicalId, "The backfill continues after this answer: "
              + written + " task items so far; its log says when it ends.");
          answered = true;
        }
        if (context.getRemainingTimeInMillis() < pacing.handover().toMillis()) {
          event.putObject(CONTINUATION).put("Cursor", cursor.get()).put("Written", written)
              .put("StartedAt", started.toEpochMilli()).put("Answered", answered);
          relay.invokeAsync(event.toString().getBytes(StandardCharsets.UTF_8));
          context.getLogger().log("TaskIndexBackfill: " + written + " written so far; continued in a new invocation\n");
          return;
        }
      }
    } catch (RuntimeException e) {
      EventMetric.count(System.out, FAILED_METRIC);
      if (answered) {
        throw e; // CloudFormation has its answer; the log and the metric say the backfill stopped
      }
      CloudFormationResponse.failed(event, physicalId, "The backfill of position_sk failed: " + e);
    }
  }
}
