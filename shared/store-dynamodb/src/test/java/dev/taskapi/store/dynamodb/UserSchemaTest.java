package dev.taskapi.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;

class UserSchemaTest {
  @Test
  void writtenOutKeyMapIsTheSchemasOwn() {
    String email = "ada@example.com";
    assertEquals(
        UserSchema.key(email).keyMap(UserSchema.SCHEMA, TableMetadata.primaryIndexName()),
        UserSchema.keyMap(email));
  }
}
