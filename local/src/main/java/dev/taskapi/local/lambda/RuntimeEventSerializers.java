package dev.taskapi.local.lambda;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.util.Optional;

/**
 * How the Lambda Java runtime reads an event into a type of aws-lambda-java-events: with the serializer of
 * aws-lambda-java-serialization, whose mix-ins map Lambda's JSON onto those classes (SQSEvent's {@code Records},
 * a message's {@code eventSourceARN}, DynamodbEvent's records...), which a plain Jackson mapper would leave null.
 * aws-lambda-java-runtime-interface-client 2.10.1 {@code EventHandlerLoader} picks it for every input class that
 * {@code LambdaEventSerializers.isLambdaSupportedEvent} names, and its own Jackson for any other.
 */
final class RuntimeEventSerializers {
  private RuntimeEventSerializers() {}

  /** The runtime's serializer for {@code type}, loaded with the function's loader; empty for other types. */
  static Optional<PojoSerializer<?>> forType(Class<?> type) {
    if (!LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
      return Optional.empty();
    }
    return Optional.of(LambdaEventSerializers.serializerFor(type, type.getClassLoader()));
  }

  static Object read(PojoSerializer<?> serializer, byte[] event) {
    return serializer.fromJson(new ByteArrayInputStream(event));
  }
}
