package dev.taskapi.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import java.util.List;
import java.util.Optional;

/**
 * The optional {@code uuid} member of {@code POST /tasks} and {@code POST /lists}: the id a client chose, so an
 * offline client can refer to what it created before it syncs. Any UUID of RFC 9562's own layout: the canonical
 * 8-4-4-4-12 hex form, the variant bits {@code 10} (RFC 9562 section 4.1) and a version from 1 to 8 (section 4.2),
 * returned in lower case. Refused with a 400: other spellings (braces, no dashes, {@code urn:uuid:}), the Nil and
 * Max UUIDs (section 5.9 and 5.10: sentinels meaning "no UUID" and "every UUID", never an id of one thing), and the
 * variants RFC 9562 only reserves (NCS, Microsoft, future).
 */
public final class ClientIds {
  /** The JSON member; the same name as the id's member in every answer. */
  public static final String MEMBER = "uuid";

  private ClientIds() {}

  /** The member of {@code body}: empty when absent or null; empty, with the error recorded, when not such a UUID. */
  public static Optional<String> read(ObjectNode body, List<FieldError> errors) {
    JsonNode node = body.get(MEMBER);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    Optional<String> id = PlacementMembers.uuid(body, MEMBER, errors);
    if (id.isPresent() && !rfc9562(id.get())) {
      errors.add(new FieldError(MEMBER, "must be an RFC 9562 UUID: version 1 to 8, variant bits 10"));
      return Optional.empty();
    }
    return id;
  }

  /** Whether a canonical lower-case UUID has RFC 9562's variant and one of its versions 1 to 8. */
  static boolean rfc9562(String canonical) {
    char version = canonical.charAt(14);
    char variant = canonical.charAt(19);
    return version >= '1' && version <= '8' && "89ab".indexOf(variant) >= 0;
  }
}
