package dev.taskapi.local.eventsource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.local.aws.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The local stand-in for an SQS or SNS on-failure destination, until the local stack has those services: each
 * invocation record is written, one JSON file each, to a folder of the data directory (0700, files 0600), and
 * logged with its destination.
 */
public final class DataFolderOnFailureDestination implements OnFailureDestination {
  private final Path folder;

  public DataFolderOnFailureDestination(Path folder) {
    this.folder = folder;
  }

  @Override
  public void send(String destinationArn, ObjectNode invocationRecord) {
    ObjectNode written = invocationRecord.deepCopy().put("destination", destinationArn);
    Path file = folder.resolve(System.currentTimeMillis() + "-" + UUID.randomUUID() + ".json");
    try {
      OwnerOnlyFiles.folder(folder);
      OwnerOnlyFiles.writeNew(file, written.toPrettyString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the on-failure record " + file, e);
    }
    System.out.println("Event source mapping: a discarded batch for " + destinationArn + " written to " + file);
  }
}
