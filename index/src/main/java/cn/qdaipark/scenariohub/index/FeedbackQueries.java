package cn.qdaipark.scenariohub.index;

import java.io.IOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The lexical side of matching: a whole posting or solution text as a bag of CJK characters and bigrams weighted by
 * how often they occur, searched with BM25 in {@link IndexFields#TEXT_GRAMS}, and its expansion with the vocabulary
 * of the best first-round matches (pseudo-relevance feedback in the style of RM3). Buyers describe problems in
 * their own words ("跑水", "趴窝") and suppliers describe products in technical ones; the texts of the solutions that
 * already match well supply the missing technical words.
 */
final class FeedbackQueries {
    /** Keeps very long texts under Lucene's clause limit; real postings have a few hundred distinct grams. */
    static final int MAX_QUERY_TERMS = 200;
    /** The feedback vocabulary: the grams with the most weight across the feedback documents. */
    static final int MAX_FEEDBACK_TERMS = 100;
    static final double MAX_DOC_SHARE = 0.3;
    /** Below this many records document frequencies are too noisy to call a gram common. */
    static final int MIN_DOCS_FOR_PRUNING = 50;

    private FeedbackQueries() {
    }

    /**
     * Grams of the text with their in-text frequency, restricted to those the index holds (others cannot match)
     * and, for very long texts, to the {@value #MAX_QUERY_TERMS} with the highest tf-idf.
     */
    static Map<String, Double> termWeights(IndexReader reader, String text) throws IOException {
        Map<String, Integer> tf = new LinkedHashMap<>();
        for (String token : KeyTerms.tokens(Analyzers.GRAMS, IndexFields.TEXT_GRAMS, text)) {
            tf.merge(token, 1, Integer::sum);
        }
        int docs = Math.max(1, reader.numDocs());
        Map<String, Double> tfIdf = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : tf.entrySet()) {
            int df = reader.docFreq(new Term(IndexFields.TEXT_GRAMS, e.getKey()));
            if (df > 0 && !tooCommon(df, docs)) {
                tfIdf.put(e.getKey(), e.getValue() * Math.log(1 + (docs - df + 0.5) / (df + 0.5)));
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        tfIdf.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .limit(MAX_QUERY_TERMS)
                .forEach(e -> out.put(e.getKey(), (double) tf.get(e.getKey())));
        return out;
    }

    /**
     * Mixes the query with the vocabulary of the feedback texts (best match first): each feedback text contributes
     * its gram distribution (frequency / length) weighted by 1 / rank; the mixture is {@code 1 - feedbackWeight}
     * parts original query to {@code feedbackWeight} parts feedback, both normalized to sum 1.
     */
    static Map<String, Double> expand(IndexReader reader, Map<String, Double> query, List<String> feedbackTexts,
            double feedbackWeight) throws IOException {
        if (feedbackTexts.isEmpty() || feedbackWeight <= 0 || query.isEmpty()) {
            return query;
        }
        int docs = Math.max(1, reader.numDocs());
        Map<String, Double> feedback = new LinkedHashMap<>();
        double rankWeights = 0;
        for (int i = 0; i < feedbackTexts.size(); i++) {
            rankWeights += 1.0 / (i + 1);
        }
        for (int i = 0; i < feedbackTexts.size(); i++) {
            List<String> tokens = KeyTerms.tokens(Analyzers.GRAMS, IndexFields.TEXT_GRAMS, feedbackTexts.get(i));
            double docWeight = 1.0 / (i + 1) / rankWeights / Math.max(1, tokens.size());
            for (String token : tokens) {
                feedback.merge(token, docWeight, Double::sum);
            }
        }
        Map<String, Double> top = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : feedback.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())).toList()) {
            if (top.size() == MAX_FEEDBACK_TERMS) {
                break;
            }
            if (!tooCommon(reader.docFreq(new Term(IndexFields.TEXT_GRAMS, e.getKey())), docs)) {
                top.put(e.getKey(), e.getValue());
            }
        }
        double querySum = query.values().stream().mapToDouble(Double::doubleValue).sum();
        double feedbackSum = top.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> mixed = new LinkedHashMap<>();
        query.forEach((t, w) -> mixed.merge(t, (1 - feedbackWeight) * w / querySum, Double::sum));
        top.forEach((t, w) -> mixed.merge(t, feedbackWeight * w / feedbackSum, Double::sum));
        // Rescale so the strongest term has boost 1: BM25 scores then stay in their usual range.
        double max = mixed.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        mixed.replaceAll((t, w) -> w / max);
        return mixed;
    }

    /**
     * Grams in a large share of all records (的, 和, 系统) say almost nothing about the topic, yet their long posting
     * lists dominate the cost of the query; they are left out.
     */
    static boolean tooCommon(int docFreq, int docs) {
        return docs >= MIN_DOCS_FOR_PRUNING && docFreq > MAX_DOC_SHARE * docs;
    }

    /** A disjunction of the weighted grams; never more clauses than Lucene allows. */
    static Query query(Map<String, Double> weights) {
        if (weights.isEmpty()) {
            return new MatchNoDocsQuery("no searchable text");
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        weights.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .limit(IndexSearcher.getMaxClauseCount())
                .forEach(e -> query.add(new BoostQuery(new TermQuery(new Term(IndexFields.TEXT_GRAMS, e.getKey())),
                        e.getValue().floatValue()), BooleanClause.Occur.SHOULD));
        return query.build();
    }
}
