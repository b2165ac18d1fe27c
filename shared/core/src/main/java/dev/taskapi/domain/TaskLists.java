package dev.taskapi.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/**
 * The facts about lists that hold for every store: the default list's id, title and creation time, and the limit
 * per account.
 *
 * <p>Every account has exactly one default list. Its id is derived from the user id, never stored: an RFC 9562
 * name-based UUID (version 5, SHA-1, section 5.5) of the user id in {@link #NAMESPACE}. So it exists for accounts
 * registered before lists did, without a migration: it reads as {@link #neverWritten} until its item is first
 * written (a rename), and that write, keyed by the same id, can only ever make one item. Tasks written before
 * lists existed carry no list id and are in it.
 */
public final class TaskLists {
  /** This API's namespace for the default lists' ids (a random UUID, fixed forever: changing it moves every Inbox). */
  public static final UUID NAMESPACE = UUID.fromString("6f1c2b8e-3d4a-4e5f-9a0b-1c2d3e4f5a6b");
  public static final String DEFAULT_TITLE = "Inbox";
  /**
   * The lists an account may create besides its default one: more than any person keeps (the apps compared keep
   * a few dozen at most), and it bounds {@code GET /lists} to one page of one Query. The 101st is a 409.
   */
  public static final int MAX_PER_ACCOUNT = 100;

  /**
   * The order of {@code GET /lists} after the default list: creation time, then id (a tie within one millisecond).
   * Not the id alone: ids clients chose ({@code uuid} on create) carry no creation order.
   */
  public static final Comparator<TaskList> CREATION_ORDER =
      Comparator.comparing(TaskList::createdAt).thenComparing(TaskList::id);
  /**
   * The creation time a default list reports while its item was never written: the account's own creation time
   * lives in the account item, in another partition, which reading would cost every list request a round trip
   * and a grant outside the user's partition. The Unix epoch says "since the account existed" and never changes.
   */
  public static final Instant NEVER_WRITTEN_CREATED_AT = Instant.EPOCH;

  private TaskLists() {}

  /** The id of the user's default list: UUIDv5 of the user id in {@link #NAMESPACE}. */
  public static String defaultListId(String userId) {
    return nameBased(NAMESPACE, userId).toString();
  }

  /** The user's default list as it reads before its item is first written: "Inbox", version 0. */
  public static TaskList neverWritten(String userId) {
    return new TaskList(
        defaultListId(userId), userId, DEFAULT_TITLE, NEVER_WRITTEN_CREATED_AT, NEVER_WRITTEN_CREATED_AT, 0);
  }

  /** The {@code list_id} path parameter in canonical form, or a 400. */
  public static String canonical(String candidate) {
    return TaskIds.canonical("list_id", candidate);
  }

  /**
   * RFC 9562 section 5.5: SHA-1 over the namespace's 16 bytes then the name's, the first 16 bytes of the digest
   * with the version (5) and the variant (10) set. The JDK makes only version 3 (MD5).
   */
  static UUID nameBased(UUID namespace, String name) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
    sha1.update(ByteBuffer.allocate(16)
        .putLong(namespace.getMostSignificantBits())
        .putLong(namespace.getLeastSignificantBits())
        .array());
    ByteBuffer hash = ByteBuffer.wrap(sha1.digest(name.getBytes(StandardCharsets.UTF_8)));
    long msb = (hash.getLong() & ~0xF000L) | 0x5000L;
    long lsb = (hash.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }
}
