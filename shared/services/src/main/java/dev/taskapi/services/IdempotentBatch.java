package dev.taskapi.services;

import dev.taskapi.api.JsonBody;
import dev.taskapi.domain.ConflictException;
import dev.taskapi.domain.IdempotentAnswer;
import dev.taskapi.domain.ServiceUnavailableException;
import dev.taskapi.domain.UnprocessableContentException;
import dev.taskapi.http.ApiResponse;
import dev.taskapi.http.IdempotencyKey;
import dev.taskapi.schema.IdempotencyItem;
import dev.taskapi.store.IdempotencyStore;
import dev.taskapi.store.IdempotentTaskCreation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A batch under an Idempotency-Key, applied at most once per key, in the idempotency records {@code POST /tasks}
 * uses: (1) claim the key with the batch's fingerprint for {@link #LEASE}; (2) apply the batch; (3) keep its
 * answer, gzip-compressed, in the record for {@link IdempotentTaskCreation#RETENTION}. A retry with the same key
 * and body then answers the kept results (with {@code Idempotent-Replayed}) and writes nothing; another body is a
 * 422, as for {@code POST /tasks}; a retry while the first is still running is a 409. A record holds 400 KB: an
 * answer that does not fit compressed in {@link IdempotencyItem#MAX_ANSWER_BYTES} is kept without its bodies (each
 * result's status, etag and problem), which a client re-reads with GET.
 */
public final class IdempotentBatch {
  /**
   * How long a claimed key waits for its batch's answer: longer than the function's timeout (29 s), so a running
   * batch always keeps its key; a batch that crashed frees it after this, and its retry applies it again.
   */
  public static final Duration LEASE = Duration.ofSeconds(60);

  private final IdempotencyStore records;
  private final Clock clock;

  public IdempotentBatch(IdempotencyStore records, Clock clock) {
    this.records = records;
    this.clock = clock;
  }

  public ApiResponse apply(String userId, String key, String fingerprint, Supplier<BatchResponse> batch) {
    Instant now = clock.instant();
    Optional<IdempotentAnswer> holder =
        records.claimAnswer(IdempotentAnswer.pending(userId, key, fingerprint, now.plus(LEASE)), now);
    if (holder.isPresent()) {
      return replay(holder.get(), fingerprint);
    }
    BatchResponse answer = batch.get();
    byte[] kept = gzip(JsonBody.toJson(answer));
    if (kept.length > IdempotencyItem.MAX_ANSWER_BYTES) {
      kept = gzip(JsonBody.toJson(answer.withoutBodies()));
    }
    try {
      records.completeAnswer(userId, key, kept, clock.instant().plus(IdempotentTaskCreation.RETENTION));
    } catch (ServiceUnavailableException e) {
      // The operations are applied: their results are the answer. Unkept, the key frees itself after the lease.
    }
    return ApiResponse.ok(answer);
  }

  private static ApiResponse replay(IdempotentAnswer earlier, String fingerprint) {
    if (!earlier.requestHash().equals(fingerprint)) {
      throw new UnprocessableContentException(
          "This Idempotency-Key was used with a different request body; use a new key for a new batch.");
    }
    byte[] answer = earlier.answer().orElseThrow(() -> new ConflictException(
        "A batch with this Idempotency-Key is still being applied; repeat the request in a minute for its results."));
    return ApiResponse.text(
        "application/json", gunzip(answer), Map.of(IdempotencyKey.REPLAYED_HEADER, "true"));
  }

  private static byte[] gzip(String json) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(json.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: not reached
    }
    return out.toByteArray();
  }

  private static String gunzip(byte[] kept) {
    try (GZIPInputStream gzip = new GZIPInputStream(new java.io.ByteArrayInputStream(kept))) {
      return new String(gzip.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // only what gzip() wrote is read back
    }
  }
}
