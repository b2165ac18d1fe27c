package dev.taskapi.services;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Optional;

/**
 * One operation of a {@code POST /batch}, its envelope checked ({@link BatchRequest}): {@code index} in the batch,
 * what it does, the {@code uuid} it targets (the new resource's for a create), the version its {@code if_match}
 * requires, and {@code data}, the body its single route takes, read by that route's own parser when it runs.
 */
public record BatchOperation(int index, Kind kind, String uuid, Optional<Long> requiredVersion, ObjectNode data) {
  /** The member of a create's body that carries a client-chosen id (issue 23, "Ids chosen by the client"). */
  public static final String CLIENT_ID = "uuid";

  /**
   * A create's body as its route takes it, with the operation's {@code uuid} as the body's own {@code uuid}: the
   * one place where a batch passes a client-chosen id on. Until {@code POST /tasks} and {@code POST /lists} read
   * that member (branch client-ids), their parsers ignore it, as any unknown member, and the server picks the id.
   */
  public ObjectNode createData() {
    ObjectNode body = data.deepCopy();
    body.put(CLIENT_ID, uuid);
    return body;
  }

  /** The operations, by their wire names, with what of the envelope their single route reads. */
  public enum Kind {
    CREATE_TASK("create_task", false, true),
    UPDATE_TASK("update_task", true, true),
    DELETE_TASK("delete_task", false, false),
    MOVE_TASK("move_task", true, true),
    CREATE_LIST("create_list", false, true),
    UPDATE_LIST("update_list", true, true),
    DELETE_LIST("delete_list", false, false);

    private final String wireName;
    private final boolean takesIfMatch;
    private final boolean takesData;

    Kind(String wireName, boolean takesIfMatch, boolean takesData) {
      this.wireName = wireName;
      this.takesIfMatch = takesIfMatch;
      this.takesData = takesData;
    }

    public String wireName() {
      return wireName;
    }

    /** Whether its single route reads If-Match (PATCH and move do; creates and DELETEs do not). */
    public boolean takesIfMatch() {
      return takesIfMatch;
    }

    /** Whether its single route takes a JSON body, which it then requires (a DELETE takes none). */
    public boolean takesData() {
      return takesData;
    }

    public static Optional<Kind> of(String wireName) {
      return Arrays.stream(values()).filter(kind -> kind.wireName.equals(wireName)).findFirst();
    }
  }
}
