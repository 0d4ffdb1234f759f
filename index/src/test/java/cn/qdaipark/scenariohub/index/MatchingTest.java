package cn.qdaipark.scenariohub.index;

import static cn.qdaipark.scenariohub.index.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MatchingTest {
    private static ScenarioIndex index;

    @BeforeAll
    static void load() {
        index = loadedIndex();
    }

    @AfterAll
    static void close() {
        index.close();
    }

    private static float[] vector(String text) {
        return EMBEDDER.embed(text);
    }

    @ParameterizedTest
    @EnumSource(MatchMode.class)
    @DisplayName("the directly relevant solution ranks first in every mode")
    void relevantSolutionRanksFirst(MatchMode mode) {
        List<SolutionMatch> matches = index.matchSolutions(STEEL_DEMAND, vector(STEEL_DEMAND.matchText()), 10, mode);
        assertThat(matches).isNotEmpty();
        assertThat(matches.get(0).sourceRef()).isEqualTo("S-vision");
    }

    @ParameterizedTest
    @EnumSource(MatchMode.class)
    @DisplayName("archived and unpublished solutions are never matched")
    void onlyPublishedSolutionsAreMatched(MatchMode mode) {
        List<SolutionMatch> matches = index.matchSolutions(STEEL_DEMAND, vector(STEEL_DEMAND.matchText()), 10, mode);
        assertThat(matches).extracting(SolutionMatch::solutionId)
                .doesNotContain(ARCHIVED_VISION.id(), DRAFT_VISION.id());
    }

    @Test
    @DisplayName("expired and closed postings are never matched, open-ended ones are")
    void onlyOpenCurrentPostingsAreMatched() {
        List<PostingMatch> matches = index.matchPostings(VISION, vector(VISION.matchText()), TODAY, 10);
        assertThat(matches).extracting(PostingMatch::postingId)
                .contains(STEEL_DEMAND.id(), FRAUD_CHALLENGE.id())
                .doesNotContain(EXPIRED_DEMAND.id(), CLOSED_DEMAND.id());
        assertThat(matches.get(0).postingId()).isEqualTo(STEEL_DEMAND.id());
    }

    @Test
    @DisplayName("a posting whose deadline is today is still matched")
    void deadlineTodayIsStillOpen() {
        List<PostingMatch> matches = index.matchPostings(VISION, vector(VISION.matchText()),
                EXPIRED_DEMAND.deadline(), 10);
        assertThat(matches).extracting(PostingMatch::postingId).contains(EXPIRED_DEMAND.id());
    }

    @Test
    @DisplayName("a hybrid match explains itself with terms, similarity, domain, requirements and region")
    void matchesCarryReasons() {
        SolutionMatch best = index.matchSolutions(STEEL_DEMAND, vector(STEEL_DEMAND.matchText()), 1,
                MatchMode.HYBRID).get(0);
        assertThat(best.reasons()).extracting(MatchReason::kind).contains(MatchReason.TERMS, MatchReason.SEMANTIC,
                MatchReason.DOMAIN, MatchReason.REQUIREMENTS, MatchReason.REGION);
        assertThat(reason(best.reasons(), MatchReason.TERMS)).startsWith("命中关键词：").contains("缺陷");
        assertThat(reason(best.reasons(), MatchReason.SEMANTIC)).matches("语义相似度 [01]\\.\\d\\d");
        assertThat(reason(best.reasons(), MatchReason.DOMAIN)).isEqualTo("同属工业智能场景");
        assertThat(reason(best.reasons(), MatchReason.REGION)).isEqualTo("同在青岛市");
    }

    @Test
    @DisplayName("requirement coverage ticks what the solution text covers and crosses what it does not")
    void requirementCoverageInReasons() {
        SolutionMatch best = index.matchSolutions(STEEL_DEMAND, vector(STEEL_DEMAND.matchText()), 1,
                MatchMode.HYBRID).get(0);
        assertThat(reason(best.reasons(), MatchReason.REQUIREMENTS))
                .startsWith("满足 3/4 项要求：")
                .contains("✓缺陷检测准确率≥99%", "✓单件检测时间≤2秒", "✓可对接MES系统", "✗支持红外热成像测温");
    }

    @Test
    @DisplayName("matching in the other direction also explains the shared domain")
    void postingMatchesCarryReasons() {
        PostingMatch match = index.matchPostings(ANTI_FRAUD, vector(ANTI_FRAUD.matchText()), TODAY, 1).get(0);
        assertThat(match.postingId()).isEqualTo(FRAUD_CHALLENGE.id());
        assertThat(match.reasons()).extracting(MatchReason::kind).contains(MatchReason.DOMAIN, MatchReason.TERMS);
    }

    @Test
    @DisplayName("a limit of zero returns nothing")
    void zeroLimit() {
        assertThat(index.matchSolutions(STEEL_DEMAND, null, 0, MatchMode.HYBRID)).isEmpty();
    }

    private static String reason(List<MatchReason> reasons, String kind) {
        return reasons.stream().filter(r -> r.kind().equals(kind)).findFirst().orElseThrow().text();
    }
}
