package dev.taskapi.local.aws;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Folders and files of the local stack's data directory that hold secrets (signing keys, mails with live reset
 * links): readable by their owner alone, folders 0700 and files 0600, whatever the umask.
 */
public final class OwnerOnlyFiles {
  private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnlyFiles() {}

  /** The attribute that creates a file 0600 from the start, never briefly readable by others. */
  public static FileAttribute<Set<PosixFilePermission>> fileAttribute() {
    return PosixFilePermissions.asFileAttribute(FILE);
  }

  /**
   * {@code folder}, created 0700 when missing; when an older run left it (or anything in it) open to others, it is
   * tightened: the folder and the folders in it 0700, every file 0600.
   */
  public static Path folder(Path folder) throws IOException {
    Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER));
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.toList()) {
        if (Files.isDirectory(path)) {
          Files.setPosixFilePermissions(path, FOLDER);
        } else if (Files.isRegularFile(path)) {
          Files.setPosixFilePermissions(path, FILE);
        }
      }
    }
    return folder;
  }

  /**
   * Replaces {@code file} with {@code content}, 0600: written beside it, then renamed over it atomically, so a crash
   * (kill -9) leaves the old file or the new one, never a part of either.
   */
  public static void replace(Path file, String content) throws IOException {
    Path next = file.resolveSibling(file.getFileName() + ".next");
    Files.deleteIfExists(next);
    writeNew(next, content);
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Writes a new file of {@code content}, 0600 from its creation. */
  public static void writeNew(Path file, String content) throws IOException {
    Files.createFile(file, fileAttribute());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }
}
