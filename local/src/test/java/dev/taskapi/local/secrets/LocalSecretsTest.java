package dev.taskapi.local.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.local.template.SecretDef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSecretsTest {
  private static final SecretDef KEY = new SecretDef("SigningKey", "SigningKey", Optional.empty(), 64, true, "");

  @TempDir Path dataDir;

  @Test
  void generatesOnceWithOwnerOnlyPermissionsAndReusesOnRestart() throws Exception {
    LocalSecret first = LocalSecrets.load(List.of(KEY), dataDir, Map.of(), "us-east-1").find("SigningKey")
        .orElseThrow();
    assertEquals(64, first.value().length());
    assertTrue(first.value().matches("[A-Za-z0-9]+"));
    Path file = dataDir.resolve("secrets/SigningKey");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));

    LocalSecret again = LocalSecrets.load(List.of(KEY), dataDir, Map.of(), "us-east-1").find("SigningKey")
        .orElseThrow();
    assertEquals(first.value(), again.value());
    assertEquals(first.versionId(), again.versionId());
    try (var files = Files.list(file.getParent())) {
      assertEquals(1, files.count()); // no temporary file left behind
    }
  }

  @Test
  void environmentOverridesTheStoredValue() {
    LocalSecrets secrets = LocalSecrets.load(List.of(KEY), dataDir, Map.of("TASKAPI_SECRET_SIGNINGKEY", "fixed"),
        "us-east-1");
    assertEquals("fixed", secrets.find("SigningKey").orElseThrow().value());
    assertFalse(Files.exists(dataDir.resolve("secrets/SigningKey")));
  }

  @Test
  void findsByArnAndNeverPrintsTheValue() {
    LocalSecret secret = LocalSecrets.load(List.of(KEY), dataDir, Map.of(), "eu-west-1").find("SigningKey")
        .orElseThrow();
    assertTrue(secret.arn().startsWith("arn:aws:secretsmanager:eu-west-1:123456789012:secret:SigningKey-"));
    assertFalse(secret.toString().contains(secret.value()));
    assertTrue(LocalSecrets.load(List.of(KEY), dataDir, Map.of(), "eu-west-1").find(secret.arn()).isPresent());
  }

  @Test
  void punctuationAndExclusionsFollowTheTemplate() {
    SecretDef withPunctuation = new SecretDef("P", "P", Optional.empty(), 200, false, "abc");
    String value = LocalSecrets.load(List.of(withPunctuation), dataDir, Map.of(), "us-east-1").find("P")
        .orElseThrow().value();
    assertEquals(200, value.length());
    assertTrue(value.chars().anyMatch(c -> "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(c) >= 0));
    assertTrue(value.chars().noneMatch(c -> "abc".indexOf(c) >= 0));
    String other = LocalSecrets.load(List.of(new SecretDef("Q", "Q", Optional.empty(), 200, false, "")), dataDir,
        Map.of(), "us-east-1").find("Q").orElseThrow().value();
    assertNotEquals(value, other);
  }
}
