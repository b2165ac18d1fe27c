package dev.taskapi.domain;

/** Rules about text shared by every field that holds some. */
public final class Text {
  private Text() {}

  /** Length in Unicode code points, which is what people mean by "characters" (an emoji is one). */
  public static int length(String value) {
    return value.codePointCount(0, value.length());
  }

  /**
   * Whether {@code value} holds half a character. A JSON escape (backslash, u, D800) can spell one; encoded to
   * UTF-8 (DynamoDB, Argon2) it becomes '?', so what is stored would differ from what was acknowledged.
   */
  public static boolean hasUnpairedSurrogate(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++; // a pair: one supplementary character
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  public static boolean hasControlCharacters(String value) {
    return value.codePoints().anyMatch(Character::isISOControl);
  }
}
