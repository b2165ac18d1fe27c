package dev.taskapi.local.template;

import java.util.List;
import java.util.Optional;

/**
 * A function's SAM event of {@code Type: SQS}: the event source mapping Lambda polls the queue with (SAM
 * specification, "SQS" event source type; AWS::Lambda::EventSourceMapping).
 *
 * @param queueArn {@code Queue}, the queue's ARN
 * @param batchSize {@code BatchSize}, 10 by default
 * @param maximumBatchingWindowSeconds {@code MaximumBatchingWindowInSeconds}, 0 by default
 * @param reportBatchItemFailures whether {@code FunctionResponseTypes} holds {@code ReportBatchItemFailures}
 * @param maximumConcurrency {@code ScalingConfig.MaximumConcurrency}, when set
 * @param filterPatterns the {@code Pattern} of each of {@code FilterCriteria.Filters}, JSON text
 */
public record SqsEventDef(
    String functionLogicalId,
    String eventName,
    String queueArn,
    int batchSize,
    int maximumBatchingWindowSeconds,
    boolean reportBatchItemFailures,
    boolean enabled,
    Optional<Integer> maximumConcurrency,
    List<String> filterPatterns) {

  public SqsEventDef {
    filterPatterns = List.copyOf(filterPatterns);
  }

  /** The queue's name: the last part of its ARN ({@code arn:aws:sqs:<region>:<account>:<name>}). */
  public String queueName() {
    return queueArn.substring(queueArn.lastIndexOf(':') + 1);
  }
}
