package dev.taskapi.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The local stack's mailbox: the .eml files its SES endpoint wrote, read as a person would read them. */
public final class Mailbox {
  private static final Pattern RESET_LINK = Pattern.compile("#token=([A-Za-z0-9_.-]+)");

  private final Path dir;

  public Mailbox(Path dir) {
    this.dir = dir;
  }

  /** Every message whose To header names {@code address}, oldest first. */
  public List<String> messagesTo(String address) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".eml")).sorted().map(Mailbox::read)
          .filter(eml -> eml.lines().anyMatch(line -> line.equals("To: " + address)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The token of the reset link in the newest message to {@code address} that has one (notices have none). */
  public String resetToken(String address) {
    List<String> messages = messagesTo(address);
    if (messages.isEmpty()) {
      throw new AssertionError("no mail to " + address + " in " + dir);
    }
    for (String message : messages.reversed()) {
      Matcher link = RESET_LINK.matcher(message);
      if (link.find()) {
        return link.group(1);
      }
    }
    throw new AssertionError("no reset link in the mail to " + address);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
