package dev.taskapi.local.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskapi.local.iam.SignedJsonRequests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The DynamoDB Streams API calls an event source mapping makes (Streams API Reference: DescribeStream,
 * GetShardIterator, GetRecords), signed with one function's credentials and sent to the local IAM endpoint, which
 * authorizes them against that function's role as Lambda's calls are authorized against the execution role. The
 * records stay JSON as the API sends them: the function's event carries them as they are, images in DynamoDB JSON.
 */
public final class DynamoDbStreamsClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TARGET_PREFIX = "DynamoDBStreams_20120810.";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI endpoint;
  private final AwsCredentialsIdentity credentials;
  private final String region;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  public DynamoDbStreamsClient(URI endpoint, AwsCredentialsIdentity credentials, String region) {
    this.endpoint = endpoint;
    this.credentials = credentials;
    this.region = region;
  }

  /** A page of GetRecords: the records and the next iterator (null once a closed shard is read to its end). */
  public record Page(List<ObjectNode> records, String nextIterator) {}

  /** The stream's shard (the local stream has one; see docs/local-fidelity.md). */
  public String shardId(String streamArn) {
    JsonNode shards = call("DescribeStream", JSON.createObjectNode().put("StreamArn", streamArn))
        .path("StreamDescription").path("Shards");
    return shards.path(shards.size() - 1).path("ShardId").asText();
  }

  /** GetShardIterator of {@code type}; {@code sequenceNumber} for AT_ and AFTER_SEQUENCE_NUMBER only. */
  public String shardIterator(String streamArn, String shardId, String type, String sequenceNumber) {
    ObjectNode request = JSON.createObjectNode().put("StreamArn", streamArn).put("ShardId", shardId)
        .put("ShardIteratorType", type);
    if (sequenceNumber != null) {
      request.put("SequenceNumber", sequenceNumber);
    }
    return call("GetShardIterator", request).path("ShardIterator").asText();
  }

  public Page records(String iterator, int limit) {
    JsonNode answer = call("GetRecords", JSON.createObjectNode().put("ShardIterator", iterator).put("Limit", limit));
    List<ObjectNode> records = new ArrayList<>();
    answer.path("Records").forEach(record -> records.add((ObjectNode) record));
    JsonNode next = answer.path("NextShardIterator");
    return new Page(records, next.isTextual() ? next.asText() : null);
  }

  private JsonNode call(String action, ObjectNode request) {
    try {
      HttpResponse<byte[]> response = http.send(SignedJsonRequests.post(endpoint, TARGET_PREFIX + action,
          JSON.writeValueAsBytes(request), credentials, "dynamodb", region, TIMEOUT),
          HttpResponse.BodyHandlers.ofByteArray());
      JsonNode body = JSON.readTree(response.body());
      if (response.statusCode() != 200) {
        String type = body.path("__type").asText();
        String message = body.has("message") ? body.path("message").asText() : body.path("Message").asText();
        throw new StreamsException(type.substring(type.indexOf('#') + 1), action + ": " + message);
      }
      return body;
    } catch (IOException e) {
      throw new StreamsException("NetworkError", action + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StreamsException("Interrupted", action + " interrupted");
    }
  }

  @Override
  public void close() {
    http.close();
  }

  /** An error answer of the Streams API (its short error code, e.g. ExpiredIteratorException), or no answer. */
  public static final class StreamsException extends RuntimeException {
    private final String code;

    StreamsException(String code, String message) {
      super(code + ": " + message);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }
}
