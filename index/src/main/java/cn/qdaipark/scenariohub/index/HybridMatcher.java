package cn.qdaipark.scenariohub.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * Ranks the other side of the market for one posting or solution: BM25 over the whole text, k-NN over the
 * vectors, fused by a weighted sum of normalized scores plus structured priors (same domain, requirement
 * coverage), and explains each result.
 */
final class HybridMatcher {
    private final HybridWeights weights;
    private final TextQueries textQueries;
    private final RequirementCoverage coverage;
    private final MatchExplainer explainer;

    HybridMatcher(Thesaurus thesaurus, HybridWeights weights) {
        this.weights = weights;
        this.textQueries = new TextQueries(thesaurus, weights);
        this.coverage = new RequirementCoverage(thesaurus);
        this.explainer = new MatchExplainer(coverage);
    }

    /** A document on its way through ranking. */
    private static final class Candidate {
        final int doc;
        double bm25;
        double cosine;
        Double exactCosine;
        double fused;

        Candidate(int doc) {
            this.doc = doc;
        }
    }

    List<SolutionMatch> matchSolutions(IndexSearcher searcher, PostingDoc posting, float[] vector, int limit,
            MatchMode mode) throws IOException {
        Query published = new TermQuery(new Term(IndexFields.STATUS, IndexFields.SOLUTION_PUBLISHED));
        String text = posting.matchText();
        Query textQuery = textQueries.build(searcher.getIndexReader(), text,
                List.of(field(IndexFields.TITLE, weights.titleBoost()), field(IndexFields.TAGS, weights.keyFieldBoost()),
                        field(IndexFields.TEXT, 1f)),
                List.of(field(IndexFields.TITLE_BIGRAM, weights.titleBoost()), field(IndexFields.TEXT_BIGRAM, 1f)));
        Function<Document, Double> prior = doc -> {
            SolutionDoc s = SolutionDocuments.fromDocument(doc);
            double domain = s.domains().contains(posting.domain()) ? weights.domainWeight() : 0;
            return domain + weights.coverageWeight() * coverage.check(posting.requirements(), s.matchText()).score();
        };
        List<Candidate> ranked = rank(searcher, published, textQuery, vector, limit, mode, prior);
        Map<String, Double> queryWords = textQueries.weightedWords(searcher.getIndexReader(), text);
        List<SolutionMatch> out = new ArrayList<>();
        for (Candidate c : ranked) {
            SolutionDoc s = SolutionDocuments.fromDocument(searcher.storedFields().document(c.doc));
            out.add(new SolutionMatch(s.id(), s.sourceRef(), c.fused,
                    explainer.explain(queryWords, vector == null ? null : c.cosine, posting, s)));
        }
        return out;
    }

