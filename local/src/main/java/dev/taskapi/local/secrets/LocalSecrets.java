package dev.taskapi.local.secrets;

import dev.taskapi.local.aws.FakeAws;
import dev.taskapi.local.aws.OwnerOnlyFiles;
import dev.taskapi.local.template.SecretDef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The template's Secrets Manager secrets: generated once and kept in {@code <dataDir>/secrets/<LogicalId>}
 * (mode 0600), so tokens signed before a restart still verify after it.
 */
public final class LocalSecrets {
  /** Environment variable prefix overriding a secret: TASKAPI_SECRET_ + the logical id in upper case. */
  public static final String OVERRIDE_PREFIX = "TASKAPI_SECRET_";

  private final Map<String, LocalSecret> byNameOrArn = new LinkedHashMap<>();

  private LocalSecrets(List<LocalSecret> secrets) {
    for (LocalSecret secret : secrets) {
      byNameOrArn.put(secret.name(), secret);
      byNameOrArn.put(secret.arn(), secret);
    }
  }

  public static LocalSecrets load(List<SecretDef> definitions, Path dataDir, Map<String, String> environment,
      String region) {
    PasswordGenerator generator = new PasswordGenerator();
    Path directory = dataDir.resolve("secrets");
    List<LocalSecret> secrets = definitions.stream().map(definition -> {
      String override = environment.get(overrideVariable(definition.logicalId()));
      String value;
      long created;
      if (override != null && !override.isEmpty()) {
        value = override;
        created = System.currentTimeMillis() / 1000;
      } else if (definition.secretString().isPresent()) {
        value = definition.secretString().get();
        created = System.currentTimeMillis() / 1000;
      } else {
        Path file = directory.resolve(definition.logicalId());
        value = readOrCreate(file, () -> generator.generate(definition));
        created = lastModifiedSeconds(file);
      }
      String versionId = UUID.nameUUIDFromBytes((definition.secretId() + "\0" + value)
          .getBytes(StandardCharsets.UTF_8)).toString();
      return new LocalSecret(definition.secretId(), FakeAws.secretArn(region, definition.secretId()), value,
          versionId, created);
    }).toList();
    return new LocalSecrets(secrets);
  }

  /** The secret with this name or ARN. */
  public Optional<LocalSecret> find(String nameOrArn) {
    return Optional.ofNullable(byNameOrArn.get(nameOrArn));
  }

  public static String overrideVariable(String logicalId) {
    return OVERRIDE_PREFIX + logicalId.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  private static String readOrCreate(Path file, java.util.function.Supplier<String> generate) {
    try {
      Path directory = OwnerOnlyFiles.folder(file.getParent()); // an older run's secrets tightened too
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8);
      }
      // Created 0600 from the start (never briefly world-readable), then moved into place atomically.
      Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp", OwnerOnlyFiles.fileAttribute());
      String value = generate.get();
      try {
        Files.writeString(temporary, value, StandardCharsets.UTF_8);
        try {
          Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
          Files.move(temporary, file);
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
      return value;
    } catch (FileAlreadyExistsException e) {
      return readOrCreate(file, generate); // another process created it first: use theirs
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read or create the local secret file " + file + ": " + e, e);
    }
  }

  private static long lastModifiedSeconds(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis() / 1000;
    } catch (IOException e) {
      return System.currentTimeMillis() / 1000;
    }
  }
}
