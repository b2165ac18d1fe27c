package dev.taskapi.local.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.taskapi.local.aws.FakeAws;
import dev.taskapi.local.aws.LoopbackServer;
import dev.taskapi.local.iam.IamAuthorizer;
import dev.taskapi.local.iam.Principals;
import dev.taskapi.local.iam.RequestContext;
import dev.taskapi.local.iam.SignedCallers;
import dev.taskapi.local.iam.SignedCallers.Authentication;
import dev.taskapi.local.scheduler.SchedulerErrors.Refusal;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * EventBridge Scheduler's schedule API for the functions (their SCHEDULER_ENDPOINT), in its REST-JSON protocol as
 * the AWS SDK for Java 2.x's {@code scheduler} client sends it (EventBridge Scheduler API Reference):
 * CreateSchedule {@code POST /schedules/{Name}}, GetSchedule {@code GET /schedules/{Name}?groupName=}, UpdateSchedule
 * {@code PUT /schedules/{Name}}, DeleteSchedule {@code DELETE /schedules/{Name}?groupName=&clientToken=} and
 * ListSchedules {@code GET /schedules?ScheduleGroup=&NamePrefix=&State=&MaxResults=&NextToken=}.
 *
 * <p>Each call is checked in this order: the SigV4 signature (signing name {@code scheduler}) with the calling
 * function's credentials; its policies for {@code scheduler:<Action>} on the schedule's ARN {@code
 * arn:aws:scheduler:<region>:<account>:schedule/<group>/<name>} ({@code *} for ListSchedules; "Actions, resources,
 * and condition keys for Amazon EventBridge Scheduler"); the request ({@link ScheduleDefinitions}); for a create or
 * an update, {@code iam:PassRole} on the target's RoleArn with {@code iam:PassedToService} {@code
 * scheduler.amazonaws.com} (Scheduler User Guide, "Set up the execution role": the caller passes the role to
 * Scheduler); the group; the schedule. The order of the checks after the signature and the action's authorization is
 * not documented. Nothing is stored unless every check passed.
 */
