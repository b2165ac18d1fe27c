package dev.taskapi.dynalite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dynalite server (DynamoDB's API on LevelDB, from npm) in a node child process. The child exits when
 * its standard input closes, which happens when this JVM ends however it ends.
 *
 * <p>It answers only requests addressed to its loopback address and port and signed (SigV4) with {@link
 * #credentials()}, random per start and handed to the child on its standard input, never on a command line, in the
 * environment, a log or a file: so no web page, and no function but through the local IAM endpoint, reaches the
 * table (what dynalite-server.js checks, and why, is described there).
 */
public final class Dynalite implements AutoCloseable {
  /**
   * The only credentials this dynalite accepts: its SigV4 access key id and secret key.
   *
   * <p>{@link #toString()} leaves the secret out, so a log line or an assertion message cannot print it.
   */
  public record Credentials(String accessKeyId, String secretAccessKey) {
    private static final SecureRandom RANDOM = new SecureRandom();

    static Credentials random() {
      return new Credentials("LOCAL" + hex(8).toUpperCase(Locale.ROOT), hex(20));
    }

    private static String hex(int bytes) {
      byte[] random = new byte[bytes];
      RANDOM.nextBytes(random);
      return HexFormat.of().formatHex(random);
    }

    /** The first line of the child's standard input: JSON of two hex strings, nothing to escape. */
    String json() {
      return "{\"accessKeyId\":\"%s\",\"secretAccessKey\":\"%s\"}".formatted(accessKeyId, secretAccessKey);
    }

    @Override
    public String toString() {
      return "Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=<hidden>]";
    }
  }

  /** System property naming the node_modules directory that holds dynalite. */
  public static final String NODE_MODULES_PROPERTY = "taskapi.nodeModules";

  private static final Pattern READY = Pattern.compile("dynalite listening on (http://\\S+)");
  private static final long READY_TIMEOUT_SECONDS = 30;
  private static final String LAUNCHER = "dynalite-server.js";
  /** The launcher and the scripts it requires, packaged side by side. */
  private static final List<String> SCRIPTS = List.of(LAUNCHER, "dynalite-streams.js");

  private final Process process;
  private final URI endpoint;
  private final Credentials credentials;

  private Dynalite(Process process, URI endpoint, Credentials credentials) {
    this.process = process;
    this.endpoint = endpoint;
    this.credentials = credentials;
  }

  /**
   * Starts dynalite and waits until it accepts connections.
   *
   * @param dataDir where LevelDB keeps the tables, kept across restarts, for its owner alone (folders 0700, files
   *     0600, those of an older run tightened at start); null keeps them in memory
   * @param port the port on 127.0.0.1, or 0 for a free one
   * @throws IllegalStateException with what to install when node or dynalite is missing, or when dynalite
   *     does not come up
   */
  public static Dynalite start(Path dataDir, int port) {
    Path nodeModules = findNodeModules();
    Path launcher = launcherScript(nodeModules);
    ProcessBuilder builder = new ProcessBuilder("node", launcher.toString(), Integer.toString(port));
    if (dataDir != null) {
      try {
        Files.createDirectories(dataDir);
      } catch (IOException e) {
        throw new IllegalStateException("Cannot create the DynamoDB data directory " + dataDir + ": " + e, e);
      }
      builder.command().add(dataDir.toAbsolutePath().toString());
    }
    builder.environment().put("NODE_PATH", nodeModules.toString());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot run node (" + e.getMessage() + "). The local DynamoDB needs Node.js 18 or later on the PATH "
              + "(e.g. apt-get install nodejs npm), then `npm ci` in local/dynalite/.", e);
    }
    Credentials credentials = Credentials.random();
    try {
      OutputStream stdin = process.getOutputStream();
      stdin.write((credentials.json() + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush(); // kept open: its end is the child's signal to stop
    } catch (IOException e) {
      process.destroyForcibly();
      throw new IllegalStateException("Cannot hand dynalite its credentials: " + e, e);
    }
    Deque<String> errorTail = new ArrayDeque<>();
    pump(process.getErrorStream(), "dynalite: ", errorTail);
    CompletableFuture<URI> ready = new CompletableFuture<>();
    Thread.ofPlatform().daemon().name("dynalite-stdout").start(() -> readUntilReady(process.getInputStream(), ready));
    try {
      URI endpoint = ready.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return new Dynalite(process, endpoint, credentials);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting dynalite", e);
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      waitQuietly(process);
      String errors;
      synchronized (errorTail) {
        errors = String.join("\n", errorTail);
      }
      throw new IllegalStateException(
          "dynalite did not start on port " + port + (e instanceof TimeoutException
              ? " within " + READY_TIMEOUT_SECONDS + " s" : "") + (errors.isEmpty() ? "" : ":\n" + errors), e);
    }
  }

  /** The DynamoDB endpoint, e.g. {@code http://127.0.0.1:4567}. */
  public URI endpoint() {
    return endpoint;
  }

  /** The credentials every request must be signed with: for the local IAM endpoint and the tests' own clients. */
  public Credentials credentials() {
    return credentials;
  }

  /** Stops dynalite (closing LevelDB cleanly) and waits for the process to end. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // Already closed: the child is going away anyway.
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The node_modules holding dynalite: the {@value #NODE_MODULES_PROPERTY} property, else the nearest
   * {@code local/dynalite/node_modules} or {@code node_modules} walking up from the working directory.
   */
  static Path findNodeModules() {
    String configured = System.getProperty(NODE_MODULES_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured).toAbsolutePath();
      if (Files.isDirectory(path.resolve("dynalite"))) {
        return path;
      }
      throw new IllegalStateException(
          NODE_MODULES_PROPERTY + "=" + configured + " has no dynalite: run `npm ci` in local/dynalite/.");
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      for (Path candidate : new Path[] {dir.resolve("local/dynalite/node_modules"), dir.resolve("node_modules")}) {
        if (Files.isDirectory(candidate.resolve("dynalite"))) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException(
        "dynalite is not installed (no local/dynalite/node_modules/dynalite above " + Path.of("").toAbsolutePath()
            + "): run `npm ci` in local/dynalite/ (needs Node.js 18+ and npm), or set -D" + NODE_MODULES_PROPERTY + "=<dir>.");
  }

  /**
   * dynalite-server.js beside node_modules (local/dynalite/), else the copies packaged in this jar (with the scripts
   * it requires) in a temporary folder.
   */
  private static Path launcherScript(Path nodeModules) {
    Path beside = nodeModules.resolveSibling(LAUNCHER);
    if (Files.isRegularFile(beside)) {
      return beside;
    }
    try {
      Path folder = Files.createTempDirectory("dynalite-server");
      folder.toFile().deleteOnExit();
      for (String script : SCRIPTS) {
        try (InputStream packaged = Dynalite.class.getResourceAsStream("/" + script)) {
          if (packaged == null) {
            throw new IllegalStateException("No " + script + " beside " + nodeModules + " nor on the classpath");
          }
          Path copy = folder.resolve(script);
          Files.write(copy, packaged.readAllBytes());
          copy.toFile().deleteOnExit();
        }
      }
      return folder.resolve(LAUNCHER);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write the dynalite launcher: " + e, e);
    }
  }

  private static void readUntilReady(InputStream stdout, CompletableFuture<URI> ready) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        Matcher matcher = READY.matcher(line);
        if (!ready.isDone() && matcher.find()) {
          ready.complete(URI.create(matcher.group(1)));
        } else {
          System.err.println("dynalite: " + line);
        }
      }
      ready.completeExceptionally(new IOException("dynalite exited before it was ready"));
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
  }

  private static void pump(InputStream stream, String prefix, Deque<String> tail) {
    Thread.ofPlatform().daemon().name("dynalite-stderr").start(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          System.err.println(prefix + line);
          synchronized (tail) {
            tail.addLast(line);
            if (tail.size() > 20) {
              tail.removeFirst();
            }
          }
        }
      } catch (IOException e) {
        // The child ended.
      }
    });
  }

  private static void waitQuietly(Process process) {
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
