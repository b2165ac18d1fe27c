package dev.taskapi.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The body of {@code POST /tasks}. Fields the server owns ({@code user_id}, {@code uuid}, {@code created_at}) are
 * not read at all, so sending them changes nothing.
 */
public record NewTaskRequest(String title, String description) {
  public static final int MAX_TITLE = 200;
  public static final int MAX_DESCRIPTION = 10_000;

  public static NewTaskRequest parse(ObjectNode body) {
    JsonFields fields = new JsonFields(body);
    String title = fields.requiredString("title");
    String description = fields.optionalString("description", "");
    checkTitle(fields, title);
    checkDescription(fields, description);
    fields.throwIfInvalid();
    return new NewTaskRequest(title, description);
  }

  /**
   * A digest of what this request asks for, to tell an idempotent retry (same fingerprint) from a reused key: the
   * fields as parsed, so JSON spacing or key order do not matter, each prefixed by its length so no two pairs
   * of values collide.
   */
  public String fingerprint() {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      for (String field : new String[] {title, description}) {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        sha256.update(bytes);
      }
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The title rule, shared with {@link TaskUpdateRequest}; a null (absent or rejected) title is not checked. */
  static void checkTitle(JsonFields fields, String title) {
    fields.require(
        "title",
        title,
        t -> !t.isBlank() && JsonFields.length(t) <= MAX_TITLE,
        "must be 1 to " + MAX_TITLE + " characters and not blank");
  }

  static void checkDescription(JsonFields fields, String description) {
    fields.require(
        "description",
        description,
        d -> JsonFields.length(d) <= MAX_DESCRIPTION,
        "must be at most " + MAX_DESCRIPTION + " characters");
  }
}
