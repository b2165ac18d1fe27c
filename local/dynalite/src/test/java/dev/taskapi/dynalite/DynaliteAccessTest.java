package dev.taskapi.dynalite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Who may call the local DynamoDB, over plain HTTP: only a client that addresses it by its loopback address and signs
 * with the launcher's credentials; every other request is refused as DynamoDB refuses it ("Error handling with
 * DynamoDB", DynamoDB Developer Guide: 400 MissingAuthenticationTokenException, UnrecognizedClientException,
 * InvalidSignatureException), a foreign Host (DNS rebinding) is 421, and nothing answers a browser's CORS. The
 * browser side of the same promise: system-tests' {@code DynaliteBrowserTest}.
 */
class DynaliteAccessTest {
  private static final String SCAN = "{\"TableName\":\"Secrets\"}";
  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

  private static Dynalite dynalite;

  @BeforeAll
  static void start() {
    dynalite = Dynalite.start(null, 0);
    try (DynamoDbClient dynamo = TestDynamoDb.client(dynalite)) {
      dynamo.createTable(r -> r.tableName("Secrets").billingMode("PAY_PER_REQUEST")
          .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
          .keySchema(k -> k.attributeName("pk").keyType("HASH")));
    }
  }

  @AfterAll
  static void stop() {
    dynalite.close();
  }

  @Test
  void aRequestSignedWithTheLaunchersCredentialsIsServed() throws IOException {
    Answer answer = send(signed(dynalite.endpoint(), dynalite.credentials(), Clock.systemUTC()), Map.of());

    assertEquals(200, answer.status(), answer.body());
    assertTrue(answer.body().contains("\"Items\":[]"), answer.body());
  }

  @Test
  void anUnsignedRequestIsMissingAuthenticationToken() throws IOException {
    Map<String, String> headers = dynamoDbHeaders();
    headers.put("Host", dynalite.endpoint().getAuthority());

    Answer answer = send(headers, Map.of());

    assertEquals(400, answer.status(), answer.body());
    assertTrue(answer.body().contains("#MissingAuthenticationTokenException"), answer.body());
  }

  @Test
  void aSignatureDynaliteUsedToTakeOnTrustIsRefused() throws IOException {
    // Before: any "AWS4-..." Authorization with the parameters present was served.
    Map<String, String> headers = dynamoDbHeaders();
    headers.put("Host", dynalite.endpoint().getAuthority());
    headers.put("X-Amz-Date", "20260101T000000Z");
    headers.put("Authorization", "AWS4-HMAC-SHA256 Credential=" + dynalite.credentials().accessKeyId()
        + "/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64));

    Answer answer = send(headers, Map.of());

    assertEquals(400, answer.status(), answer.body());
    assertFalse(answer.body().contains("Items"), answer.body());
  }

  @Test
  void aForeignKeyIsUnrecognizedAndAWrongSecretIsAnInvalidSignature() {
    String key = dynalite.credentials().accessKeyId();
    DynamoDbException foreignKey = assertThrows(DynamoDbException.class,
        () -> scanWith(new Dynalite.Credentials("AKIDFOREIGN000000000", "secret")));
    DynamoDbException wrongSecret = assertThrows(DynamoDbException.class,
        () -> scanWith(new Dynalite.Credentials(key, dynalite.credentials().secretAccessKey() + "0")));

    assertEquals("UnrecognizedClientException", foreignKey.awsErrorDetails().errorCode());
    assertEquals(400, foreignKey.statusCode());
    assertEquals("InvalidSignatureException", wrongSecret.awsErrorDetails().errorCode());
    assertEquals(400, wrongSecret.statusCode());
  }

  @Test
  void aSignatureFromMoreThanFifteenMinutesAgoHasExpired() throws IOException {
    Clock past = Clock.fixed(Instant.now().minus(Duration.ofMinutes(16)), ZoneOffset.UTC);

    Answer answer = send(signed(dynalite.endpoint(), dynalite.credentials(), past), Map.of());

    assertEquals(400, answer.status(), answer.body());
    assertTrue(answer.body().contains("#InvalidSignatureException") && answer.body().contains("expired"),
        answer.body());
  }

  @Test
  void aForeignHostIsMisdirectedEvenWhenSignedWithTheRightCredentials() throws IOException {
    // A DNS-rebound page reaches 127.0.0.1 under its own name, and a browser sends that name as Host.
    URI rebound = URI.create("http://rebind.example:" + dynalite.endpoint().getPort());

    Answer answer = send(signed(rebound, dynalite.credentials(), Clock.systemUTC()), Map.of());

    assertEquals(421, answer.status(), answer.body());
    assertFalse(answer.body().contains("Items"), answer.body());
  }

  @Test
  void aPreflightIsRefusedWithoutAnyCorsHeader() throws IOException {
    Map<String, String> preflight = new LinkedHashMap<>();
    preflight.put("Host", dynalite.endpoint().getAuthority());
    preflight.put("Origin", "http://evil.example");
    preflight.put("Access-Control-Request-Method", "POST");
    preflight.put("Access-Control-Request-Headers", "authorization,content-type,x-amz-date,x-amz-target");

    Answer answer = send("OPTIONS", preflight, "");

    assertEquals(403, answer.status(), answer.body());
    assertNoCorsHeaders(answer);
  }

  @Test
  void aSignedRequestFromAWebPageIsRefusedWithoutAnyCorsHeader() throws IOException {
    Answer answer = send(signed(dynalite.endpoint(), dynalite.credentials(), Clock.systemUTC()),
        Map.of("Origin", "http://evil.example"));

    assertEquals(403, answer.status(), answer.body());
    assertNoCorsHeaders(answer);
  }

  @Test
  void credentialsAreRandomPerStartAndTheirSecretNeverPrinted() {
    try (Dynalite other = Dynalite.start(null, 0)) {
      assertNotEquals(dynalite.credentials().accessKeyId(), other.credentials().accessKeyId());
      assertNotEquals(dynalite.credentials().secretAccessKey(), other.credentials().secretAccessKey());
      assertFalse(other.credentials().toString().contains(other.credentials().secretAccessKey()));
    }
  }

  @Test
  void theTablesFilesAreTheOwnersAloneThoseOfAnOlderRunIncluded(@TempDir Path dataDir) throws IOException {
    // An older run's folder and file, as its umask left them.
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path old = Files.writeString(dataDir.resolve("OLD.log"), "older run");
    Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));

