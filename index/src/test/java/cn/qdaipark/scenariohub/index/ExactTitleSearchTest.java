package cn.qdaipark.scenariohub.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A record searched by its exact title comes first even among hundreds of records with similar titles. */
class ExactTitleSearchTest {
    private static final String TARGET = "小样本工业表面缺陷检测平台";
    private static final long TARGET_ID = 9_999;
    private static final List<String> PREFIXES = List.of("小样本", "高精度", "多光谱", "国产化", "轻量化", "云边协同");
    private static final List<String> SUBJECTS = List.of("工业表面", "钢板表面", "工业零件", "工业表面微小", "锂电池极片",
            "PCB板", "纺织品表面", "工业表面外观");
    private static final List<String> SUFFIXES = List.of("缺陷检测平台", "缺陷检测系统", "缺陷检测平台（二期）", "缺陷检测与分拣平台",
            "缺陷智能检测平台", "缺陷检测云平台", "缺陷检测平台服务");
    private static ScenarioIndex index;

    @BeforeAll
    static void load() {
        index = ScenarioIndex.open(new ByteBuffersDirectory(), new ByteBuffersDirectory());
        long id = 1;
        for (String prefix : PREFIXES) {
            for (String subject : SUBJECTS) {
                for (String suffix : SUFFIXES) {
                    String title = prefix + subject + suffix;
                    if (!title.equals(TARGET)) {
                        // The similar records say the query's words more often than the one searched for.
                        add(id++, title, (TARGET + "，").repeat(3) + "准确率高。");
                    }
                }
            }
        }
        add(TARGET_ID, TARGET, "产线上的工人每天需要检查大量零件并记录结果，工作强度很高而且容易疲劳。".repeat(10));
        index.refresh();
        assertThat(index.solutionCount()).isGreaterThan(300);
    }

    private static void add(long id, String title, String description) {
        SolutionDoc doc = new SolutionDoc(id, "S-" + id, title, "", description, List.of("工业智能"), "",
                List.of("缺陷检测"), "", "", "", List.of(), "", IndexFields.SOLUTION_PUBLISHED, id);
        index.upsertSolution(doc, Fixtures.EMBEDDER.embed(doc.matchText()));
    }

    @AfterAll
    static void close() {
        index.close();
    }

    @Test
    @DisplayName("the exact title ranks its record first, with and without a query vector")
    void exactTitleFirst() {
        assertThat(first(TARGET, true)).isEqualTo(TARGET_ID);
        assertThat(first(TARGET, false)).isEqualTo(TARGET_ID);
    }

    @Test
    @DisplayName("a near-exact title (spaces, full-width letters, other punctuation, case) finds it first too")
    void nearExactTitleFirst() {
        assertThat(first(" 小样本 工业表面 缺陷检测平台 ", true)).isEqualTo(TARGET_ID);
        String punctuated = "高精度ＰＣＢ板缺陷检测平台(二期)";
        SearchResult result = search(punctuated, true);
        assertThat(result.hits().get(0).titleHtml().replaceAll("</?mark>", "")).isEqualTo("高精度PCB板缺陷检测平台（二期）");
        assertThat(result.hits().get(0).lowRelevance()).isFalse();
    }

    @Test
    @DisplayName("a filter that excludes the titled record keeps it out")
    void filtersStillApply() {
        SearchResult filtered = index.search(SearchQuery.builder(SearchQuery.Target.SOLUTIONS).text(TARGET)
                .domains(List.of("智慧金融")).page(0, 10).build());
        assertThat(filtered.hits()).isEmpty();
    }

    private static long first(String text, boolean withVector) {
        return search(text, withVector).hits().get(0).id();
    }

    private static SearchResult search(String text, boolean withVector) {
        return index.search(SearchQuery.builder(SearchQuery.Target.SOLUTIONS).text(text)
                .queryVector(withVector ? Fixtures.EMBEDDER.embed(text) : null)
                .status(IndexFields.SOLUTION_PUBLISHED).page(0, 10).build());
    }
}
