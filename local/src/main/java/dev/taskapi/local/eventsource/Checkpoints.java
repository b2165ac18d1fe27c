package dev.taskapi.local.eventsource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskapi.local.aws.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where each event source mapping stands in its stream, kept in the data folder so a restart resumes after the last
 * record it processed, as a mapping on AWS keeps its place across invocations and deployments. One JSON file per
 * mapping, {"streamArn", "sequenceNumber"}; a checkpoint of another stream (the table's stream was disabled and
 * enabled again: a new ARN) is not this stream's and is ignored.
 */
final class Checkpoints {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path folder;
  private boolean folderReady;

  Checkpoints(Path folder) {
    this.folder = folder;
  }

  /** The sequence number of the last record processed in {@code streamArn}, if any. */
  Optional<String> read(String mapping, String streamArn) {
    Path file = folder.resolve(mapping + ".json");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode checkpoint = JSON.readTree(file.toFile());
      return streamArn.equals(checkpoint.path("streamArn").asText())
          ? Optional.of(checkpoint.path("sequenceNumber").asText())
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the checkpoint " + file, e);
    }
  }

  /** Records {@code sequenceNumber} as processed, replacing the file atomically (a crash leaves the old one). */
  void write(String mapping, String streamArn, String sequenceNumber) {
    try {
      ensureFolder();
      OwnerOnlyFiles.replace(folder.resolve(mapping + ".json"), JSON.createObjectNode().put("streamArn", streamArn)
          .put("sequenceNumber", sequenceNumber).toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the checkpoint of " + mapping, e);
    }
  }

  /**
   * Makes the folder the owner's alone once, before the first write. Every mapping writes here: walking the folder
   * at each write made one mapping's walk meet another's {@code .next} file just renamed away (NoSuchFileException,
   * seen with the two mappings on the table's stream).
   */
  private synchronized void ensureFolder() throws IOException {
    if (!folderReady) {
      OwnerOnlyFiles.folder(folder);
      folderReady = true;
    }
  }
}
