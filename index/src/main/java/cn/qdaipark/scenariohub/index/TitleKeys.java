package cn.qdaipark.scenariohub.index;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The key of a title for exact lookups: NFKC (full-width letters and digits become ASCII), lower case, letters and
 * digits only. A query typed as "家电端侧AI计算模组 (国产NPU, 4TOPS)" finds the title 「家电端侧AI计算模组（国产NPU，4TOPS）」.
 */
final class TitleKeys {
    private TitleKeys() {
    }

    static String of(String title) {
        StringBuilder key = new StringBuilder();
        Normalizer.normalize(title, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).codePoints()
                .filter(Character::isLetterOrDigit).forEach(key::appendCodePoint);
        return key.toString();
    }
}
