package cn.qdaipark.scenariohub.page;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Known shapes of a Chinese sentence the platform writes (and stores, or answers through the API, in Chinese),
 * each re-worded from a bundle key for the English pages. A shape's groups carry over what users wrote (titles,
 * names, reasons) as they are, and the fixed vocabulary (a domain, a track, a region) through {@link Terms}.
 */
final class Rewording {
  private record Rule(Pattern pattern, String key, Set<Integer> termGroups) {
  }

  private final List<Rule> rules = new ArrayList<>();

  /** A sentence matching {@code regex} as a whole reads as the bundle's {@code key}; the listed groups are terms. */
  Rewording rule(String regex, String key, Integer... termGroups) {
    rules.add(new Rule(Pattern.compile(regex, Pattern.DOTALL), key, Set.of(termGroups)));
    return this;
  }

  /** The sentence in English, or null when no shape fits it. */
  String english(String text, Messages m) {
    for (Rule rule : rules) {
      Matcher match = rule.pattern().matcher(text);
      if (match.matches()) {
        Object[] args = new Object[match.groupCount()];
        for (int i = 1; i <= match.groupCount(); i++) {
          String group = match.group(i) == null ? "" : match.group(i);
          args[i - 1] = rule.termGroups().contains(i) ? Terms.name(m, group) : group;
        }
        return m.format(rule.key(), args);
      }
    }
    return null;
  }

  /** The sentence in the page's language: Chinese pages, and sentences of no known shape, keep the original. */
  String translate(String text, Messages m) {
    if (text == null || !m.english()) {
      return text;
    }
    String english = english(text, m);
    return english == null ? text : english;
  }
}
