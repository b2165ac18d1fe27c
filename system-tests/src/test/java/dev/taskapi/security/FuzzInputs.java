package dev.taskapi.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.e2e.ApiClient.Account;
import dev.taskapi.testing.TestAccounts;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Generates fuzz cases from one seed: each case is a route's request, valid or not, with some of its parts
 * random or mutated. The same seed gives the same cases, so a failure replays.
 */
final class FuzzInputs {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
  private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
      "application/problem+json", "text/plain", "application/xml", "application/x-www-form-urlencoded", "*/*",
      "application/json; charset=latin1", "application/json;;", "json", "");
  private static final List<String> FIELDS = List.of("username", "email", "password", "title", "description",
      "user_id", "uuid", "created_at", "id", "__proto__", "", "limit", "cursor");

  private final Random random;
  private final Account account;
  private final String taskId;

  FuzzInputs(long seed, Account account, String taskId) {
    this.random = new Random(seed);
    this.account = account;
    this.taskId = taskId;
  }

  record Header(String name, String value) {}

  record Case(String method, String pathAndQuery, List<Header> headers, byte[] body) {
    @Override
    public String toString() {
      String text = body == null ? "(no body)" : new String(body, StandardCharsets.UTF_8);
      return method + " " + pathAndQuery + " " + headers + " "
          + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }
  }

  Case next() {
    ApiRoutes route = pick(ApiRoutes.ALL);
    String method = chance(0.9) ? route.method() : pick(METHODS);
    List<Header> headers = new ArrayList<>();
    authorization().ifPresent(value -> headers.add(new Header("Authorization", value)));
    byte[] body = body(route, method);
    if (body != null && chance(0.9)) {
      headers.add(new Header("Content-Type", chance(0.7) ? "application/json" : pick(CONTENT_TYPES)));
    }
    if (chance(0.2)) {
      headers.add(new Header(pick(List.of("Origin", "X-Forwarded-For", "Accept", "X-Fuzz", "Cookie")), printable(40)));
    }
    return new Case(method, path(route) + query(), headers, body);
  }

  private String path(ApiRoutes route) {
    String id = switch (random.nextInt(5)) {
      case 0 -> taskId;
      case 1 -> UUID.randomUUID().toString();
      case 2 -> mutate(taskId);
      case 3 -> "";
      default -> text(random.nextInt(60));
    };
    String path = route.path().replace("{task_id}", encode(id));
    return switch (random.nextInt(30)) {
      case 0 -> path + "/";
      case 1 -> path + "/" + encode(text(8));
      case 2 -> path.toUpperCase();
      case 3 -> "/" + encode(text(12));
      // Not a leading "//": the JDK HTTP server under the local gateway reads "//auth" as a host and answers
      // its own text/html 404 before the gateway sees the request (API Gateway itself answers a problem 404).
      case 4 -> path + "//" + encode(text(3));
      default -> path;
    };
  }

  private String query() {
    if (chance(0.5)) {
      return "";
    }
    StringBuilder query = new StringBuilder("?");
    for (int i = random.nextInt(3) + 1; i > 0; i--) {
      String name = pick(List.of("limit", "cursor", "limit", "x", "LIMIT"));
      String value = switch (random.nextInt(4)) {
        case 0 -> Integer.toString(random.nextInt(2000) - 500);
        case 1 -> new BigInteger(80, random).toString();
        default -> text(random.nextInt(80));
      };
      query.append(name).append('=').append(encode(value)).append('&');
    }
    return query.substring(0, query.length() - 1);
  }

  private java.util.Optional<String> authorization() {
    double roll = random.nextDouble();
    if (roll < 0.5) {
      return java.util.Optional.of(account.bearer());
    } else if (roll < 0.7) {
      return java.util.Optional.of("Bearer " + mutate(account.token()));
    } else if (roll < 0.8) {
      return java.util.Optional.empty();
    } else if (roll < 0.9) {
      return java.util.Optional.of(printable(random.nextInt(200)));
    }
    return java.util.Optional.of("Bearer " + base64url(30) + "." + base64url(60) + "." + base64url(random.nextInt(50)));
  }

  private byte[] body(ApiRoutes route, String method) {
    if ((method.equals("GET") || method.equals("HEAD") || method.equals("DELETE")) && chance(0.8)) {
      return null;
    }
    double roll = random.nextDouble();
    String text;
    if (roll < 0.45) {
      text = mutateTree(validBody(route)).toString();
    } else if (roll < 0.6) {
      text = mutate(validBody(route).toString());
    } else if (roll < 0.85) {
      text = randomJson(4).toString();
    } else if (roll < 0.95) {
      byte[] bytes = new byte[random.nextInt(300)];
      random.nextBytes(bytes);
      return bytes;
    } else {
      text = "";
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private ObjectNode validBody(ApiRoutes route) {
    return switch (route.path()) {
      case "/auth/register" -> NODES.objectNode().put("username", text(10)).put("email",
          "fz-" + UUID.randomUUID() + "@example.com").put("password", TestAccounts.PASSWORD + " " + text(6));
      case "/auth" -> NODES.objectNode().put("email", chance(0.5) ? account.email() : "fz-" + UUID.randomUUID()
          + "@example.com").put("password", chance(0.5) ? account.password() : text(12));
      default -> NODES.objectNode().put("title", text(random.nextInt(30) + 1)).put("description", text(40));
    };
  }

  private JsonNode mutateTree(ObjectNode body) {
    for (int i = random.nextInt(3); i >= 0; i--) {
      List<String> names = new ArrayList<>();
      body.fieldNames().forEachRemaining(names::add);
      switch (random.nextInt(4)) {
        case 0 -> {
          if (!names.isEmpty()) {
            body.remove(pick(names));
          }
        }
        case 1 -> body.set(names.isEmpty() ? pick(FIELDS) : pick(names), randomJson(2));
        case 2 -> body.set(pick(FIELDS), randomJson(2));
        default -> {
          if (!names.isEmpty()) {
            body.put(pick(names), text(random.nextInt(3) == 0 ? 20_000 : 300));
          }
        }
      }
    }
    return chance(0.1) ? NODES.arrayNode().add(body) : body;
  }

  private JsonNode randomJson(int depth) {
    int kind = random.nextInt(depth <= 0 ? 6 : 8);
    return switch (kind) {
      case 0 -> NODES.textNode(text(random.nextInt(50)));
      case 1 -> NODES.numberNode(random.nextLong());
      case 2 -> NODES.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
      case 3 -> NODES.booleanNode(random.nextBoolean());
      case 4 -> NODES.nullNode();
      case 5 -> NODES.numberNode(new BigInteger(200, random));
      case 6 -> {
        ObjectNode object = NODES.objectNode();
        for (int i = random.nextInt(5); i > 0; i--) {
          object.set(chance(0.6) ? pick(FIELDS) : text(8), randomJson(depth - 1));
        }
        yield object;
      }
      default -> {
        ArrayNode array = NODES.arrayNode();
        for (int i = random.nextInt(5); i > 0; i--) {
          array.add(randomJson(depth - 1));
        }
        yield array;
      }
    };
  }

  /** A string with one to three edits: characters deleted, inserted, replaced, or the end cut off. */
  private String mutate(String value) {
    StringBuilder text = new StringBuilder(value);
    for (int i = random.nextInt(3); i >= 0 && !text.isEmpty(); i--) {
      int at = random.nextInt(text.length());
      switch (random.nextInt(4)) {
        case 0 -> text.deleteCharAt(at);
        case 1 -> text.insert(at, (char) (32 + random.nextInt(95)));
        case 2 -> text.setCharAt(at, (char) (32 + random.nextInt(95)));
        default -> text.setLength(at);
      }
    }
    return text.toString();
  }

  /** Any Unicode text but lone surrogates: ASCII, controls, accents, CJK, emoji. */
  private String text(int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int codePoint = switch (random.nextInt(6)) {
        case 0 -> random.nextInt(32);
        case 1 -> 0x00C0 + random.nextInt(0x100);
        case 2 -> 0x4E00 + random.nextInt(0x500);
        case 3 -> 0x1F600 + random.nextInt(0x50);
        default -> 32 + random.nextInt(95);
      };
      text.appendCodePoint(codePoint);
    }
    return text.toString();
  }

  private String printable(int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append((char) (33 + random.nextInt(94)));
    }
    return text.toString();
  }

  private String base64url(int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
