package cn.qdaipark.scenariohub.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TextAnalysisTest {
    private final Thesaurus thesaurus = Thesaurus.loadDefault();

    @Test
    @DisplayName("the thesaurus expands a term to its synonyms in both directions")
    void thesaurusExpandsGroups() {
        assertThat(thesaurus.expansionsOf("需要一套机器视觉系统")).contains("视觉检测");
        assertThat(thesaurus.expansionsOf("基于LLM的问答")).contains("大模型", "大语言模型");
        assertThat(thesaurus.mentions("引入大语言模型", "大模型")).isTrue();
    }

    @Test
    @DisplayName("short ASCII synonyms only match as whole words")
    void asciiSynonymsNeedWordBoundaries() {
        Thesaurus t = Thesaurus.parse("人工智能,AI\n大模型 => LLM");
        assertThat(t.expansionsOf("MAIL服务")).isEmpty();
        assertThat(t.expansionsOf("AI质检")).containsExactly("人工智能");
        assertThat(t.expansionsOf("大模型")).containsExactly("llm");
        assertThat(t.expansionsOf("LLM")).isEmpty();
    }

    @Test
    @DisplayName("a requirement is covered when the solution text holds enough of its key terms, synonyms included")
    void requirementCoverage() {
        RequirementCoverage coverage = new RequirementCoverage(thesaurus);
        RequirementCoverage.Result result = coverage.check(
                List.of("采用大模型实现智能问答", "完成信创国产化适配", "≥99%"),
                "基于大语言模型的智能问答助手，可私有部署。");
        assertThat(result.lines()).extracting(RequirementCoverage.Line::covered).containsExactly(true, false);
        assertThat(result.reason().text()).isEqualTo("满足 1/2 项要求：✓采用大模型实现智能问答 ✗完成信创国产化适配");
    }

    @Test
    @DisplayName("the caching embedder computes each text once and stays bounded")
    void cachingEmbedderIsBoundedLru() {
        AtomicInteger calls = new AtomicInteger();
        Embedder counting = new Embedder() {
            @Override
            public float[] embed(String text) {
                calls.incrementAndGet();
                return new float[] {text.length()};
            }

            @Override
            public int dimension() {
                return 1;
            }
        };
        CachingEmbedder cache = new CachingEmbedder(counting, 2);
        cache.embed("机器视觉");
        cache.embed("机器视觉");
        assertThat(calls).hasValue(1);
        cache.embed("大模型");
        cache.embed("预测性维护");
        assertThat(cache.size()).isEqualTo(2);
        cache.embed("机器视觉");
        assertThat(calls).hasValue(4);
    }

    @Test
    @DisplayName("matching grams are single CJK characters plus bigrams, so colloquial and technical words still meet")
    void gramsKeepCharactersAndBigrams() {
        assertThat(KeyTerms.tokens(Analyzers.GRAMS, IndexFields.TEXT_GRAMS, "管网跑水"))
                .containsExactlyInAnyOrder("管", "网", "跑", "水", "管网", "网跑", "跑水");
        assertThat(KeyTerms.tokens(Analyzers.GRAMS, IndexFields.TEXT_GRAMS, "供水管网漏水")).contains("水", "管网");
    }

    @Test
    @DisplayName("feedback expansion keeps the query, adds the feedback vocabulary and favours the best match")
    void feedbackExpansion() throws Exception {
        Map<String, Double> query = Map.of("跑水", 2.0, "管", 1.0);
        IndexReader reader = emptyReader();
        Map<String, Double> expanded = FeedbackQueries.expand(reader, query,
                List.of("漏损监测", "噪声定位"), 0.5);
        assertThat(expanded).containsKeys("跑水", "管", "漏损", "噪声");
        assertThat(expanded.values()).allMatch(w -> w > 0 && w <= 1.0);
        assertThat(expanded.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow()).isEqualTo(1.0);
        assertThat(expanded.get("漏损")).isGreaterThan(expanded.get("噪声"));
        assertThat(FeedbackQueries.expand(reader, query, List.of(), 0.5)).isEqualTo(query);
    }

    @Test
    @DisplayName("grams in a large share of the records are too common to search with; small collections keep all")
    void commonGramsPruned() {
        assertThat(FeedbackQueries.tooCommon(400, 1000)).isTrue();
        assertThat(FeedbackQueries.tooCommon(200, 1000)).isFalse();
        assertThat(FeedbackQueries.tooCommon(30, 40)).isFalse();
    }

    private static IndexReader emptyReader() throws Exception {
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        new IndexWriter(dir, new IndexWriterConfig()).close();
        return DirectoryReader.open(dir);
    }
}
