package dev.taskapi.local.sqs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.taskapi.local.aws.FakeAws;
import dev.taskapi.local.aws.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.elasticmq.server.ElasticMQServer;
import org.elasticmq.server.config.ElasticMQServerConfig;
import scala.Function0;
import scalikejdbc.ConnectionPool;
import scalikejdbc.ConnectionPoolSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The local Amazon SQS: an embedded ElasticMQ 1.7 (github:softwaremill/elasticmq), which speaks the SQS API in
 * both its query and JSON protocols, on 127.0.0.1 only. Its queues and messages are kept in an H2 database in the
 * data directory (ElasticMQ's {@code messages-storage}), so a message that was sent and not yet deleted is still
 * there after a restart, with its receive count; the folder is the owner's alone, as the DynamoDB files are.
 *
 * <p>Functions never reach it: {@link LocalSqsEndpoint} checks their signatures and policies in front of it.
 */
public final class ElasticMq implements AutoCloseable {
  private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(30);

  private final URI endpoint;
  private final Path folder;
  private final Function0<?> shutdown;

  private ElasticMq(URI endpoint, Path folder, Function0<?> shutdown) {
    this.endpoint = endpoint;
    this.folder = folder;
    this.shutdown = shutdown;
  }

  /**
   * Starts ElasticMQ keeping its data in {@code folder} (created 0700), its queue ARNs in {@code region} and the
   * local stack's account, so a RedrivePolicy's {@code deadLetterTargetArn} names the queues as AWS would.
   */
  public static ElasticMq start(Path folder, String region) {
    try {
      OwnerOnlyFiles.folder(folder);
      int port = freeLoopbackPort();
      String jdbcUri = jdbcUri(folder);
      Config config = ConfigFactory.parseMap(Map.ofEntries(
              Map.entry("node-address.protocol", "http"),
              Map.entry("node-address.host", "127.0.0.1"),
              Map.entry("node-address.port", port),
              Map.entry("node-address.context-path", ""),
              Map.entry("generate-node-address", false),
              Map.entry("rest-sqs.enabled", true),
              Map.entry("rest-sqs.bind-hostname", "127.0.0.1"),
              Map.entry("rest-sqs.bind-port", port),
              // SQS's own limits (message size, batch sizes, attribute names), not ElasticMQ's relaxed ones.
              Map.entry("rest-sqs.sqs-limits", "strict"),
              Map.entry("aws.region", region),
              Map.entry("aws.accountId", FakeAws.ACCOUNT_ID),
              Map.entry("messages-storage.enabled", true),
              Map.entry("messages-storage.uri", jdbcUri),
              Map.entry("messages-storage.username", ""),
              Map.entry("messages-storage.password", ""),
              Map.entry("messages-storage.prune-data-on-init", false)))
          .withFallback(ConfigFactory.load(ElasticMq.class.getClassLoader()))
          .resolve();
      Map<String, Long> stored = StoredQueues.messageCounts(jdbcUri);
      useStorage(jdbcUri);
      Function0<?> shutdown = new ElasticMQServer(new ElasticMQServerConfig(config)).start();
      ElasticMq started = new ElasticMq(URI.create("http://127.0.0.1:" + port), folder, shutdown);
      try {
        started.awaitRestored(stored);
      } catch (RuntimeException e) {
        started.close();
        throw e;
      }
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start ElasticMQ in " + folder, e);
    }
  }

  /**
   * ElasticMQ answers a SendMessage only after its storage has written the message (persistence-sql's
   * SqlQueuePersistenceActor replies once the insert ran), but H2 keeps a commit in memory for up to its
   * WRITE_DELAY, 500 ms by default, so a kill -9 lost messages SQS had acknowledged. With 0 each commit reaches the
   * file before the insert returns; SQS stores a message redundantly before its SendMessage answers.
   */
  private static String jdbcUri(Path folder) {
    return "jdbc:h2:" + folder.toAbsolutePath().resolve("elasticmq") + ";WRITE_DELAY=0";
  }

  /** A client of ElasticMQ itself, for the stack's own calls (creating the template's queues, tests' checks). */
  public SqsClient adminClient() {
    return SqsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(FakeAws.DEFAULT_REGION))
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .build();
  }

  /**
   * ElasticMQ restores the stored queues and their messages after {@code start()} has returned, asynchronously
   * (ElasticMQServer.restoreQueuesViaQueueEventListener); a queue created or read before then would race it, so
   * the stack waits until every stored queue holds its stored messages.
   */
  private void awaitRestored(Map<String, Long> stored) {
    Instant deadline = Instant.now().plus(RESTORE_TIMEOUT);
    try (SqsClient admin = adminClient()) {
      for (Map.Entry<String, Long> queue : stored.entrySet()) {
        while (restoredMessages(admin, queue.getKey()) < queue.getValue()) {
          if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException("ElasticMQ did not restore the queue " + queue.getKey() + " from "
                + folder + " within " + RESTORE_TIMEOUT);
          }
          sleep();
        }
      }
    }
  }

  private static long restoredMessages(SqsClient admin, String queueName) {
    try {
      String url = admin.getQueueUrl(r -> r.queueName(queueName)).queueUrl();
      Map<QueueAttributeName, String> attributes = admin.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
          QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
          QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
      return attributes.values().stream().mapToLong(Long::parseLong).sum();
    } catch (QueueDoesNotExistException e) {
      return -1;
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while ElasticMQ restored its queues", e);
    }
  }

  /** ElasticMQ's own endpoint: it checks no signature, so only the local stack's code may call it. */
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    shutdown.apply();
    ConnectionPool.closeAll(); // releases the H2 files
    try {
      OwnerOnlyFiles.folder(folder); // H2 creates its files with the umask; tighten what this run added
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * ElasticMQ's SQL storage reaches H2 through scalikejdbc's JVM-wide default connection pool, which its {@code DB}
   * sets up once per JVM only (persistence-sql {@code DB.initializeSingleton}); a later ElasticMQ in the same JVM
   * (a test's second stack, another data folder) would write into the first one's database. The pool is pointed
   * at this start's database before ElasticMQ starts, so one ElasticMQ at a time per JVM keeps its own data.
   */
  private static void useStorage(String jdbcUri) {
    ConnectionPoolSettings settings = ConnectionPool.singleton$default$4();
    ConnectionPool.singleton(jdbcUri, "", "", settings, ConnectionPool.singleton$default$5(jdbcUri, "", "", settings));
  }

  // ElasticMQServer binds the configured port and does not say which port 0 became; the queue URLs it makes need
  // the port too, so a free one is chosen first.
  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
