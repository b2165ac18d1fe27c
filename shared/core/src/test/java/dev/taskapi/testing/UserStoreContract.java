package dev.taskapi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskapi.domain.ConflictException;
import dev.taskapi.domain.User;
import dev.taskapi.store.UserStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UserStore} does, the in-memory fake and the DynamoDB store alike: one account per email in any
 * letter case or Unicode spelling, a retried registration that landed is no conflict, password changes that only
 * the exact account as read can make, and closing and deleting only under the account's own id. Each test works on
 * addresses of its own, so implementations may share one table between tests.
 */
public abstract class UserStoreContract {
  /** The detail of the 409 for an email that is already registered (openapi.yaml's example). */
  public static final String TAKEN = "An account with this email already exists.";

  private final UserStore users;

  /** The store under test, the same for the whole of one test. */
  protected UserStoreContract(UserStore users) {
    this.users = users;
  }

  @Test
  void aUserIsFoundByEmailInAnyLetterCaseOrCompatibleSpelling() {
    String local = "Ada.Lovelace-" + UUID.randomUUID();
    User ada = user(local + "@Example.com");
    users.create(ada);

    assertEquals(Optional.of(ada), users.findByEmail(local.toLowerCase() + "@example.com"));
    assertEquals(Optional.of(ada), users.findByEmail(local.toUpperCase() + "@EXAMPLE.COM"));
    assertEquals(Optional.of(ada), users.findByEmail(" " + local + "@Ｅｘａｍｐｌｅ.com "), "NFKC, stripped");
    assertEquals(Optional.empty(), users.findByEmail("someone-" + UUID.randomUUID() + "@example.com"));
  }

  @Test
  void aSecondAccountForTheSameEmailIsAConflictAndTheFirstIsKept() {
    String email = "twin-" + UUID.randomUUID() + "@example.com";
    User first = user(email);
    users.create(first);

    ConflictException taken = assertThrows(ConflictException.class, () -> users.create(user(email.toUpperCase())));

    assertEquals(TAKEN, taken.getMessage());
    assertEquals(Optional.of(first), users.findByEmail(email));
  }

  @Test
  void aRegistrationThatAlreadyLandedIsNotAConflictWithItself() {
    User ada = user("landed-" + UUID.randomUUID() + "@example.com");
    users.create(ada);

    users.create(ada); // what the SDK's retry of a put whose answer was lost does

    assertEquals(Optional.of(ada), users.findByEmail(ada.email()));
  }

  @Test
  void aPasswordChangeBumpsTheTokenVersionAndOfTwoFromOneReadOnlyTheFirstWins() {
    User ada = user("change-" + UUID.randomUUID() + "@example.com");
    users.create(ada);

    User changed = users.changePassword(ada, "$argon2id$new").orElseThrow();

    assertEquals(new User(ada.id(), ada.username(), ada.email(), "$argon2id$new", ada.createdAt(), 1), changed);
    assertEquals(Optional.of(changed), users.findByEmail(ada.email()));
    assertEquals(Optional.empty(), users.changePassword(ada, "$argon2id$lost"), "read before the first change");
    assertEquals(Optional.of(changed), users.findByEmail(ada.email()), "the refused change wrote nothing");
    assertEquals(2, users.changePassword(changed, "$argon2id$newer").orElseThrow().tokenVersion());
  }

  @Test
  void aPasswordChangeOfAnAccountThatIsNotTheOneStoredChangesNothing() {
    User ada = user("other-" + UUID.randomUUID() + "@example.com");
    users.create(ada);
    User impostor = new User("someone-else", ada.username(), ada.email(), ada.passwordHash(), ada.createdAt());

    assertEquals(Optional.empty(), users.changePassword(impostor, "$argon2id$x"));
    assertEquals(Optional.empty(), users.changePassword(user("unregistered-" + UUID.randomUUID() + "@e.com"), "x"));
    assertEquals(Optional.of(ada), users.findByEmail(ada.email()));
  }

  @Test
  void anAccountIsClosedAndDeletedOnlyUnderItsOwnId() {
    User ada = user("delete-me-" + UUID.randomUUID() + "@example.com");
    users.create(ada);
    User impostor = new User("someone-else", ada.username(), ada.email(), ada.passwordHash(), ada.createdAt());

    assertFalse(users.close(impostor));
    assertFalse(users.delete(impostor));
    assertTrue(users.close(ada));
    assertEquals(Optional.of(ada), users.findByEmail(ada.email()), "closing keeps the account until its deletion");
    assertTrue(users.delete(ada));
    assertEquals(Optional.empty(), users.findByEmail(ada.email()));
    assertFalse(users.delete(ada));
    assertFalse(users.close(ada));
  }

  @Test
  void aDeletedAccountsEmailCanBeRegisteredAgain() {
    User first = user("again-" + UUID.randomUUID() + "@example.com");
    users.create(first);
    users.close(first);
    users.delete(first);

    User second = user(first.email());
    users.create(second);

    assertEquals(Optional.of(second), users.findByEmail(first.email()));
  }

  private static User user(String email) {
    return new User(UUID.randomUUID().toString(), "name", email, "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA",
        Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }
}
