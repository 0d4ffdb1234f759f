package cn.qdaipark.scenariohub.index;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns the signals behind a posting–solution match into short Chinese sentences a person can check. */
final class MatchExplainer {
    private static final int MAX_TERMS = 6;
    private static final Map<String, List<String>> TRACK_WORDS = Map.of(
            "信创硬件制造", List.of("信创", "国产化", "自主可控", "硬件", "芯片", "服务器", "终端", "传感器", "设备"),
            "复杂算法软件研发", List.of("算法", "软件", "平台", "系统", "识别", "预测", "优化", "调度"),
            "模型训练与数据服务", List.of("模型训练", "大模型", "数据集", "数据标注", "标注", "训练数据", "微调", "数据服务"));

    private final RequirementCoverage coverage;

    MatchExplainer(RequirementCoverage coverage) {
        this.coverage = coverage;
    }

    /**
     * @param queryWords weighted words of the side the match was asked for
     * @param cosine     vector similarity, or null when no vector was given
     */
    List<MatchReason> explain(Map<String, Double> queryWords, Double cosine, PostingDoc posting, SolutionDoc solution) {
        List<MatchReason> reasons = new ArrayList<>();
        termsReason(queryWords, posting.matchText(), solution.matchText()).ifPresent(reasons::add);
        if (cosine != null) {
            reasons.add(new MatchReason(MatchReason.SEMANTIC, String.format(Locale.ROOT, "语义相似度 %.2f", cosine)));
        }
        if (solution.domains().contains(posting.domain())) {
            reasons.add(new MatchReason(MatchReason.DOMAIN, "同属" + posting.domain() + "场景"));
        }
        trackReason(solution.track(), posting.matchText()).ifPresent(reasons::add);
        RequirementCoverage.Result covered = coverage.check(posting.requirements(), solution.matchText());
        if (!covered.lines().isEmpty()) {
            reasons.add(covered.reason());
        }
        regionReason(posting.region(), solution.region()).ifPresent(reasons::add);
        return reasons;
    }

    private static Optional<MatchReason> termsReason(Map<String, Double> queryWords, String postingText,
            String solutionText) {
        Set<String> postingWords = words(postingText);
        // The query words are lower-cased segmenter words of one side; on the other side a plain substring test
        // finds them without segmenting that text (the costliest step of explaining a match).
        String solutionLower = solutionText.toLowerCase(Locale.ROOT);
        List<String> shared = queryWords.entrySet().stream()
                .filter(e -> postingWords.contains(e.getKey()) && solutionLower.contains(e.getKey()))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(MAX_TERMS)
                .map(Map.Entry::getKey)
                .toList();
        return shared.isEmpty() ? Optional.empty()
                : Optional.of(new MatchReason(MatchReason.TERMS, "命中关键词：" + String.join("、", shared)));
    }

    private static Set<String> words(String text) {
        return new HashSet<>(KeyTerms.frequencies(Analyzers.WORDS, IndexFields.BODY, text).keySet());
    }

    private static Optional<MatchReason> trackReason(String track, String postingText) {
        List<String> hits = TRACK_WORDS.getOrDefault(track, List.of()).stream()
                .filter(postingText::contains)
                .toList();
        return hits.isEmpty() ? Optional.empty()
                : Optional.of(new MatchReason(MatchReason.TRACK,
                        "赛道契合：" + track + "（需求提到" + String.join("、", hits) + "）"));
    }

    private static Optional<MatchReason> regionReason(String postingRegion, String solutionRegion) {
        if (postingRegion.isBlank() || solutionRegion.isBlank()) {
            return Optional.empty();
        }
        if (postingRegion.equals(solutionRegion)) {
            return Optional.of(new MatchReason(MatchReason.REGION, "同在" + postingRegion));
        }
        String city = commonCity(postingRegion, solutionRegion);
        return city.isEmpty() ? Optional.empty()
                : Optional.of(new MatchReason(MatchReason.REGION, "同在" + city));
    }

    /** The shared "…市" prefix of two region names (青岛市崂山区, 青岛市 → 青岛市), or "". */
    private static String commonCity(String a, String b) {
        int city = a.indexOf('市');
        if (city < 0) {
            return "";
        }
        String prefix = a.substring(0, city + 1);
        return b.startsWith(prefix) ? prefix : "";
    }

}
