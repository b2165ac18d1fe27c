package dev.taskapi.api;

import dev.taskapi.domain.GoneException;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import dev.taskapi.domain.SyncToken;
import dev.taskapi.schema.ChangeItem;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;

/**
 * {@code GET /sync}'s tokens: base64url of a version byte, a tag of the owner's user id, the {@link SyncToken}'s
 * {@code since} (epoch seconds, rounded down: a token may expire up to a second early, never late) and {@code sequence}, the full read's position when one is under way, and a truncated
 * HMAC-SHA256 (16 bytes) over all of it, under the cursor key ({@link CursorCodec}'s, with labels of its own, so
 * neither kind of token passes for the other).
 *
 * <p>Any token that fails the MAC or the layout is malformed: 400. One that passes was issued by us, so what it says
 * can be trusted: another user's (its tag is not the caller's) or one older than {@link ChangeItem#TOKEN_LIFETIME}
 * is a 410 that tells the client to sync again from scratch. The tag is an HMAC of the user id, so the token names
 * no one.
 */
public final class SyncTokenCodec {
  private static final byte VERSION = 1;
  private static final int TAG_BYTES = 8;
  private static final int MAC_BYTES = 16;
  /** Version, user tag, since, sequence. */
  private static final int FIXED_BYTES = 1 + TAG_BYTES + Long.BYTES + Long.BYTES;
  /** Far above any position a store issues (a sort key of under 50 bytes), so a huge parameter stops here. */
  private static final int MAX_TOKEN_LENGTH = 512;

  private final MacKey key;

  public SyncTokenCodec(byte[] key) {
    this.key = new MacKey(key);
  }

  public String encode(String userId, SyncToken token) {
    byte[] position = token.snapshotAfter().map(p -> p.getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
    ByteBuffer buffer = ByteBuffer.allocate(FIXED_BYTES + position.length + MAC_BYTES);
    buffer.put(VERSION).put(userTag(userId)).putLong(token.since().getEpochSecond()).putLong(token.sequence());
    buffer.put(position);
    buffer.put(mac(buffer.array(), buffer.position()));
    return MacKey.encode(buffer.array());
  }

  /**
   * The caller's position, or a 400 when {@code token} is not one of ours, or a 410 when it is another user's or
   * older than {@link ChangeItem#TOKEN_LIFETIME} at {@code now}.
   */
  public SyncToken decode(String userId, String token, Instant now) {
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw malformed();
    }
    byte[] bytes = MacKey.decode(token).orElseThrow(SyncTokenCodec::malformed);
    if (bytes.length < FIXED_BYTES + MAC_BYTES || bytes[0] != VERSION) {
      throw malformed();
    }
    int signed = bytes.length - MAC_BYTES;
    if (!MessageDigest.isEqual(mac(bytes, signed), Arrays.copyOfRange(bytes, signed, bytes.length))) {
      throw malformed();
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, signed - 1);
    byte[] tag = new byte[TAG_BYTES];
    buffer.get(tag);
    Instant since = Instant.ofEpochSecond(buffer.getLong());
    long sequence = buffer.getLong();
    byte[] position = new byte[buffer.remaining()];
    buffer.get(position);
    if (!MessageDigest.isEqual(tag, userTag(userId)) || since.plus(ChangeItem.TOKEN_LIFETIME).isBefore(now)) {
      throw gone();
    }
    Optional<String> after =
        position.length == 0 ? Optional.empty() : Optional.of(new String(position, StandardCharsets.UTF_8));
    return new SyncToken(since, sequence, after);
  }


  private byte[] userTag(String userId) {
    Mac mac = key.newMac();
    mac.update("sync-token-user-v1\0".getBytes(StandardCharsets.UTF_8));
    return Arrays.copyOf(mac.doFinal(userId.getBytes(StandardCharsets.UTF_8)), TAG_BYTES);
  }

  private byte[] mac(byte[] bytes, int length) {
    Mac mac = key.newMac();
    mac.update("sync-token-v1\0".getBytes(StandardCharsets.UTF_8));
    mac.update(bytes, 0, length);
    return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
  }


  private static InvalidRequestException malformed() {
    return new InvalidRequestException(
        "The sync token is not valid.",
        List.of(new FieldError("token", "must be a token value returned by GET /sync")));
  }

  private static GoneException gone() {
    return new GoneException(
        GoneException.RESYNC,
        "The sync token has expired or was issued to another account; sync again from scratch, without a token.");
  }
}
