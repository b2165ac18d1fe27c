package dev.taskapi.api;

import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;

/**
 * Opaque, tamper-evident list cursors: base64url of the last task id (16 bytes) and a truncated HMAC-SHA256
 * (16 bytes) over that id, the owner's user id and the listing (such as a filter). A cursor edited, forged, or
 * taken from another user's listing or another filter fails the MAC and is a 400; a valid one can only ever
 * continue the listing it came from.
 *
 * <p>A query's cursor ({@link #encodePosition}) holds a position of the query's order instead of a task id (such as
 * the last task's due and id): base64url of its UTF-8 and the same truncated HMAC, under a label of its own, over
 * the position, the user id and the query's canonical name ({@code TaskQuery.canonical}), so it continues only that
 * user's same query.
 */
public final class CursorCodec {
  private static final int ID_BYTES = 16;
  private static final int MAC_BYTES = 16;
  /** The length of every {@link #encode} cursor (base64url without padding of 32 bytes); a position's is longer. */
  public static final int ID_CURSOR_LENGTH = 43;
  private static final int CURSOR_LENGTH = ID_CURSOR_LENGTH;
  /** Far above any position a store issues (a position_sk is under 200 bytes), so a huge parameter stops here. */
  private static final int MAX_POSITION_CURSOR_LENGTH = 1024;

  private final MacKey key;

  public CursorCodec(byte[] key) {
    this.key = new MacKey(key);
  }

  /** A cursor of the user's unfiltered listing. */
  public String encode(String userId, String lastTaskId) {
    return encode(userId, "", lastTaskId);
  }

  public String decode(String userId, String cursor) {
    return decode(userId, "", cursor);
  }

  /** A cursor valid only for the user's {@code listing}, a name for the filter that listing applies. */
  public String encode(String userId, String listing, String lastTaskId) {
    UUID id = UUID.fromString(lastTaskId);
    ByteBuffer buffer = ByteBuffer.allocate(ID_BYTES + MAC_BYTES);
    buffer.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    buffer.put(mac(userId, listing, buffer.array()));
    return MacKey.encode(buffer.array());
  }

  /** The task id the cursor continues after, or a 400 when the cursor is not one we issued for this user's listing. */
  public String decode(String userId, String listing, String cursor) {
    if (cursor == null || cursor.length() != CURSOR_LENGTH) {
      throw invalid();
    }
    byte[] bytes = bytes(cursor);
    byte[] expected = mac(userId, listing, bytes);
    byte[] actual = java.util.Arrays.copyOfRange(bytes, ID_BYTES, ID_BYTES + MAC_BYTES);
    if (!MessageDigest.isEqual(expected, actual)) {
      throw invalid();
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    return new UUID(buffer.getLong(), buffer.getLong()).toString();
  }

  /** A cursor continuing after {@code position}, valid only for the user's query named {@code listing}. */
  public String encodePosition(String userId, String listing, String position) {
    byte[] text = position.getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer = ByteBuffer.allocate(text.length + MAC_BYTES);
    buffer.put(text).put(positionMac(userId, listing, text));
    return MacKey.encode(buffer.array());
  }

  /** The position a query's cursor continues after, or a 400 when we did not issue it for this user's query. */
  public String decodePosition(String userId, String listing, String cursor) {
    if (cursor == null || cursor.length() > MAX_POSITION_CURSOR_LENGTH) {
      throw invalid();
    }
    byte[] bytes = bytes(cursor);
    if (bytes.length <= MAC_BYTES) {
      throw invalid();
    }
    byte[] text = java.util.Arrays.copyOf(bytes, bytes.length - MAC_BYTES);
    byte[] actual = java.util.Arrays.copyOfRange(bytes, text.length, bytes.length);
    if (!MessageDigest.isEqual(positionMac(userId, listing, text), actual)) {
      throw invalid();
    }
    return new String(text, StandardCharsets.UTF_8);
  }

  /** The cursor's bytes, or a 400 when it is not base64url as this codec writes it. */
  private static byte[] bytes(String cursor) {
    return MacKey.decode(cursor).orElseThrow(CursorCodec::invalid);
  }

  private byte[] positionMac(String userId, String listing, byte[] position) {
    Mac mac = newMac();
    mac.update("task-query-cursor-v1\0".getBytes(StandardCharsets.UTF_8));
    for (byte[] part : List.of(userId.getBytes(StandardCharsets.UTF_8), listing.getBytes(StandardCharsets.UTF_8))) {
      mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(part.length).array()); // length-prefixed: no shifting
      mac.update(part);
    }
    mac.update(position);
    return java.util.Arrays.copyOf(mac.doFinal(), MAC_BYTES);
  }

  private Mac newMac() {
    return key.newMac();
  }

  private byte[] mac(String userId, String listing, byte[] idBytes) {
    Mac mac = newMac();
    mac.update("task-cursor-v1\0".getBytes(StandardCharsets.UTF_8));
    mac.update(userId.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    mac.update(idBytes, 0, ID_BYTES);
    mac.update(listing.getBytes(StandardCharsets.UTF_8));
    return java.util.Arrays.copyOf(mac.doFinal(), MAC_BYTES);
  }

  private static InvalidRequestException invalid() {
    return new InvalidRequestException(
        "The cursor is not valid for this listing.",
        List.of(new FieldError("cursor", "must be a next_cursor value returned by this API")));
  }
}
