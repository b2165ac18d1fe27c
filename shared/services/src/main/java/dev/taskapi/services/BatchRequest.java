package dev.taskapi.services;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.api.JsonStreams;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import dev.taskapi.domain.TaskIds;
import dev.taskapi.http.EntityTag;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The body of {@code POST /batch}, {@code {"operations": [...]}}, with its structure checked before anything runs:
 * 1 to {@value #MAX_OPERATIONS} operations, each an object with a known {@code op}, a UUID {@code uuid}, an
 * {@code if_match} only where the single route reads If-Match, and a {@code data} object exactly where the single
 * route takes a body, and no other member (so {@code "atomic"} is refused: there is no all-or-nothing mode,
 * docs/api-behaviour.md says why). Every broken rule is named in one 400 ({@code operations[3].op}). What is
 * inside {@code data} is each operation's own content, checked by its route's parser when it runs.
 */
public record BatchRequest(List<BatchOperation> operations, String fingerprint) {
  public static final int MAX_OPERATIONS = 100;
  static final String OPERATIONS = "operations";

  public static BatchRequest parse(ObjectNode body) {
    List<FieldError> errors = new ArrayList<>();
    for (String member : names(body)) {
      if (!member.equals(OPERATIONS)) {
        errors.add(new FieldError(member, member.equals("atomic")
            ? "is not supported: each operation is atomic, the batch is not (docs/api-behaviour.md)"
            : "is not a member of a batch"));
      }
    }
    JsonNode operations = body.get(OPERATIONS);
    List<BatchOperation> parsed = new ArrayList<>();
    if (operations == null || !operations.isArray()) {
      errors.add(new FieldError(OPERATIONS, "must be a list of operations"));
    } else if (operations.isEmpty() || operations.size() > MAX_OPERATIONS) {
      errors.add(new FieldError(OPERATIONS, "must hold 1 to " + MAX_OPERATIONS + " operations"));
    } else {
      for (int i = 0; i < operations.size(); i++) {
        operation(i, operations.get(i), errors).ifPresent(parsed::add);
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("The batch is malformed; no operation was applied.", errors);
    }
    return new BatchRequest(List.copyOf(parsed), fingerprint(body));
  }

  private static Optional<BatchOperation> operation(int index, JsonNode node, List<FieldError> errors) {
    String at = OPERATIONS + "[" + index + "]";
    if (!(node instanceof ObjectNode op)) {
      errors.add(new FieldError(at, "must be an object"));
      return Optional.empty();
    }
    int before = errors.size();
    for (String member : names(op)) {
      if (!List.of("op", "uuid", "if_match", "data").contains(member)) {
        errors.add(new FieldError(at + "." + member, "is not a member of an operation"));
      }
    }
    Optional<BatchOperation.Kind> kind = Optional.ofNullable(op.get("op"))
        .filter(JsonNode::isTextual)
        .flatMap(name -> BatchOperation.Kind.of(name.textValue()));
    if (kind.isEmpty()) {
      errors.add(new FieldError(at + ".op", "must be one of " + wireNames()));
    }
    String uuid = null;
    try {
      uuid = TaskIds.canonical(at + ".uuid", text(op.get("uuid")));
    } catch (InvalidRequestException e) {
      errors.addAll(e.fieldErrors());
    }
    Optional<Long> version = Optional.empty();
    JsonNode ifMatch = op.get("if_match");
    if (ifMatch != null && kind.isPresent() && !kind.get().takesIfMatch()) {
      errors.add(new FieldError(at + ".if_match", "is not read by " + kind.get().wireName()));
    } else if (ifMatch != null && !ifMatch.isTextual()) {
      errors.add(new FieldError(at + ".if_match", EntityTag.REASON));
    } else if (ifMatch != null) {
      try {
        version = EntityTag.requiredVersion(ifMatch.textValue(), at + ".if_match");
      } catch (InvalidRequestException e) {
        errors.addAll(e.fieldErrors());
      }
    }
    JsonNode data = op.get("data");
    if (kind.isPresent() && kind.get().takesData() && !(data instanceof ObjectNode)) {
      errors.add(new FieldError(at + ".data", "must be the object " + kind.get().wireName() + "'s route takes"));
    } else if (kind.isPresent() && !kind.get().takesData() && data != null) {
      errors.add(new FieldError(at + ".data", "is not read by " + kind.get().wireName()));
    } else if (data != null && data.has(BatchOperation.CLIENT_ID)) {
      // The operation's uuid is the create's id (BatchOperation#createData), or the target: never a second one.
      errors.add(new FieldError(at + ".data." + BatchOperation.CLIENT_ID, "is the operation's uuid; leave it out"));
    }
    if (errors.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new BatchOperation(index, kind.orElseThrow(), uuid, version, (ObjectNode) data));
  }

  private static List<String> names(ObjectNode object) {
    return object.properties().stream().map(Map.Entry::getKey).toList();
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.textValue() : null;
  }

  private static List<String> wireNames() {
    return java.util.Arrays.stream(BatchOperation.Kind.values()).map(BatchOperation.Kind::wireName).toList();
  }

  /**
   * A digest of the batch as parsed, to tell an idempotent retry from a reused key: its JSON with every object's
   * members in name order and no spacing, so neither changes it; prefixed by the route, so no task create's
   * fingerprint ({@link dev.taskapi.api.NewTaskRequest#fingerprint}) can equal it.
   */
  private static String fingerprint(ObjectNode body) {
    try {
      ByteArrayOutputStream canonical = new ByteArrayOutputStream();
      canonical.writeBytes("POST /batch\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      try (JsonGenerator json = JsonStreams.FACTORY.createGenerator(canonical)) {
        writeSorted(json, body);
      }
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toByteArray());
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // an in-memory stream does not fail
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static void writeSorted(JsonGenerator json, JsonNode node) throws IOException {
    if (node.isObject()) {
      Map<String, JsonNode> members = new TreeMap<>();
      node.properties().forEach(member -> members.put(member.getKey(), member.getValue()));
      json.writeStartObject();
      for (Map.Entry<String, JsonNode> member : members.entrySet()) {
        json.writeFieldName(member.getKey());
        writeSorted(json, member.getValue());
      }
      json.writeEndObject();
    } else if (node.isArray()) {
      json.writeStartArray();
      for (JsonNode element : node) {
        writeSorted(json, element);
      }
      json.writeEndArray();
    } else if (node.isTextual()) {
      json.writeString(node.textValue());
    } else if (node.isNull()) {
      json.writeNull();
    } else if (node.isBoolean()) {
      json.writeBoolean(node.booleanValue());
    } else {
      json.writeNumber(node.asText()); // the number's own text: 1 and 1.0 stay distinct, as they were sent
    }
  }
}
