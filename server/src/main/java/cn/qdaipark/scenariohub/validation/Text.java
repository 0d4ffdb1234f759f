package cn.qdaipark.scenariohub.validation;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * The one rule for text a person or client sends, whatever the field: the API's validators, the page forms
 * (through the same validators) and the body check of {@code Params.body} all ask it.
 *
 * <p>Every text refuses what PostgreSQL cannot store or a reader cannot see: NUL and the other control characters
 * (a tab, and a line break in multi-line text, excepted), halves of surrogate pairs, and the bidi overrides and
 * isolates that show text in another order than it is stored. A single line also refuses line breaks. A title or a
 * name refuses every invisible formatting character (zero-width space and joiners, byte order mark, soft hyphen…), and a
 * name (of an organization, a person, a file) is NFKC-normalised with its spaces collapsed, so that two names that
 * look the same are stored the same.
 */
public final class Text {
  /** How a field is typed. */
  public enum Kind {
    /** Free text over several lines: descriptions, approaches, comments. */
    MULTI_LINE(false, false, false),
    /** One line: a region, a tag, a requirement, a query. */
    LINE(true, false, false),
    /** The title of a record, shown as the record's name: one line with nothing invisible in it. */
    TITLE(true, true, false),
    /** A name that identifies an organization, a person or a file: a title, NFKC-normalised with single spaces. */
    NAME(true, true, true);

    private final boolean oneLine;
    private final boolean allVisible;
    private final boolean normalised;

    Kind(boolean oneLine, boolean allVisible, boolean normalised) {
      this.oneLine = oneLine;
      this.allVisible = allVisible;
      this.normalised = normalised;
    }
  }

  private static final Pattern SPACES = Pattern.compile("\\s+");

  private Text() {
  }

  /**
   * What is wrong with the value as a text of this kind, or null when nothing is. Only spaces is not wrong (it is
   * empty, as an untouched form field); only invisible characters is.
   */
  public static String problem(String value, Kind kind) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1)))
          || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)))) {
        return "含有无效的字符（不成对的代理项）";
      }
    }
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      i += Character.charCount(cp);
      if (isLineBreak(cp)) {
        if (kind.oneLine) {
          return "不能换行";
        }
      } else if (Character.getType(cp) == Character.CONTROL && cp != '\t') {
        return "含有不可见的控制字符";
      } else if (isBidiControl(cp)) {
        return "含有改变文字显示方向的控制字符";
      } else if (kind.allVisible && (Character.getType(cp) == Character.FORMAT || isFiller(cp))) {
        return "含有不可见的字符（如零宽空格）";
      } else if (isNonCharacter(cp)) {
        return "含有无效的字符";
      }
    }
    return blank(value) || visible(value) ? null : "不能只有不可见的字符";
  }

  /** The value as stored: without invisible characters at either end and, for a name, NFKC with single spaces. */
  public static String clean(String value, Kind kind) {
    if (!kind.normalised) {
      return trim(value);
    }
    return SPACES.matcher(Normalizer.normalize(value, Normalizer.Form.NFKC)).replaceAll(" ").strip();
  }

  /**
   * Whether the value holds at least one character that shows: not only spaces and invisible formatting, nor only
   * combining marks with nothing to sit on or replacement characters (U+FFFD, what undecodable bytes became), which
   * the search's tokenizer drops as well, leaving it nothing to embed.
   */
  public static boolean visible(String value) {
    return value.codePoints().anyMatch(cp -> !isInvisible(cp) && cp != 0xFFFD
        && Character.getType(cp) != Character.NON_SPACING_MARK);
  }

  /** The value cut to at most {@code max} characters (code points), ending in "…" when it was longer. */
  public static String clip(String value, int max) {
    return value.codePointCount(0, value.length()) > max
        ? value.substring(0, value.offsetByCodePoints(0, max - 1)) + "…" : value;
  }

  /**
   * Whether the value is empty or only white space, as an untouched form field is; no-break spaces and invisible
   * formatting are not white space, they are invisible.
   */
  public static boolean blank(String value) {
    return value.codePoints().allMatch(Character::isWhitespace);
  }

  private static String trim(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && isInvisible(value.codePointAt(start))) {
      start += Character.charCount(value.codePointAt(start));
    }
    while (end > start && isInvisible(value.codePointBefore(end))) {
      end -= Character.charCount(value.codePointBefore(end));
    }
    return value.substring(start, end);
  }

  private static boolean isInvisible(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.getType(cp) == Character.FORMAT
        || isFiller(cp);
  }

  private static boolean isLineBreak(int cp) {
    return cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029;
  }

  /** LRE, RLE, PDF, LRO, RLO and the isolates LRI, RLI, FSI, PDI. */
  private static boolean isBidiControl(int cp) {
    return cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069;
  }

  /** Letters that draw nothing: the Hangul fillers and the blank Braille pattern. */
  private static boolean isFiller(int cp) {
    return cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x2800;
  }

  private static boolean isNonCharacter(int cp) {
    return cp >= 0xFDD0 && cp <= 0xFDEF || (cp & 0xFFFE) == 0xFFFE;
  }
}
