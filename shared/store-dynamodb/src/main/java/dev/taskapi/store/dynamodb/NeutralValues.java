package dev.taskapi.store.dynamodb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one converter between the neutral values task fields are stored as ({@link dev.taskapi.domain.TaskField}:
 * String, Boolean, Long, and List or Map of those) and DynamoDB's AttributeValues (S, BOOL, N, L, M), so this
 * module maps every field without knowing it.
 */
final class NeutralValues implements AttributeConverter<Object> {
  static final NeutralValues CONVERTER = new NeutralValues();
  private static final EnhancedType<Object> TYPE = EnhancedType.of(Object.class);

  private NeutralValues() {}

  /**
   * An instanceof chain, not a pattern switch: a type switch is bootstrapped at its first run (SwitchBootstraps
   * spins a class), which every create would pay at cold start.
   */
  @Override
  public AttributeValue transformFrom(Object value) {
    if (value instanceof String text) {
      return AttributeValue.fromS(text);
    }
    if (value instanceof Boolean flag) {
      return AttributeValue.fromBool(flag);
    }
    if (value instanceof Long number) {
      return AttributeValue.fromN(Long.toString(number));
    }
    if (value instanceof List<?> list) {
      List<AttributeValue> items = new ArrayList<>(list.size());
      for (Object item : list) {
        items.add(transformFrom(item));
      }
      return AttributeValue.fromL(items);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, AttributeValue> members = new LinkedHashMap<>();
      for (Map.Entry<?, ?> member : map.entrySet()) {
        members.put((String) member.getKey(), transformFrom(member.getValue()));
      }
      return AttributeValue.fromM(members);
    }
    throw new IllegalArgumentException("not a neutral value: " + value.getClass());
  }

  @Override
  public Object transformTo(AttributeValue value) {
    return switch (value.type()) {
      case S -> value.s();
      case BOOL -> value.bool();
      case N -> Long.parseLong(value.n());
      case L -> {
        List<Object> items = new ArrayList<>(value.l().size());
        for (AttributeValue item : value.l()) {
          items.add(transformTo(item));
        }
        yield items;
      }
      case M -> {
        Map<String, Object> members = new LinkedHashMap<>();
        for (Map.Entry<String, AttributeValue> member : value.m().entrySet()) {
          members.put(member.getKey(), transformTo(member.getValue()));
        }
        yield members;
      }
      case NUL -> null;
      default -> throw new IllegalArgumentException("no task field is stored as " + value.type());
    };
  }

  @Override
  public EnhancedType<Object> type() {
    return TYPE;
  }

  @Override
  public AttributeValueType attributeValueType() {
    return AttributeValueType.M; // unused: the enhanced client asks only for keys' types, and no field is a key
  }
}
