package cn.qdaipark.scenariohub.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Ranks the other side of the market for one posting or solution.
 *
 * <ol>
 *   <li>Retrieve: BM25 over CJK characters and bigrams of the whole text ({@link FeedbackQueries}) and k-NN over
 *       the vectors, each {@link HybridWeights#candidates()} deep.
 *   <li>Fuse: weighted reciprocal-rank fusion of the two rankings plus structured bonuses (same scenario domain,
 *       share of requirement lines covered).
 *   <li>Feed back: the text query is expanded with the vocabulary of the best {@link HybridWeights#feedbackDocs()}
 *       fused matches, searched again, and fused again with the k-NN ranking. This bridges the gap between the
 *       words a buyer uses and the words a supplier uses far better than a fixed thesaurus.
 * </ol>
 *
 * <p>{@link MatchMode#BM25} runs the same text retrieval and feedback round on BM25 alone (no vectors, no
 * bonuses); {@link MatchMode#VECTOR} ranks by cosine similarity alone. Every result is explained.
 */
final class HybridMatcher {
    /** The usual reciprocal-rank-fusion constant: a rank r contributes weight / (RRF_K + r). */
    static final int RRF_K = 60;

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
        Document stored;
        Double prior;
        int textRank;
        double bm25;
        int vectorRank;
        Double cosine;
        double fused;

        Candidate(int doc) {
            this.doc = doc;
        }
    }

    /** What the ranking needs to know about the documents of one side. */
    private interface Side {
        /** The text a document is matched on (fed back into the text query). */
        String text(Document doc);

        /** Structured fit with the query record, already weighted, in fusion units. */
        double prior(Document doc);
    }

    List<SolutionMatch> matchSolutions(IndexSearcher searcher, PostingDoc posting, float[] vector, int limit,
            MatchMode mode) throws IOException {
        Query published = new TermQuery(new Term(IndexFields.STATUS, IndexFields.SOLUTION_PUBLISHED));
        String text = posting.matchText();
        RequirementCoverage.Requirements requirements = coverage.prepare(posting.requirements());
        Side side = new Side() {
            @Override
            public String text(Document doc) {
                return SolutionDocuments.fromDocument(doc).matchText();
            }

            @Override
            public double prior(Document doc) {
                SolutionDoc s = SolutionDocuments.fromDocument(doc);
                double domain = s.domains().contains(posting.domain()) ? weights.domainWeight() : 0;
                return domain + weights.coverageWeight()
                        * coverage.check(requirements, RequirementCoverage.text(s.matchText())).score();
            }
        };
        List<Candidate> ranked = rank(searcher, published, text, vector, limit, mode, side);
        Map<String, Double> queryWords = textQueries.weightedWords(searcher.getIndexReader(), text);
        List<SolutionMatch> out = new ArrayList<>();
        for (Candidate c : ranked) {
            SolutionDoc s = SolutionDocuments.fromDocument(stored(searcher, c));
            out.add(new SolutionMatch(s.id(), s.sourceRef(), c.fused,
                    explainer.explain(queryWords, vector == null ? null : cosine(searcher, c, vector), posting, s)));
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
        RequirementCoverage.Text solutionText = RequirementCoverage.text(text);
        Side side = new Side() {
            @Override
            public String text(Document doc) {
                return PostingDocuments.fromDocument(doc).matchText();
            }

            @Override
            public double prior(Document doc) {
                PostingDoc p = PostingDocuments.fromDocument(doc);
                double domain = solution.domains().contains(p.domain()) ? weights.domainWeight() : 0;
                return domain + weights.coverageWeight() * coverage.check(p.requirements(), solutionText).score();
            }
        };
        List<Candidate> ranked = rank(searcher, openAndCurrent, text, vector, limit, MatchMode.HYBRID, side);
        Map<String, Double> queryWords = textQueries.weightedWords(searcher.getIndexReader(), text);
        List<PostingMatch> out = new ArrayList<>();
        for (Candidate c : ranked) {
            PostingDoc p = PostingDocuments.fromDocument(stored(searcher, c));
            out.add(new PostingMatch(p.id(), p.sourceRef(), c.fused,
                    explainer.explain(queryWords, vector == null ? null : cosine(searcher, c, vector), p, solution)));
        }
        return out;
    }

    private List<Candidate> rank(IndexSearcher searcher, Query filter, String text, float[] vector, int limit,
            MatchMode mode, Side side) throws IOException {
        if (limit <= 0) {
            return List.of();
        }
        int depth = Math.max(weights.candidates(), limit * 3);
        Map<Integer, Candidate> candidates = new HashMap<>();
        if (mode == MatchMode.VECTOR) {
            if (vector != null) {
                retrieveByVector(searcher, filter, vector, depth, candidates);
            }
            candidates.values().forEach(c -> c.fused = c.cosine);
            return top(candidates.values(), limit);
        }
        Map<String, Double> query = FeedbackQueries.termWeights(searcher.getIndexReader(), text);
        boolean useVector = mode == MatchMode.HYBRID && vector != null;
        if (useVector) {
            retrieveByVector(searcher, filter, vector, depth, candidates);
        }
        if (!query.isEmpty()) {
            retrieveByText(searcher, filter, query, depth, candidates);
            if (mode == MatchMode.HYBRID) {
                fuse(searcher, candidates.values(), useVector, side);
            } else {
                candidates.values().forEach(c -> c.fused = c.bm25);
            }
            List<String> feedback = new ArrayList<>();
            for (Candidate c : top(candidates.values(), weights.feedbackDocs())) {
                feedback.add(side.text(stored(searcher, c)));
            }
            Map<String, Double> expanded = FeedbackQueries.expand(searcher.getIndexReader(), query, feedback,
                    weights.feedbackWeight());
            if (mode == MatchMode.BM25) {
                candidates.clear();
            }
            retrieveByText(searcher, filter, expanded, depth, candidates);
        }
        if (mode == MatchMode.HYBRID) {
            // First-round text hits that neither the expanded query nor k-NN returns are out of the running.
            candidates.values().removeIf(c -> c.textRank == 0 && c.vectorRank == 0);
            fuse(searcher, candidates.values(), useVector, side);
            // Report the fused score as a share of the best possible one: first in every ranking, all bonuses.
            double best = (weights.textWeight() + (useVector ? weights.vectorWeight() : 0)) / (RRF_K + 1)
                    + weights.domainWeight() + weights.coverageWeight();
            candidates.values().forEach(c -> c.fused = Math.min(1, c.fused / best));
        } else {
            candidates.values().forEach(c -> c.fused = c.bm25);
        }
        return top(candidates.values(), limit);
    }

    private static void retrieveByVector(IndexSearcher searcher, Query filter, float[] vector, int depth,
            Map<Integer, Candidate> candidates) throws IOException {
        ScoreDoc[] hits = searcher.search(new KnnFloatVectorQuery(IndexFields.VECTOR, vector, depth, filter), depth)
                .scoreDocs;
        for (int i = 0; i < hits.length; i++) {
            Candidate c = candidates.computeIfAbsent(hits[i].doc, Candidate::new);
            c.vectorRank = i + 1;
            // Lucene maps cosine to (1 + cos) / 2 for scoring; undo that to report a plain cosine.
            c.cosine = 2.0 * hits[i].score - 1.0;
        }
    }

    /** Replaces the text ranking of all candidates by the hits of this query (unranked candidates get none). */
    private static void retrieveByText(IndexSearcher searcher, Query filter, Map<String, Double> terms, int depth,
            Map<Integer, Candidate> candidates) throws IOException {
        candidates.values().forEach(c -> {
            c.textRank = 0;
            c.bm25 = 0;
        });
        Query query = new BooleanQuery.Builder()
                .add(FeedbackQueries.query(terms), BooleanClause.Occur.MUST)
                .add(filter, BooleanClause.Occur.FILTER)
                .build();
        ScoreDoc[] hits = searcher.search(query, depth).scoreDocs;
        for (int i = 0; i < hits.length; i++) {
            Candidate c = candidates.computeIfAbsent(hits[i].doc, Candidate::new);
            c.textRank = i + 1;
            c.bm25 = hits[i].score;
        }
    }

    private void fuse(IndexSearcher searcher, Collection<Candidate> candidates, boolean useVector, Side side) {
        for (Candidate c : candidates) {
            if (c.prior == null) {
                c.prior = side.prior(stored(searcher, c));
            }
            c.fused = reciprocal(weights.textWeight(), c.textRank)
                    + (useVector ? reciprocal(weights.vectorWeight(), c.vectorRank) : 0)
                    + c.prior;
        }
    }

    private static double reciprocal(double weight, int rank) {
        return rank == 0 ? 0 : weight / (RRF_K + rank);
    }

    /** Best first; ties (rare) go to the lower doc id so results are stable. */
    private static List<Candidate> top(Collection<Candidate> candidates, int limit) {
        return candidates.stream()
                .sorted(Comparator.comparingDouble((Candidate c) -> c.fused).reversed()
                        .thenComparingInt(c -> c.doc))
                .limit(limit)
                .toList();
    }

    private static Document stored(IndexSearcher searcher, Candidate c) {
        if (c.stored == null) {
            try {
                c.stored = searcher.storedFields().document(c.doc);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return c.stored;
    }

    private static double cosine(IndexSearcher searcher, Candidate c, float[] vector) throws IOException {
        if (c.cosine == null) {
            c.cosine = StoredVectors.cosine(searcher, c.doc, vector);
        }
        return c.cosine;
    }
}
