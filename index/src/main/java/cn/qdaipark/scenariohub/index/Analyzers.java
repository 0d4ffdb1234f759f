package cn.qdaipark.scenariohub.index;

import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The analyzers of the index: smartcn words for search and explanations, CJK bigrams for recall, and CJK characters
 * plus bigrams for matching. All are thread-safe.
 */
final class Analyzers {
    /**
     * Function words and the boilerplate of requests ("希望", "需要", "实现") carry no topic; leaving them out keeps
     * long posting texts from matching everything a little.
     */
    private static final List<String> CHINESE_STOPWORDS = List.of(
            "的", "了", "和", "与", "及", "或", "等", "是", "在", "对", "为", "以", "将", "把", "被", "从", "由", "中",
            "上", "下", "也", "都", "很", "最", "更", "就", "还", "又", "其", "该", "此", "这", "那", "些", "个", "每",
            "我们", "我司", "我市", "我局", "目前", "现在", "需要", "希望", "能够", "可以", "进行", "实现", "提供",
            "相关", "问题", "要求", "支持", "通过", "一个", "一些", "这个", "那个", "其中", "并且", "而且", "以及",
            "如何", "什么", "哪些", "已经", "没有", "不", "能", "会", "要", "有", "让", "使", "并", "而", "但",
            "左右", "以上", "以内", "之间", "情况", "方面", "方式", "工作", "往往", "经常", "比较", "非常", "一定",
            "a", "an", "the", "of", "and", "or", "to", "in", "for", "with", "on");

    static final Analyzer WORDS = new SmartChineseAnalyzer(stopwords());
    static final Analyzer BIGRAMS = new BigramAnalyzer(false);
    /**
     * Single characters and bigrams. Matching compares texts written by different people in different registers: a
     * buyer writes "跑水" or "摔倒" where a supplier writes "漏损" or "跌倒". Shared characters still connect them,
     * so single characters make a much better match signal than words or bigrams alone (see MatchEvaluation).
     */
    static final Analyzer GRAMS = new BigramAnalyzer(true);
    static final Analyzer INDEXING = new PerFieldAnalyzerWrapper(WORDS, Map.of(
            IndexFields.TITLE_BIGRAM, BIGRAMS,
            IndexFields.TEXT_BIGRAM, BIGRAMS,
            IndexFields.TEXT_GRAMS, GRAMS));

    private Analyzers() {
    }

    static Analyzer forField(String field) {
        return field.endsWith("_bigram") ? BIGRAMS : field.endsWith("_grams") ? GRAMS : WORDS;
    }

    private static CharArraySet stopwords() {
        CharArraySet set = new CharArraySet(SmartChineseAnalyzer.getDefaultStopSet(), false);
        set.addAll(CHINESE_STOPWORDS);
        return CharArraySet.unmodifiableSet(set);
    }

    private static final class BigramAnalyzer extends Analyzer {
        private final boolean unigrams;

        BigramAnalyzer(boolean unigrams) {
            this.unigrams = unigrams;
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream result = new CJKWidthFilter(source);
            result = new LowerCaseFilter(result);
            result = new CJKBigramFilter(result, CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA
                    | CJKBigramFilter.KATAKANA | CJKBigramFilter.HANGUL, unigrams);
            return new TokenStreamComponents(source, result);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new LowerCaseFilter(new CJKWidthFilter(in));
        }
    }
}
