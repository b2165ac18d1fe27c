package dev.taskapi.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The size DynamoDB bills an item at, by its documented rules (DynamoDB Developer Guide, "Item sizes and formats",
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html): each attribute's
 * name in UTF-8 bytes plus its value: a string its UTF-8 bytes, a number about one byte per two significant digits
 * plus one, binary its bytes, a boolean or null one byte, a list or map 3 bytes plus one byte per element plus the
 * elements (a map's keys counted as names). And a read's units ("Read/write capacity mode", "Read request units"):
 * a Query sums the sizes of every item it reads and rounds the total up to 4 KB; one unit per 4 KB strongly
 * consistent, half a unit eventually consistent. dynalite reports no ConsumedCapacity for every call, so the
 * harness counts from the items themselves.
 */
final class ItemSize {
  static final int READ_UNIT_BYTES = 4096;

  private ItemSize() {}

  static long of(Map<String, AttributeValue> item) {
    long size = 0;
    for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
      size += utf8(attribute.getKey()) + value(attribute.getValue());
    }
    return size;
  }

  /** The read units of a Query that read items of {@code bytes} in all. */
  static double readUnits(long bytes, boolean consistent) {
    long units = Math.max(1, (bytes + READ_UNIT_BYTES - 1) / READ_UNIT_BYTES);
    return consistent ? units : units / 2.0;
  }

  private static long value(AttributeValue value) {
    return switch (value.type()) {
      case S -> utf8(value.s());
      case N -> (significantDigits(value.n()) + 1) / 2 + 1;
      case B -> value.b().asByteArray().length;
      case BOOL, NUL -> 1;
      case L -> 3 + elements(value.l());
      case M -> 3 + value.m().size() + of(value.m());
      case SS -> value.ss().stream().mapToLong(ItemSize::utf8).sum();
      default -> throw new IllegalArgumentException("not sized here: " + value.type());
    };
  }

  private static long elements(List<AttributeValue> list) {
    long size = list.size();
    for (AttributeValue element : list) {
      size += value(element);
    }
    return size;
  }

  private static int significantDigits(String number) {
    String digits = number.replaceAll("[^0-9]", "").replaceAll("^0+", "").replaceAll("0+$", "");
    return Math.max(1, digits.length());
  }

  private static long utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
