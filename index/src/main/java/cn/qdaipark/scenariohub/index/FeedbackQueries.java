package cn.qdaipark.scenariohub.index;

import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexReaderContext;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.similarities.Similarity.SimScorer;
import org.apache.lucene.util.BytesRef;

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
     * Statistics of the grams seen while matching one record. A match looks the same gram up several times
     * (query selection, both query rounds, feedback pruning); each is looked up in the terms dictionary once and
     * the term queries reuse the looked-up states instead of seeking again. The look-ups of one match share one
     * terms enumerator per segment: a few hundred grams, each a fresh enumerator, cost more in setting the
     * enumerators up than in seeking.
     */
    static final class Grams {
        private final IndexSearcher searcher;
        private final Map<String, TermStates> states = new HashMap<>();
        private final TermsEnum[] termsEnums;
        private final int docs;
        /** The field's collection statistics, read on first use. */
        private CollectionStatistics collection;

        Grams(IndexSearcher searcher) {
            this.searcher = searcher;
            this.termsEnums = new TermsEnum[searcher.getIndexReader().leaves().size()];
            this.docs = Math.max(1, searcher.getIndexReader().numDocs());
        }

        int docs() {
            return docs;
        }

        int docFreq(String gram) throws IOException {
            return states(gram).docFreq();
        }

        /** BM25's idf of the gram. */
        double idf(String gram) throws IOException {
            int df = docFreq(gram);
            return Math.log(1 + (docs - df + 0.5) / (df + 0.5));
        }

        /** The searcher's BM25 for the gram with this boost, or null when no document has the gram. */
        SimScorer bm25(String gram, float boost) throws IOException {
            TermStates s = states(gram);
            if (s.docFreq() == 0) {
                return null;
            }
            if (collection == null) {
                collection = searcher.collectionStatistics(IndexFields.TEXT_GRAMS);
            }
            TermStatistics term =
                    searcher.termStatistics(new Term(IndexFields.TEXT_GRAMS, gram), s.docFreq(), s.totalTermFreq());
            return searcher.getSimilarity().scorer(boost, collection, term);
        }

        TermQuery query(String gram) throws IOException {
            return new TermQuery(new Term(IndexFields.TEXT_GRAMS, gram), states(gram));
        }

        TermStates states(String gram) throws IOException {
            TermStates s = states.get(gram);
            if (s == null) {
                s = lookUp(new BytesRef(gram));
                states.put(gram, s);
            }
            return s;
        }

        private TermStates lookUp(BytesRef gram) throws IOException {
            IndexReaderContext top = searcher.getTopReaderContext();
            TermStates s = new TermStates(top);
            for (LeafReaderContext leaf : top.leaves()) {
                TermsEnum terms = termsEnum(leaf);
                if (terms != null && terms.seekExact(gram)) {
                    s.register(terms.termState(), leaf.ord, terms.docFreq(), terms.totalTermFreq());
                }
            }
            return s;
        }

        private TermsEnum termsEnum(LeafReaderContext leaf) throws IOException {
            if (termsEnums[leaf.ord] == null) {
                Terms terms = leaf.reader().terms(IndexFields.TEXT_GRAMS);
                termsEnums[leaf.ord] = terms == null ? TermsEnum.EMPTY : terms.iterator();
            }
            return termsEnums[leaf.ord];
        }
    }

    /**
     * Grams of the text with their in-text frequency, restricted to those the index holds (others cannot match)
     * and, for very long texts, to the {@value #MAX_QUERY_TERMS} with the highest tf-idf.
     */
    static Map<String, Double> termWeights(Grams grams, String text) throws IOException {
        Map<String, Integer> tf = new LinkedHashMap<>();
        for (String token : KeyTerms.tokens(Analyzers.GRAMS, IndexFields.TEXT_GRAMS, text)) {
            tf.merge(token, 1, Integer::sum);
        }
        int docs = grams.docs();
        Map<String, Double> tfIdf = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : tf.entrySet()) {
            int df = grams.docFreq(e.getKey());
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
        return expand(new Grams(new IndexSearcher(reader)), query, feedbackTexts, feedbackWeight);
    }

    static Map<String, Double> expand(Grams grams, Map<String, Double> query, List<String> feedbackTexts,
            double feedbackWeight) throws IOException {
        if (feedbackTexts.isEmpty() || feedbackWeight <= 0 || query.isEmpty()) {
            return query;
        }
        int docs = grams.docs();
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
            if (!tooCommon(grams.docFreq(e.getKey()), docs)) {
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

    /**
     * The {@code maxTerms} grams that contribute most to BM25 scores (weight times idf), with their weights: a cheap
     * probe that finds the documents the whole query ranks high, for the whole query to score (see HybridMatcher).
     */
    static Map<String, Double> probe(Grams grams, Map<String, Double> weights, int maxTerms) throws IOException {
        Map<String, Double> impact = new HashMap<>();
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            impact.put(e.getKey(), e.getValue() * grams.idf(e.getKey()));
        }
        Map<String, Double> probe = new LinkedHashMap<>();
        impact.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(maxTerms)
                .forEach(e -> probe.put(e.getKey(), weights.get(e.getKey())));
        return probe;
    }
}