    try (Dynalite persistent = Dynalite.start(dataDir, 0);
        DynamoDbClient dynamo = TestDynamoDb.client(persistent)) {
      dynamo.createTable(r -> r.tableName("Kept").billingMode("PAY_PER_REQUEST")
          .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
          .keySchema(k -> k.attributeName("pk").keyType("HASH")));
      // A new table takes writes once ACTIVE, as on AWS; dynalite turns it ACTIVE just after answering, so a PutItem
      // sent at once could find it still CREATING (a ResourceNotFoundException, seen once under load).
      dynamo.waiter().waitUntilTableExists(r -> r.tableName("Kept"));
      dynamo.putItem(r -> r.tableName("Kept").item(Map.of("pk",
          software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("hash"))));
    }

    try (Stream<Path> paths = Files.walk(dataDir)) {
      paths.forEach(path -> {
        Set<PosixFilePermission> expected = PosixFilePermissions.fromString(
            Files.isDirectory(path) ? "rwx------" : "rw-------");
        try {
          assertEquals(expected, Files.getPosixFilePermissions(path), path.toString());
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    }
  }

  private static void scanWith(Dynalite.Credentials credentials) {
    try (DynamoDbClient dynamo = TestDynamoDb.client(dynalite.endpoint(), credentials)) {
      dynamo.scan(r -> r.tableName("Secrets"));
    }
  }

  private static void assertNoCorsHeaders(Answer answer) {
    assertTrue(answer.headers().keySet().stream().noneMatch(name -> name.startsWith("access-control-")),
        answer.headers().toString());
  }

  private static Map<String, String> dynamoDbHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/x-amz-json-1.0");
    headers.put("X-Amz-Target", "DynamoDB_20120810.Scan");
    return headers;
  }

  /** A Scan of the table signed by the AWS SDK's signer for {@code addressed} (its Host) at {@code clock}'s time. */
  private static Map<String, String> signed(URI addressed, Dynalite.Credentials credentials, Clock clock) {
    SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(addressed.resolve("/"));
    dynamoDbHeaders().forEach(request::putHeader);
    SdkHttpRequest signed = SIGNER.sign(r -> r
            .identity(AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey()))
            .request(request.build())
            .payload(ContentStreamProvider.fromUtf8String(SCAN))
            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
            .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
            .putProperty(HttpSigner.SIGNING_CLOCK, clock))
        .request();
    Map<String, String> headers = new LinkedHashMap<>();
    signed.forEachHeader((name, values) -> headers.put(name, values.getFirst()));
    headers.putIfAbsent("Host", addressed.getAuthority());
    return headers;
  }

  private record Answer(int status, Map<String, String> headers, String body) {}

  private static Answer send(Map<String, String> headers, Map<String, String> extra) throws IOException {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.putAll(extra);
    return send("POST", all, SCAN);
  }

  /** One request over a socket of its own to dynalite's port, with exactly these headers (Host included). */
  private static Answer send(String method, Map<String, String> headers, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder(method + " / HTTP/1.1\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("Content-Length: ").append(bytes.length).append("\r\nConnection: close\r\n\r\n");
    try (Socket socket = new Socket("127.0.0.1", dynalite.endpoint().getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(bytes);
      out.flush();
      String response = readAll(socket.getInputStream());
      int headEnd = response.indexOf("\r\n\r\n");
      String[] lines = response.substring(0, headEnd).split("\r\n");
      Map<String, String> received = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        received.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
      return new Answer(Integer.parseInt(lines[0].split(" ")[1]), received, response.substring(headEnd + 4));
    }
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    return all.toString(StandardCharsets.UTF_8);
  }
}
