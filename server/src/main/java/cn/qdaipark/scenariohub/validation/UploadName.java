package cn.qdaipark.scenariohub.validation;

import cn.qdaipark.scenariohub.http.ApiException;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The name an uploaded file is kept under and sent back with on download: no path, no control or quoting
 * characters, at most 200 characters, and ending in the extension of what the file is by its content (a PDF sent as
 * "scan.png" is kept as "scan.png.pdf", so it opens as what it is). A name with characters that hide or reorder what
 * it shows ("invoice\u202Efdp.exe") is refused: as a name of {@link Text.Kind#NAME}, it is NFKC-normalised and may
 * hold nothing invisible.
 */
public final class UploadName {
  public static final int MAX_LENGTH = 200;

  private UploadName() {
  }

  /**
   * @param field     the form field a refusal is reported on
   * @param fallback  the name of a file whose declared name leaves nothing
   * @param extension the ending added when the name has none of {@code extension} and {@code alsoAccepted}
   */
  public static String of(String declared, String field, String fallback, String extension, String... alsoAccepted) {
    String name = (declared == null ? "" : declared).codePoints().filter(c -> !Character.isISOControl(c))
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    String problem = Text.problem(name, Text.Kind.NAME);
    if (problem != null) {
      throw ApiException.validation(Map.of(field, "文件名" + problem));
    }
    name = Text.clean(name, Text.Kind.NAME);
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    name = name.codePoints().filter(c -> "\"<>:|?*".indexOf(c) < 0)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
    String lower = name.toLowerCase(Locale.ROOT);
    String ending = Stream.concat(Stream.of(extension), Stream.of(alsoAccepted)).filter(lower::endsWith).findFirst()
        .orElse(null);
    if (ending == null) {
      name = name + extension;
      ending = extension;
    }
    if (name.length() == ending.length()) {
      return fallback;
    }
    if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
      String kept = name.substring(name.length() - ending.length());
      String base = name.substring(0, name.length() - ending.length());
      name = base.substring(0, base.offsetByCodePoints(0, MAX_LENGTH - ending.length())) + kept;
    }
    return name;
  }
}
