package cn.qdaipark.scenariohub.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HighlightingTest {
    private static final Highlighting DEFECTS = new Highlighting(new TermQuery(new Term(IndexFields.TEXT, "缺陷")));
    private static final String FILLER = "产线上的工人每天需要检查大量零件并记录结果，工作强度很高而且容易疲劳。";

    @Test
    @DisplayName("a summary ending in 。 joined to the description with 。 shows one full stop, not 。。")
    void noDoubleFullStops() {
        String snippet = DEFECTS.snippet(IndexFields.TEXT, "面向钢板的缺陷识别方案。。平台支持多种产线。");
        assertThat(snippet).doesNotContain("。。").contains("<mark>缺陷</mark>");
    }

    @Test
    @DisplayName("a snippet cut inside sentences starts and ends with an ellipsis")
    void ellipsisWhereCut() {
        String text = FILLER.repeat(5) + "系统能够自动发现表面缺陷并给出位置" + FILLER.repeat(5);
        String snippet = DEFECTS.snippet(IndexFields.TEXT, text);
        assertThat(snippet).contains("<mark>缺陷</mark>").startsWith("…").endsWith("…");
    }

    @Test
    @DisplayName("a short text is shown whole without an ellipsis, and a text with no match is cut with one")
    void wholeOrCutFromStart() {
        assertThat(DEFECTS.snippet(IndexFields.TEXT, "表面缺陷检测。")).isEqualTo("表面<mark>缺陷</mark>检测。");
        String noMatch = DEFECTS.snippet(IndexFields.TEXT, FILLER.repeat(6));
        assertThat(noMatch).doesNotStartWith("…").endsWith("…");
        assertThat(noMatch.length()).isLessThanOrEqualTo(Highlighting.SNIPPET_CHARS + 1);
    }

    @Test
    @DisplayName("snippets stay HTML-escaped")
    void escaped() {
        assertThat(DEFECTS.snippet(IndexFields.TEXT, "<b>缺陷</b> & 检测")).doesNotContain("<b>").contains("&lt;b&gt;");
    }
}
