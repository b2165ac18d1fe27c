package dev.taskapi.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ReceiverPolicyTest {
  /** Names resolve to fixed answers; IP literals parse without any lookup, as the system resolver does. */
  private static InetAddress[] resolve(String host) throws UnknownHostException {
    return switch (host) {
      case "hooks.example.com" -> new InetAddress[] {InetAddress.getByName("93.184.216.34")};
      case "mixed.example.com" ->
          new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.7")};
      case "internal.example.com" -> new InetAddress[] {InetAddress.getByName("192.168.1.10")};
      case "localhost" -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};
      default -> {
        if (host.chars().anyMatch(Character::isLetter) && !host.contains(":")) {
          throw new UnknownHostException(host);
        }
        yield new InetAddress[] {InetAddress.getByName(host)};
      }
    };
  }

  private final ReceiverPolicy aws = new ReceiverPolicy(ReceiverPolicyTest::resolve, false);
  private final ReceiverPolicy local = new ReceiverPolicy(ReceiverPolicyTest::resolve, true);

  @Test
  void aPublicHttpsUrlIsPinnedToTheAddressItResolvedTo() throws Exception {
    PinnedReceiver receiver = aws.check("https://hooks.example.com/in/task?x=1");

    assertEquals(InetAddress.getByName("93.184.216.34"), receiver.address());
    assertEquals("hooks.example.com", receiver.host());
    assertEquals(443, receiver.port());
    assertEquals("/in/task?x=1", receiver.target());
    assertEquals("hooks.example.com", receiver.hostHeader());
    assertEquals("hooks.example.com:8443", aws.check("https://hooks.example.com:8443").hostHeader());
    assertEquals("/", aws.check("https://hooks.example.com").target());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // loopback, in every spelling Java's parser or a resolver might take
      "https://127.0.0.1/", "https://127.8.9.10/", "https://localhost/", "https://[::1]/",
      "https://2130706433/", "https://0177.0.0.1/", "https://0x7f.0.0.1/", "https://0x7f000001/", "https://127.1/",
      "https://017700000001/",
      // unspecified
      "https://0.0.0.0/", "https://0/", "https://[::]/",
      // private and carrier-grade NAT
      "https://10.1.2.3/", "https://172.16.0.1/", "https://172.31.255.254/", "https://192.168.0.1/",
      "https://100.64.0.1/", "https://100.127.255.254/", "https://internal.example.com/",
      // link-local, with the instance metadata service
      "https://169.254.169.254/latest/meta-data/", "https://169.254.0.1/", "https://[fe80::1]/",
      "https://[fe80::1%25eth0]/",
      // IPv6 unique-local, multicast, site-local
      "https://[fc00::1]/", "https://[fd12:3456::1]/", "https://[ff02::1]/", "https://[fec0::1]/",
      // IPv4-mapped and -compatible IPv6 forms of refused addresses, NAT64, 6to4 of a private one
      "https://[::ffff:127.0.0.1]/", "https://[::ffff:7f00:1]/", "https://[::ffff:169.254.169.254]/",
      "https://[::ffff:10.0.0.1]/", "https://[::127.0.0.1]/", "https://[64:ff9b::a9fe:a9fe]/",
      "https://[2002:c0a8:0101::1]/",
      // multicast, reserved, broadcast, documentation
      "https://224.0.0.1/", "https://240.0.0.1/", "https://255.255.255.255/", "https://192.0.2.1/",
      "https://[2001:db8::1]/",
      // one private answer among public ones
      "https://mixed.example.com/"})
  void everyNonPublicAddressFormIsRefusedOnAws(String url) {
    assertThrows(ReceiverRefusedException.class, () -> aws.check(url), url);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "http://hooks.example.com/", "ftp://hooks.example.com/", "https://user:pw@hooks.example.com/",
      "https://hooks.example.com/#frag", "/relative/path", "https:opaque", "https://", "not a url",
      "https://no-such-host.example/", "http://127.0.0.1:8080/"})
  void anythingButAPlainHttpsUrlIsRefusedOnAws(String url) {
    assertThrows(ReceiverRefusedException.class, () -> aws.check(url), url);
  }

  @Test
  void aUrlLongerThanTheLimitIsRefused() {
    String url = "https://hooks.example.com/" + "a".repeat(ReceiverPolicy.MAX_URL_LENGTH);
    assertEquals("must be at most 2048 characters",
        assertThrows(ReceiverRefusedException.class, () -> aws.check(url)).reason());
  }

  @Test
  void locallyLoopbackReceiversAreAllowedOverHttpButNothingElsePrivate() throws Exception {
    assertEquals(InetAddress.getByName("127.0.0.1"), local.check("http://127.0.0.1:8123/hook").address());
    assertEquals(InetAddress.getByName("127.0.0.1"), local.check("http://localhost:8123/hook").address());
    assertEquals(InetAddress.getByName("::1"), local.check("http://[::1]:8123/hook").address());
    assertEquals(8123, local.check("http://[::1]:8123/hook").port());
    for (String url : new String[] {"http://10.0.0.1/", "https://169.254.169.254/", "http://hooks.example.com/",
        "http://2130706433/", "http://0x7f.0.0.1/", "https://[fe80::1]/"}) {
      assertThrows(ReceiverRefusedException.class, () -> local.check(url), url);
    }
  }

  @Test
  void aNameWhoseAnswerTurnsPrivateAfterRegistrationIsRefusedAtDelivery() throws Exception {
    Deque<String> answers = new ArrayDeque<>();
    answers.add("93.184.216.34");
    answers.add("169.254.169.254");
    ReceiverPolicy rebinding =
        new ReceiverPolicy(host -> new InetAddress[] {InetAddress.getByName(answers.remove())}, false);

    rebinding.check("https://rebind.example.com/"); // registration: public
    ReceiverRefusedException refused =
        assertThrows(ReceiverRefusedException.class, () -> rebinding.check("https://rebind.example.com/"));

    assertEquals("must resolve to public addresses only", refused.reason());
  }

  @Test
  void theEnvironmentChoosesTheLocalModeOnlyByItsExactValue() {
    assertEquals(PublicAddresses.isLoopback(InetAddress.getLoopbackAddress()), true);
    assertThrows(ReceiverRefusedException.class, () -> ReceiverPolicy.fromEnvironment(
        new dev.taskapi.config.Environment(java.util.Map.of("WEBHOOK_RECEIVERS", "PublicHttps")))
        .check("http://127.0.0.1:1/"));
    ReceiverPolicy.fromEnvironment(new dev.taskapi.config.Environment(
        java.util.Map.of("WEBHOOK_RECEIVERS", "PublicHttpsAndLoopback"))).check("http://127.0.0.1:1/");
  }
}
