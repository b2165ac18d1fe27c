package dev.taskapi.local.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory's secret-holding folders (mail, secrets): the owner's alone, an older run's tightened. */
class OwnerOnlyFilesTest {
  @TempDir Path dataDir;

  @Test
  void anOlderRunsOpenFolderAndTheFilesInItAreTightened() throws Exception {
    Path mail = Files.createDirectories(dataDir.resolve("mail/nested"), PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwxr-xr-x"))).getParent();
    Files.setPosixFilePermissions(mail, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path old = Files.writeString(mail.resolve("20260101-000000-000-old.eml"), "token=live");
    Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));

    OwnerOnlyFiles.folder(mail);

    assertEquals("rwx------", permissions(mail));
    assertEquals("rwx------", permissions(mail.resolve("nested")));
    assertEquals("rw-------", permissions(old));
  }

  @Test
  void aMissingFolderIsCreatedAndANewFileWrittenOwnerOnly() throws Exception {
    Path mail = OwnerOnlyFiles.folder(dataDir.resolve("mail"));
    Path file = mail.resolve("new.eml");

    OwnerOnlyFiles.writeNew(file, "token=live");

    assertEquals("rwx------", permissions(mail));
    assertEquals("rw-------", permissions(file));
    assertEquals("token=live", Files.readString(file));
  }

  private static String permissions(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
