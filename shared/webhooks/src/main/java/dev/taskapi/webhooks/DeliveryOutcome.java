package dev.taskapi.webhooks;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one delivery attempt came to: delivered (the receiver answered 2xx), or not, with the receiver's status
 * when it answered and the reason in words. A receiver's failure is its own, never an error of the API's.
 */
public record DeliveryOutcome(boolean delivered, OptionalInt status, Optional<String> error) {
  static DeliveryOutcome answered(int status) {
    if (status >= 200 && status <= 299) {
      return new DeliveryOutcome(true, OptionalInt.of(status), Optional.empty());
    }
    String reason = status >= 300 && status <= 399
        ? "the receiver answered " + status + "; redirects are not followed"
        : "the receiver answered " + status;
    return new DeliveryOutcome(false, OptionalInt.of(status), Optional.of(reason));
  }

  static DeliveryOutcome failed(String reason) {
    return new DeliveryOutcome(false, OptionalInt.empty(), Optional.of(reason));
  }
}
