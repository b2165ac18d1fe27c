package dev.taskapi.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.domain.InvalidRequestException;
import dev.taskapi.domain.InvalidRequestException.FieldError;
import dev.taskapi.domain.WebhookEvents;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The body of {@code POST /webhooks}: {@code url}, {@code events} (one or more of {@link WebhookEvents#ALL}, each
 * once) and an optional {@code description} (at most {@value #MAX_DESCRIPTION} characters, null as absent). The
 * URL's own rules (https, public addresses: the SSRF guard, which needs the network) are the caller's {@code
 * urlRefusal}, so that one 400 names every broken rule, the URL's among them.
 */
public record NewWebhookRequest(String url, List<String> events, Optional<String> description) {
  public static final int MAX_DESCRIPTION = 200;

  /**
   * Reads the body; {@code urlRefusal} gives the reason a well-formed string is refused as a receiver URL, or
   * empty, and runs only when every other rule holds (it may resolve the host).
   */
  public static NewWebhookRequest parse(ObjectNode body, Function<String, Optional<String>> urlRefusal) {
    JsonFields fields = new JsonFields(body);
    String url = fields.requiredString("url");
    fields.require("url", url, u -> !u.isBlank(), "must not be blank");
    // null reads as absent: a client that sends every member may send it so.
    boolean noDescription = body.path("description").isNull();
    String description = noDescription ? null : fields.optionalString("description", null);
    if (!noDescription) {
      fields.require("description", description, d -> JsonFields.length(d) <= MAX_DESCRIPTION,
          "must be at most " + MAX_DESCRIPTION + " characters");
      fields.require("description", description, d -> !JsonFields.hasControlCharacters(d),
          "must not contain control characters");
    }
    List<FieldError> errors = new ArrayList<>();
    List<String> events = events(body.get("events"), errors);
    try {
      fields.throwIfInvalid();
    } catch (InvalidRequestException e) {
      errors.addAll(0, e.fieldErrors());
    }
    if (errors.isEmpty()) {
      urlRefusal.apply(url).ifPresent(reason -> errors.add(new FieldError("url", reason)));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("The request has invalid fields.", errors);
    }
    return new NewWebhookRequest(url, events, Optional.ofNullable(description));
  }

  private static List<String> events(JsonNode node, List<FieldError> errors) {
    if (node == null) {
      errors.add(new FieldError("events", "is required"));
      return List.of();
    }
    if (!node.isArray() || node.isEmpty()) {
      errors.add(new FieldError("events", "must be a non-empty array of event types"));
      return List.of();
    }
    Set<String> events = new LinkedHashSet<>();
    for (JsonNode event : node) {
      if (!event.isTextual() || !WebhookEvents.ALL.contains(event.textValue())) {
        errors.add(new FieldError("events", "must hold only " + String.join(", ", WebhookEvents.ALL)));
        return List.of();
      }
      if (!events.add(event.textValue())) {
        errors.add(new FieldError("events", "must name each event type once"));
        return List.of();
      }
    }
    return List.copyOf(events);
  }
}
