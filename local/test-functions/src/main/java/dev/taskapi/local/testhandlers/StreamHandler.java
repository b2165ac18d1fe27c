package dev.taskapi.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stream handler that writes its JSON response itself: the size of the event it read; with
 * {@code ?responseBytes=N}, a proxy response of exactly N bytes (to probe Lambda's response payload limit); with
 * {@code ?raw=text}, that text as it is (to send API Gateway malformed proxy responses).
 */
public final class StreamHandler implements RequestStreamHandler {
  private static final String PREFIX = "{\"statusCode\":200,\"body\":\"";
  private static final String SUFFIX = "\"}";
  private static final Pattern RESPONSE_BYTES = Pattern.compile("\"responseBytes\":\"(\\d+)\"");
  private static final Pattern RAW = Pattern.compile("\"queryStringParameters\":\\{\"raw\":\"([^\"]*)\"");

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    byte[] event = input.readAllBytes();
    String text = new String(event, StandardCharsets.UTF_8);
    Matcher raw = RAW.matcher(text);
    if (raw.find()) {
      output.write(raw.group(1).getBytes(StandardCharsets.UTF_8));
      return;
    }
    Matcher wanted = RESPONSE_BYTES.matcher(text);
    int total = wanted.find() ? Integer.parseInt(wanted.group(1)) : -1;
    String body = total < 0 ? "eventBytes=" + event.length
        : "a".repeat(total - PREFIX.length() - SUFFIX.length());
    output.write((PREFIX + body + SUFFIX).getBytes(StandardCharsets.UTF_8));
  }
}