final class LocalSchedulerEndpoint implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCHEDULER_SERVICE = "scheduler.amazonaws.com";
  private static final int DEFAULT_MAX_RESULTS = 100;

  private final String region;
  private final SignedCallers callers;
  private final IamAuthorizer authorizer;
  private final Set<String> groups;
  private final StoredSchedules schedules;
  private final Clock clock;
  // DeleteSchedule's ClientToken: the same delete again is answered as the first one was (kept for this run).
  private final Map<String, String> deletedByToken = new ConcurrentHashMap<>();
  private final LoopbackServer server;

  LocalSchedulerEndpoint(String region, Principals principals, IamAuthorizer authorizer, Set<String> groups,
      StoredSchedules schedules, Clock clock) throws IOException {
    this.region = region;
    this.callers = new SignedCallers(principals, "scheduler", clock);
    this.authorizer = authorizer;
    this.groups = Set.copyOf(groups);
    this.schedules = schedules;
    this.clock = clock;
    this.server = LoopbackServer.start(0, 0, this::handle);
  }

  /** What the functions get as SCHEDULER_ENDPOINT. */
  URI endpoint() {
    return server.endpoint();
  }

  @Override
  public void close() {
    server.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Authentication authentication = callers.authenticate(exchange, body);
      if (authentication instanceof Authentication.Refused(SignedCallers.Refusal refusal)) {
        // The signature errors AWS's front end answers for a REST-JSON service, 403.
        SchedulerErrors.send(exchange, new SchedulerErrors.SchedulerError(403, refusal.errorCode()), refusal.message());
        return;
      }
      String caller = ((Authentication.Caller) authentication).function();
      try {
        reply(exchange, route(caller, exchange.getRequestMethod(), exchange.getRequestURI(), body));
      } catch (Refusal refusal) {
        SchedulerErrors.send(exchange, refusal.error(), refusal.getMessage());
      }
    }
  }

  private ObjectNode route(String caller, String method, URI uri, byte[] body) {
    String path = uri.getRawPath();
    Map<String, String> query = query(uri.getRawQuery());
    if (path.equals("/schedules") && method.equals("GET")) {
      return list(caller, query);
    }
    if (!path.startsWith("/schedules/") || path.indexOf('/', "/schedules/".length()) >= 0) {
      throw new Refusal(SchedulerErrors.UNKNOWN_OPERATION, "The local EventBridge Scheduler serves CreateSchedule, "
          + "GetSchedule, UpdateSchedule, DeleteSchedule and ListSchedules; not " + method + " " + path);
    }
    String name = URLDecoder.decode(path.substring("/schedules/".length()), StandardCharsets.UTF_8);
    return switch (method) {
      case "POST" -> create(caller, name, body);
      case "PUT" -> update(caller, name, body);
      case "GET" -> get(caller, name, query.get("groupName"));
      case "DELETE" -> delete(caller, name, query.get("groupName"), query.get("clientToken"));
      default -> throw new Refusal(SchedulerErrors.UNKNOWN_OPERATION, method + " " + path + " is no Scheduler action");
    };
  }

  private ObjectNode create(String caller, String name, byte[] body) {
    authorize(caller, "scheduler:CreateSchedule", arnOf(groupOf(body), name));
    ScheduleDefinitions.Definition definition = ScheduleDefinitions.read(body);
    checkCanPass(caller, definition);
    String digest = digest(definition);
    synchronized (schedules) {
      Optional<Schedule> existing = schedules.get(existingGroup(definition.groupName()), ScheduleDefinitions.name(name));
      if (existing.isPresent()) {
        // ClientToken: "to ensure the idempotency of the request": the same request again (the SDK's retry, whose
        // generated token it keeps) is answered as the first was; anything else finds the name taken.
        if (definition.clientToken().equals(Optional.of(existing.get().clientToken()))
            && existing.get().requestDigest().equals(digest)) {
          return scheduleArn(existing.get());
        }
        throw new Refusal(SchedulerErrors.CONFLICT, "Schedule " + name + " already exists.");
      }
      Instant now = clock.instant();
      Schedule schedule = new Schedule(name, definition.groupName(), definition.definition(), now, now,
          definition.fireAt(), false, definition.clientToken().orElse(""), digest);
      schedules.put(schedule);
      return scheduleArn(schedule);
    }
  }

  private ObjectNode update(String caller, String name, byte[] body) {
    authorize(caller, "scheduler:UpdateSchedule", arnOf(groupOf(body), name));
    ScheduleDefinitions.Definition definition = ScheduleDefinitions.read(body);
    checkCanPass(caller, definition);
    synchronized (schedules) {
      Schedule existing = find(existingGroup(definition.groupName()), ScheduleDefinitions.name(name));
      // UpdateSchedule replaces the whole schedule ("you must provide all of the required parameters"); a one-time
      // schedule given a time again is due again.
      Schedule updated = new Schedule(name, existing.groupName(), definition.definition(), existing.creationDate(),
          clock.instant(), definition.fireAt(), false, existing.clientToken(), existing.requestDigest());
      schedules.put(updated);
      return scheduleArn(updated);
    }
  }

  private ObjectNode get(String caller, String name, String group) {
    authorize(caller, "scheduler:GetSchedule", arnOf(group, name));
    return find(ScheduleDefinitions.groupName(group), ScheduleDefinitions.name(name)).toGetScheduleAnswer(region);
  }

  private ObjectNode delete(String caller, String name, String group, String clientToken) {
    String groupName = ScheduleDefinitions.groupName(group);
    authorize(caller, "scheduler:DeleteSchedule", arnOf(groupName, name));
    ScheduleDefinitions.name(name);
    String key = Schedule.key(groupName, name);
    if (schedules.remove(groupName, name)) {
      if (clientToken != null) {
        deletedByToken.put(clientToken, key);
      }
    } else if (clientToken == null || !key.equals(deletedByToken.get(clientToken))) {
      throw new Refusal(SchedulerErrors.NOT_FOUND, "Schedule " + name + " does not exist.");
    }
    return JSON.createObjectNode();
  }

  private ObjectNode list(String caller, Map<String, String> query) {
    authorize(caller, "scheduler:ListSchedules", "*");
    int maxResults = Optional.ofNullable(query.get("MaxResults")).map(Integer::parseInt).orElse(DEFAULT_MAX_RESULTS);
    if (maxResults < 1 || maxResults > 100) {
      throw SchedulerErrors.validation("MaxResults must be from 1 to 100");
    }
    int start = Optional.ofNullable(query.get("NextToken")).map(Integer::parseInt).orElse(0);
    List<Schedule> matching = schedules.all().stream()
        .filter(s -> query.get("ScheduleGroup") == null || s.groupName().equals(query.get("ScheduleGroup")))
        .filter(s -> query.get("NamePrefix") == null || s.name().startsWith(query.get("NamePrefix")))
        .filter(s -> query.get("State") == null || s.state().equals(query.get("State")))
        .toList();
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode page = answer.putArray("Schedules");
    matching.stream().skip(start).limit(maxResults).forEach(s -> page.add(s.toSummary(region)));
    if (start + maxResults < matching.size()) {
      answer.put("NextToken", Integer.toString(start + maxResults));
    }
    return answer;
  }

  /** The caller must be allowed to pass the target's role to Scheduler (iam:PassRole, iam:PassedToService). */
  private void checkCanPass(String caller, ScheduleDefinitions.Definition definition) {
    String role = definition.definition().path("Target").path("RoleArn").asText();
    Optional<IamAuthorizer.Denial> denial = authorizer.authorize(caller, List.of(new IamAuthorizer.Request(
        "iam:PassRole", role, new RequestContext(Map.of("iam:PassedToService", List.of(SCHEDULER_SERVICE))))));
    if (denial.isPresent()) {
      throw new Refusal(SchedulerErrors.ACCESS_DENIED, denial.get().message());
    }
  }

  private void authorize(String caller, String action, String resource) {
    Optional<IamAuthorizer.Denial> denial = authorizer.authorize(
        caller, List.of(new IamAuthorizer.Request(action, resource, RequestContext.empty())));
    if (denial.isPresent()) {
      throw new Refusal(SchedulerErrors.ACCESS_DENIED, denial.get().message());
    }
  }

  private String existingGroup(String group) {
    if (!group.equals(Schedule.DEFAULT_GROUP) && !groups.contains(group)) {
      throw new Refusal(SchedulerErrors.NOT_FOUND, "Schedule group " + group + " does not exist.");
    }
    return group;
  }

  private Schedule find(String group, String name) {
    return schedules.get(group, name)
        .orElseThrow(() -> new Refusal(SchedulerErrors.NOT_FOUND, "Schedule " + name + " does not exist."));
  }

  private String arnOf(String group, String name) {
    return FakeAws.scheduleArn(region, group == null ? Schedule.DEFAULT_GROUP : group, name);
  }

  private ObjectNode scheduleArn(Schedule schedule) {
    return JSON.createObjectNode().put("ScheduleArn", schedule.arn(region));
  }

  /** The GroupName a body names, before it is checked: what the action is authorized on comes first. */
  private static String groupOf(byte[] body) {
    try {
      JsonNode group = body.length == 0 ? null : JSON.readTree(body).get("GroupName");
      return group != null && group.isTextual() ? group.asText() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String digest(ScheduleDefinitions.Definition definition) {
    try {
      byte[] text = (definition.groupName() + "\n" + definition.definition()).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return parameters;
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      parameters.put(key, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return parameters;
  }

  private static void reply(HttpExchange exchange, ObjectNode answer) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
    LoopbackServer.send(exchange, 200, JSON.writeValueAsBytes(answer));
  }
}
