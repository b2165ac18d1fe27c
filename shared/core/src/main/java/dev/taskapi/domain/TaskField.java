package dev.taskapi.domain;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * One field of a task, defined once. Everything else loops over {@link TaskFields#ALL}: the request parsers, the
 * response body, the idempotency fingerprint, the DynamoDB table schema and the update expression. A field has:
 *
 * <ul>
 *   <li>one {@link #name()}: the JSON member and the DynamoDB attribute alike;
 *   <li>who may write it ({@link Access}) and whether {@code null} may clear it;
 *   <li>its {@link #absent()} value: a create that does not send it, a PATCH that clears it, and every item written
 *       before the field existed read as that, so adding a field needs no migration;
 *   <li>how a request spells it ({@link #parse}: every broken rule an {@code invalid_params} entry), how a response
 *       writes it ({@link #write}), and how it is stored ({@link #store}/{@link #load}): as a neutral value
 *       (String, Boolean, Long, List or Map of those, or null for "no attribute") that store-dynamodb turns into
 *       AttributeValues without knowing the field, so core stays free of the AWS SDK.
 * </ul>
 *
 * <p>Fields are concrete subclasses rather than lambdas: each lambda costs a function's cold start a hidden class.
 */
public abstract class TaskField<T> {
  /** Who writes a field. */
  public enum Access {
    /** The client, on create and on PATCH. */
    CREATE_AND_PATCH,
    /** The client, on PATCH only (a create ignores it, as the seed ignored every field it did not read). */
    PATCH,
    /** The server only; a request that sends it is not refused, the value is ignored. */
    READ_ONLY
  }

  private final String name;
  private final Access access;
  private final boolean clearable;

  protected TaskField(String name, Access access, boolean clearable) {
    this.name = name;
    this.access = access;
    this.clearable = clearable;
  }

  /** The JSON member and the DynamoDB attribute. */
  public final String name() {
    return name;
  }

  public final boolean creatable() {
    return access == Access.CREATE_AND_PATCH;
  }

  public final boolean patchable() {
    return access != Access.READ_ONLY;
  }

  /** Whether {@code null} in a request clears the field (else it is refused as the wrong type). */
  public final boolean clearable() {
    return clearable;
  }

  /** Whether a create must send it. */
  public boolean requiredOnCreate() {
    return false;
  }

  /** The value of a task that has none: not sent on create, cleared, or stored before the field existed. */
  public abstract T absent();

  /**
   * The value a request sends ({@code node} is present, possibly JSON null); null, with the broken rules added to
   * {@code errors} (named {@code path} or below it), when it is not valid.
   */
  protected abstract T parse(JsonNode node, String path, List<FieldError> errors);

  /** Writes the value as the member's JSON value. */
  protected abstract void write(JsonGenerator json, T value) throws IOException;

  /** The value as stored: a neutral value, or null for "no attribute" (the absent value). */
  protected abstract Object store(T value);

  /** The value of a stored, non-null neutral value. */
  protected abstract T load(Object stored);

  /**
   * What the idempotency fingerprint takes of this value; empty when the value is the absent one, so a request
   * that does not send a new field hashes exactly as it did before the field existed.
   */
  protected Optional<String> fingerprint(T value) {
    return value.equals(absent()) ? Optional.empty() : Optional.of(name + "=" + json(value));
  }

  /** The JSON text of a value, as {@link #write} writes it. */
  final String json(T value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = Generators.FACTORY.createGenerator(out)) {
      write(json, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  // The untyped entry points the loops over TaskFields.ALL use. A value of this field is always a T: TaskValues and
  // TaskChanges only take values through typed methods, so the casts below cannot fail.

  /** Reads the member of a request body, or null (with the errors recorded). */
  public final T read(JsonNode node, List<FieldError> errors) {
    return parse(node, name, errors);
  }

  /** Writes this field's member of the task's JSON object. */
  public final void writeMember(JsonGenerator json, TaskValues values) throws IOException {
    json.writeFieldName(name);
    write(json, values.get(this));
  }

  /** This field's stored value in {@code values}, or null for no attribute. */
  public final Object stored(TaskValues values) {
    return store(values.get(this));
  }

  /** The stored form of a value of this field taken from a patch. */
  @SuppressWarnings("unchecked")
  public final Object storedValue(Object value) {
    return store((T) value);
  }

  /** The value of a stored attribute; the absent value when there is none (an item from before the field). */
  public final T loaded(Object stored) {
    return stored == null ? absent() : load(stored);
  }

  final Optional<String> fingerprintOf(TaskValues values) {
    return fingerprint(values.get(this));
  }

  /** Built on first use: only a create with an Idempotency-Key needs it. */
  private static final class Generators {
    static final com.fasterxml.jackson.core.JsonFactory FACTORY = new com.fasterxml.jackson.core.JsonFactory();
  }

  @Override
  public final String toString() {
    return name;
  }
}
