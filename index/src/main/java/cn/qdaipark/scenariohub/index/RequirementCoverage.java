package cn.qdaipark.scenariohub.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks requirement lines (检测准确率≥99%) against a solution text. A line counts as covered when enough of its
 * key terms appear in the text, directly, through a thesaurus synonym, or (for words the segmenter keeps whole)
 * through most of their character bigrams. Lines without any key term (bare numbers) cannot be judged and are
 * left out. The texts checked are not analysed: a key term or bigram is looked up as a substring (whole word for
 * Latin letters and digits), which is what the bigram analysis of the text would find, at a fraction of the cost
 * for the hundreds of candidate texts one match checks.
 */
final class RequirementCoverage {
    /** Share of a line's key terms that must be found for the line to count as covered. */
    static final double COVERED_SHARE = 0.5;

    record Line(String requirement, boolean covered, double share) {
    }

    record Result(List<Line> lines) {
        int coveredCount() {
            return (int) lines.stream().filter(Line::covered).count();
        }

        /** Mean share of key terms found per line: a smooth signal for ranking. */
        double score() {
            return lines.isEmpty() ? 0 : lines.stream().mapToDouble(Line::share).average().orElse(0);
        }

        MatchReason reason() {
            StringBuilder text = new StringBuilder("满足 ").append(coveredCount()).append('/').append(lines.size())
                    .append(" 项要求：");
            for (int i = 0; i < lines.size(); i++) {
                Line line = lines.get(i);
                text.append(i == 0 ? "" : " ").append(line.covered() ? '✓' : '✗').append(line.requirement());
            }
            return new MatchReason(MatchReason.REQUIREMENTS, text.toString());
        }
    }

    private final Thesaurus thesaurus;

    RequirementCoverage(Thesaurus thesaurus) {
        this.thesaurus = thesaurus;
    }

    /** Requirement lines with their key terms, analysed once and checked against many texts. */
    record Requirements(List<Requirement> lines) {
    }

    record Requirement(String text, List<String> keyTerms) {
    }

    /** A text lower-cased once, to be checked against many requirement lists. */
    record Text(String lower) {
    }

    Requirements prepare(List<String> requirements) {
        List<Requirement> lines = new ArrayList<>();
        for (String requirement : requirements) {
            List<String> keyTerms = KeyTerms.frequencies(Analyzers.WORDS, IndexFields.BODY, requirement)
                    .keySet().stream().toList();
            if (!keyTerms.isEmpty()) {
                lines.add(new Requirement(requirement.strip(), keyTerms));
            }
        }
        return new Requirements(lines);
    }

    static Text text(String solutionText) {
        return new Text(solutionText.toLowerCase(Locale.ROOT));
    }

    Result check(List<String> requirements, String solutionText) {
        return check(prepare(requirements), text(solutionText));
    }

    Result check(List<String> requirements, Text text) {
        return check(prepare(requirements), text);
    }

    Result check(Requirements requirements, Text text) {
        List<Line> lines = new ArrayList<>();
        for (Requirement requirement : requirements.lines()) {
            long found = requirement.keyTerms().stream().filter(t -> isCovered(t, text.lower())).count();
            double share = (double) found / requirement.keyTerms().size();
            lines.add(new Line(requirement.text(), share >= COVERED_SHARE, share));
        }
        return new Result(lines);
    }

    private boolean isCovered(String term, String text) {
        if (thesaurus.mentionsInLowerCase(text, term)) {
            return true;
        }
        List<String> bigrams = KeyTerms.tokens(Analyzers.BIGRAMS, IndexFields.TEXT_BIGRAM, term);
        if (bigrams.size() < 2) {
            return false;
        }
        long present = bigrams.stream().filter(b -> Thesaurus.occursIn(b, text)).count();
        return present * 3 >= bigrams.size() * 2;
    }
}
