package dev.taskapi.local.ses;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A Simple SendEmail message as the RFC 5322 message SES would assemble from it: the header fields, then a
 * MIME (RFC 2045/2046) {@code multipart/alternative} body with the text part first and the HTML part last (the
 * preferred one last, RFC 2046 section 5.1.4). Lines end in CRLF; a part with a line longer than RFC 5322's 998
 * octets, or a subject that is not ASCII (RFC 2047), is encoded in base64.
 */
final class EmlFile {
  private static final int MAX_LINE_OCTETS = 998;
  private static final String CRLF = "\r\n";

  private EmlFile() {}

  record Part(String mediaType, String content) {}

  static String render(String messageId, String from, List<String> to, String subject, List<Part> parts,
      Instant date) {
    StringBuilder eml = new StringBuilder();
    header(eml, "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(date.atOffset(ZoneOffset.UTC)));
    header(eml, "From", from);
    header(eml, "To", String.join(", ", to));
    header(eml, "Subject", encodedWord(subject));
    header(eml, "Message-ID", "<" + messageId + "@email.amazonses.com>");
    header(eml, "MIME-Version", "1.0");
    String boundary = "=_" + UUID.randomUUID();
    header(eml, "Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
    eml.append(CRLF);
    for (Part part : parts) {
      eml.append("--").append(boundary).append(CRLF);
      String content = crlf(part.content());
      boolean plain = content.lines().allMatch(line -> line.getBytes(StandardCharsets.UTF_8).length <= MAX_LINE_OCTETS);
      header(eml, "Content-Type", part.mediaType() + "; charset=UTF-8");
      header(eml, "Content-Transfer-Encoding", plain ? "8bit" : "base64");
      eml.append(CRLF);
      eml.append(plain ? content : Base64.getMimeEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)));
      eml.append(CRLF);
    }
    eml.append("--").append(boundary).append("--").append(CRLF);
    return eml.toString();
  }


  private static void header(StringBuilder eml, String name, String value) {
    eml.append(name).append(": ").append(value.replaceAll("[\r\n]+", " ")).append(CRLF);
  }

  private static String encodedWord(String text) {
    boolean ascii = text.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    return ascii ? text
        : "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
  }

  private static String crlf(String text) {
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", CRLF);
  }
}
