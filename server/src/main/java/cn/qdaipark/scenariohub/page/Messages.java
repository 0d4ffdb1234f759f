package cn.qdaipark.scenariohub.page;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/** The UI strings of one language, read once from the UTF-8 bundles under web/i18n. */
final class Messages {
  static final Messages ZH = load(Locale.CHINESE, "zh-CN");
  static final Messages EN = load(Locale.ENGLISH, "en");

  private final String lang;
  private final Map<String, String> strings;

  private Messages(String lang, Map<String, String> strings) {
    this.lang = lang;
    this.strings = strings;
  }

  private static Messages load(Locale locale, String lang) {
    ResourceBundle bundle = ResourceBundle.getBundle("web.i18n.messages", locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    Map<String, String> strings = new HashMap<>();
    bundle.keySet().forEach(key -> strings.put(key, bundle.getString(key)));
    return new Messages(lang, Collections.unmodifiableMap(strings));
  }

  static Messages of(String lang) {
    return "en".equals(lang) ? EN : ZH;
  }

  String lang() {
    return lang;
  }

  boolean english() {
    return this == EN;
  }

  Map<String, String> all() {
    return strings;
  }

  String get(String key) {
    return strings.getOrDefault(key, key);
  }

  String format(String key, Object... args) {
    return new MessageFormat(get(key), english() ? Locale.ENGLISH : Locale.CHINESE).format(args);
  }
}
