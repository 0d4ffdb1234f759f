package cn.qdaipark.scenariohub.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** 您是不是要找 on the demo solutions' own vocabulary. */
class SpellCorrectionTest {
    private static ScenarioIndex index;

    @BeforeAll
    static void load() throws IOException {
        index = ScenarioIndex.open(new ByteBuffersDirectory(), new ByteBuffersDirectory());
        for (SolutionDoc s : EvalCollection.readSolutions(Path.of("../server/src/main/resources/demo/solutions.jsonl"))) {
            index.upsertSolution(s, null);
        }
        index.refresh();
    }

    @AfterAll
    static void close() {
        index.close();
    }

    @Test
    @DisplayName("a mistyped character is corrected from the index's words: 缺陷检侧 → 缺陷检测, 反洗线 → 反洗钱")
    void correctsTypos() {
        assertThat(index.didYouMean("缺陷检侧")).contains("缺陷检测");
        assertThat(index.didYouMean("反洗线")).contains("反洗钱");
        assertThat(index.didYouMean("漏损监侧 供水")).contains("漏损监测 供水");
    }

    @Test
    @DisplayName("a correct query, an unknown word with no near neighbour, an empty or an overlong text get no suggestion")
    void noSuggestionWithoutTypo() {
        assertThat(index.didYouMean("缺陷检测")).isEmpty();
        assertThat(index.didYouMean("无人机巡检")).isEmpty();
        assertThat(index.didYouMean("量子纠缠")).isEmpty();
        assertThat(index.didYouMean("")).isEmpty();
        assertThat(index.didYouMean(null)).isEmpty();
        assertThat(index.didYouMean("缺陷检侧".repeat(20))).isEmpty();
    }

    @Test
    @DisplayName("words only a draft contains are never suggested to a visitor; once the record is published they are")
    void draftsLendNoWords() throws IOException {
        try (ScenarioIndex own = ScenarioIndex.open(new ByteBuffersDirectory(), new ByteBuffersDirectory())) {
            own.upsertSolution(Fixtures.VISION, null);
            own.upsertSolution(draft("published"), null);
            own.refresh();
            assertThat(own.didYouMean("鲸群声纳")).contains("鲸群声呐");
            own.upsertSolution(draft("draft"), null);
            own.refresh();
            assertThat(own.didYouMean("鲸群声纳")).isEmpty();
        }
    }

    private static SolutionDoc draft(String status) {
        SolutionDoc d = Fixtures.DRAFT_VISION;
        return new SolutionDoc(d.id(), d.sourceRef(), "近海鲸群声呐监测浮标", "鲸群声呐", "鲸群声呐监测。", d.domains(),
                d.track(), List.of(), d.maturity(), d.provider(), d.region(), List.of(), "", status, d.updatedAtMillis());
    }
}
