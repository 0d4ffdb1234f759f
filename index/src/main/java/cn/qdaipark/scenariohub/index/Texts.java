package cn.qdaipark.scenariohub.index;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

final class Texts {
    private Texts() {
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }

    static String joinNonBlank(String separator, String... parts) {
        return Stream.of(parts).filter(p -> p != null && !p.isBlank()).collect(Collectors.joining(separator));
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
