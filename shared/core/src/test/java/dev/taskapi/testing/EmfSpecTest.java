package dev.taskapi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The EMF checker accepts the specification's own example and refuses each rule broken on its own. */
class EmfSpecTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The example document of "Specification: Embedded metric format" (CloudWatch User Guide). */
  private static final String VALID =
      """
      {"_aws":{"Timestamp":1574109732004,"CloudWatchMetrics":[{"Namespace":"lambda-function-metrics",
      "Dimensions":[["functionVersion"]],"Metrics":[{"Name":"time","Unit":"Milliseconds","StorageResolution":60}]}]},
      "functionVersion":"$LATEST","time":100,"requestId":"989ffbf8-9ace-4817-a57c-e4dd734019ee"}""";

  @Test
  void theSpecificationsExampleIsValid() throws Exception {
    assertEquals(List.of(), EmfSpec.violations(JSON.readTree(VALID)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"functionVersion\":\"$LATEST\",\"time\":100}", // no _aws
        "{\"_aws\":{\"CloudWatchMetrics\":[]},\"time\":1}", // no Timestamp
        "{\"_aws\":{\"Timestamp\":\"now\",\"CloudWatchMetrics\":[]}}", // Timestamp not a number
        "{\"_aws\":{\"Timestamp\":1574109732004}}", // no directives
        "{\"_aws\":{\"Timestamp\":1574109732004,\"CloudWatchMetrics\":[{\"Dimensions\":[],\"Metrics\":[]}]}}",
        "{\"_aws\":{\"Timestamp\":1574109732004,\"CloudWatchMetrics\":[{\"Namespace\":\"n\",\"Metrics\":[]}]}}",
        "{\"_aws\":{\"Timestamp\":1574109732004,\"CloudWatchMetrics\":[{\"Namespace\":\"n\",\"Dimensions\":[]}]}}",
        // a dimension with no member, and one whose member is a number
        "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\",\"Dimensions\":[[\"Op\"]],\"Metrics\":[]}]}}",
        "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\",\"Dimensions\":[[\"Op\"]],\"Metrics\":[]}]},\"Op\":3}",
        // a metric with no value, a string value, a unit CloudWatch does not have
        "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\",\"Dimensions\":[],\"Metrics\":[{\"Name\":\"m\"}]}]}}",
        "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\",\"Dimensions\":[],\"Metrics\":[{\"Name\":\"m\"}]}]},\"m\":\"1\"}",
        "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\",\"Dimensions\":[],\"Metrics\":[{\"Name\":\"m\",\"Unit\":\"ms\"}]}]},\"m\":1}",
      })
  void eachBrokenRuleIsReported(String document) throws Exception {
    assertTrue(!EmfSpec.violations(JSON.readTree(document)).isEmpty(), document);
  }
}
