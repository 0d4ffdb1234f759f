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
 * Builds a bag-of-words BM25 query from free text of any length: the most informative words and bigrams (by
 * in-text frequency and inverse document frequency), each looked up in several boosted fields, plus thesaurus
 * synonyms at a lower weight. Never parses query syntax, so no user input can make it throw.
 */
final class TextQueries {
    record FieldBoost(String field, float boost) {
    }

    private final Thesaurus thesaurus;
    private final HybridWeights weights;

    TextQueries(Thesaurus thesaurus, HybridWeights weights) {
        this.thesaurus = thesaurus;
        this.weights = weights;
    }

    /** Weighted query words of a text, synonyms included: used for the query and to explain matches. */
    Map<String, Double> weightedWords(IndexReader reader, String text) throws IOException {
        Map<String, Double> words = select(reader, IndexFields.TEXT,
                KeyTerms.frequencies(Analyzers.WORDS, IndexFields.TEXT, text), weights.maxWordTerms(), 1.0);
        addSynonyms(words, reader, text, IndexFields.TEXT, false);
        return words;
    }

    Query build(IndexReader reader, String text, List<FieldBoost> wordFields, List<FieldBoost> bigramFields)
            throws IOException {
        Map<String, Double> words = weightedWords(reader, text);
        Map<String, Double> bigrams = select(reader, IndexFields.TEXT_BIGRAM,
                KeyTerms.frequencies(Analyzers.BIGRAMS, IndexFields.TEXT_BIGRAM, text), weights.maxBigramTerms(),
                weights.bigramWeight());
        addSynonyms(bigrams, reader, text, IndexFields.TEXT_BIGRAM, true);
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        addTerms(query, words, wordFields);
        addTerms(query, bigrams, bigramFields);
        BooleanQuery built = query.build();
        return built.clauses().isEmpty() ? new MatchNoDocsQuery("no searchable words") : built;
    }

    private void addSynonyms(Map<String, Double> terms, IndexReader reader, String text, String field,
            boolean bigrams) throws IOException {
        double weight = weights.synonymWeight() * (bigrams ? weights.bigramWeight() : 1.0);
        for (String synonym : thesaurus.expansionsOf(text)) {
            var analyzer = bigrams ? Analyzers.BIGRAMS : Analyzers.WORDS;
            for (String token : KeyTerms.frequencies(analyzer, field, synonym).keySet()) {
                if (reader.docFreq(new Term(field, token)) > 0) {
                    terms.merge(token, weight, Math::max);
                }
            }
        }
    }

    /** Keeps the {@code max} terms with the highest tf-idf, weighting each by its in-text frequency. */
    private static Map<String, Double> select(IndexReader reader, String field, Map<String, Integer> tf, int max,
            double weight) throws IOException {
        int docs = Math.max(1, reader.numDocs());
        Map<String, Double> score = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : tf.entrySet()) {
            int df = reader.docFreq(new Term(field, e.getKey()));
            if (df > 0) {
                double idf = Math.log(1 + (docs - df + 0.5) / (df + 0.5));
                score.put(e.getKey(), (1 + Math.log(e.getValue())) * idf);
            }
        }
        Map<String, Double> selected = new LinkedHashMap<>();
        score.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .limit(max)
                .forEach(e -> selected.put(e.getKey(), weight * (1 + Math.log(tf.get(e.getKey())))));
        return selected;
    }

    private static void addTerms(BooleanQuery.Builder query, Map<String, Double> terms, List<FieldBoost> fields) {
        for (Map.Entry<String, Double> term : terms.entrySet()) {
            for (FieldBoost f : fields) {
                Query q = new TermQuery(new Term(f.field(), term.getKey()));
                query.add(new BoostQuery(q, (float) (f.boost() * term.getValue())), BooleanClause.Occur.SHOULD);
            }
        }
    }
}