    List<PostingMatch> matchPostings(IndexSearcher searcher, SolutionDoc solution, float[] vector, LocalDate today,
            int limit) throws IOException {
        Query openAndCurrent = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.STATUS, IndexFields.POSTING_OPEN)), BooleanClause.Occur.FILTER)
                .add(LongPoint.newRangeQuery(IndexFields.DEADLINE_DAY, today.toEpochDay(), Long.MAX_VALUE),
                        BooleanClause.Occur.FILTER)
                .build();
        String text = solution.matchText();
        Query textQuery = textQueries.build(searcher.getIndexReader(), text,
                List.of(field(IndexFields.TITLE, weights.titleBoost()),
                        field(IndexFields.REQUIREMENTS, weights.keyFieldBoost()), field(IndexFields.TEXT, 1f)),
                List.of(field(IndexFields.TITLE_BIGRAM, weights.titleBoost()), field(IndexFields.TEXT_BIGRAM, 1f)));
        Function<Document, Double> prior = doc -> {
            PostingDoc p = PostingDocuments.fromDocument(doc);
            double domain = solution.domains().contains(p.domain()) ? weights.domainWeight() : 0;
            return domain + weights.coverageWeight() * coverage.check(p.requirements(), text).score();
        };
        List<Candidate> ranked = rank(searcher, openAndCurrent, textQuery, vector, limit, MatchMode.HYBRID, prior);
        Map<String, Double> queryWords = textQueries.weightedWords(searcher.getIndexReader(), text);
        List<PostingMatch> out = new ArrayList<>();
        for (Candidate c : ranked) {
            PostingDoc p = PostingDocuments.fromDocument(searcher.storedFields().document(c.doc));
            out.add(new PostingMatch(p.id(), p.sourceRef(), c.fused,
                    explainer.explain(queryWords, vector == null ? null : c.cosine, p, solution)));
        }
        return out;
    }

    private List<Candidate> rank(IndexSearcher searcher, Query filter, Query textQuery, float[] vector, int limit,
            MatchMode mode, Function<Document, Double> prior) throws IOException {
        if (limit <= 0) {
            return List.of();
        }
        int depth = Math.max(weights.candidates(), limit * 3);
        Map<Integer, Candidate> candidates = new LinkedHashMap<>();
        if (mode != MatchMode.VECTOR) {
            Query bm25 = new BooleanQuery.Builder()
                    .add(textQuery, BooleanClause.Occur.MUST)
                    .add(filter, BooleanClause.Occur.FILTER)
                    .build();
            for (ScoreDoc sd : searcher.search(bm25, depth).scoreDocs) {
                candidates.computeIfAbsent(sd.doc, Candidate::new).bm25 = sd.score;
            }
        }
        if (mode != MatchMode.BM25 && vector != null) {
            for (ScoreDoc sd : searcher.search(new KnnFloatVectorQuery(IndexFields.VECTOR, vector, depth, filter), depth)
                    .scoreDocs) {
                Candidate c = candidates.computeIfAbsent(sd.doc, Candidate::new);
                // Lucene maps cosine to (1 + cos) / 2 for scoring; undo that to report a plain cosine.
                c.exactCosine = 2.0 * sd.score - 1.0;
            }
        }
        for (Candidate c : candidates.values()) {
            c.cosine = vector == null ? 0 : c.exactCosine != null ? c.exactCosine
                    : StoredVectors.cosine(searcher, c.doc, vector);
        }
        List<Candidate> list = new ArrayList<>(candidates.values());
        switch (mode) {
            case BM25 -> list.forEach(c -> c.fused = c.bm25);
            case VECTOR -> list.forEach(c -> c.fused = c.cosine);
            case HYBRID -> fuse(searcher, list, vector != null, prior);
        }
        list.sort(Comparator.comparingDouble((Candidate c) -> c.fused).reversed());
        return list.subList(0, Math.min(limit, list.size()));
    }

    private void fuse(IndexSearcher searcher, List<Candidate> list, boolean hasVector,
            Function<Document, Double> prior) throws IOException {
        double maxBm25 = list.stream().mapToDouble(c -> c.bm25).max().orElse(0);
        double minCos = list.stream().mapToDouble(c -> c.cosine).min().orElse(0);
        double maxCos = list.stream().mapToDouble(c -> c.cosine).max().orElse(0);
        Map<Integer, Document> docs = new HashMap<>();
        for (Candidate c : list) {
            double text = maxBm25 > 0 ? c.bm25 / maxBm25 : 0;
            double semantic = hasVector && maxCos > minCos ? (c.cosine - minCos) / (maxCos - minCos) : 0;
            Document doc = docs.computeIfAbsent(c.doc, d -> load(searcher, d));
            c.fused = weights.textWeight() * text + weights.vectorWeight() * semantic + prior.apply(doc);
        }
    }

    private static Document load(IndexSearcher searcher, int doc) {
        try {
            return searcher.storedFields().document(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TextQueries.FieldBoost field(String name, float boost) {
        return new TextQueries.FieldBoost(name, boost);
    }
}
