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
import java.util.PriorityQueue;
import java.util.concurrent.Executor;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
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
 *       fused matches, scored again, and fused again with the k-NN ranking. This bridges the gap between the
 *       words a buyer uses and the words a supplier uses far better than a fixed thesaurus.
 * </ol>
 *
 * <p>The text rankings are computed over a pool of documents, because a whole record as a query is a disjunction
 * of a few hundred grams, many of them single characters with long posting lists, and scoring it over the whole
 * index costs far more than everything else: a probe with the query's {@link #PROBE_TERMS} most discriminative
 * grams (weight times idf) collects {@link #PROBE_DEPTH_FACTOR} times the candidate depth of documents; together
 * with the k-NN hits they are scored with the whole query ({@link CandidatePool}), and the best of them make up the
 * text ranking; the feedback round re-ranks the same pool. A document the whole query would rank high but the
 * probe misses (it would have to match few of the query's rarest grams yet many of its common ones) drops out of
 * the text ranking; documents not scored cannot move up, so the ranks of the others can only improve by the number
 * of such misses.
 *
 * <p>{@link MatchMode#BM25} runs the same text retrieval and feedback round on BM25 alone (no vectors, no
 * bonuses); {@link MatchMode#VECTOR} ranks by cosine similarity alone. Every result is explained.
 */
final class HybridMatcher {
    /** The usual reciprocal-rank-fusion constant: a rank r contributes weight / (RRF_K + r). */
    static final int RRF_K = 60;
    /**
     * How many of the query's most discriminative grams the first-stage text probe searches with (override for
     * experiments: {@code -Dscenariohub.match.probeTerms=N}).
     */
    static final int PROBE_TERMS = Integer.getInteger("scenariohub.match.probeTerms", 32);
    /**
     * How deep the first-stage text probe goes, as a multiple of the candidate depth (override for experiments:
     * {@code -Dscenariohub.match.probeDepthFactor=N}).
     */
    static final int PROBE_DEPTH_FACTOR = Integer.getInteger("scenariohub.match.probeDepthFactor", 4);
    /**
     * Into how many doc id ranges the probe is split, searched side by side (see GramProbe): two per core, so that
     * the helper busy with the k-NN search can still take a range when it is done (override for experiments:
     * {@code -Dscenariohub.match.probeRanges=N}).
     */
    static final int PROBE_RANGES =
            Integer.getInteger("scenariohub.match.probeRanges", 2 * Runtime.getRuntime().availableProcessors());
    /**
     * For comparisons only ({@code -Dscenariohub.match.exhaustive=true}): the pool is every document in scope, so
     * the text rankings are those of the whole queries over the whole index.
     */
    private static final boolean EXHAUSTIVE = Boolean.getBoolean("scenariohub.match.exhaustive");

    private final HybridWeights weights;
    private final TextQueries textQueries;
    private final RequirementCoverage coverage;
    private final MatchExplainer explainer;
    private final Executor helpers;
    private final GramNorms norms = new GramNorms();
    private final GramProbe gramProbe;

    /** {@code helpers} run parts of a match beside the caller: k-NN, probe ranges, pool halves (see HelperTask). */
    HybridMatcher(Thesaurus thesaurus, HybridWeights weights, Executor helpers) {
        this.weights = weights;
        this.helpers = helpers;
        this.gramProbe = new GramProbe(helpers, PROBE_RANGES, norms);
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
        // A filter every document passes (all solutions published, the usual case) only costs time.
        Query scope = searcher.count(filter) == searcher.getIndexReader().numDocs() ? null : filter;
        Map<Integer, Candidate> candidates = new HashMap<>();
        if (mode == MatchMode.VECTOR) {
            if (vector != null) {
                retrieveByVector(searcher, scope, vector, depth, candidates);
            }
            candidates.values().forEach(c -> c.fused = c.cosine);
            return top(candidates.values(), limit);
        }
        boolean useVector = mode == MatchMode.HYBRID && vector != null;
        HelperTask<ScoreDoc[]> vectorHits = useVector
                ? new HelperTask<>(helpers, () -> nearest(searcher, scope, vector, depth)) : null;
        FeedbackQueries.Grams grams = new FeedbackQueries.Grams(searcher);
        Map<String, Double> query = FeedbackQueries.termWeights(grams, text);
        ScoreDoc[] probeHits = query.isEmpty() ? new ScoreDoc[0] : probe(searcher, grams, scope, query, depth);
        if (useVector) {
            addVectorHits(vectorHits.join(), candidates);
        }
        if (!query.isEmpty()) {
            CandidatePool pool = pool(searcher, grams, probeHits, candidates.keySet());
            rankByText(pool, query, depth, candidates);
            if (mode == MatchMode.HYBRID) {
                fuse(searcher, candidates.values(), useVector, side, weights.feedbackDocs());
            } else {
                candidates.values().forEach(c -> c.fused = c.bm25);
            }
            List<String> feedback = new ArrayList<>();
            for (Candidate c : top(candidates.values(), weights.feedbackDocs())) {
                feedback.add(side.text(stored(searcher, c)));
            }
            Map<String, Double> expanded = FeedbackQueries.expand(grams, query, feedback, weights.feedbackWeight());
            if (mode == MatchMode.BM25) {
                candidates.clear();
            }
            rankByText(pool, expanded, depth, candidates);
        }
        if (mode == MatchMode.HYBRID) {
            // First-round text hits that neither the expanded query nor k-NN returns are out of the running.
            candidates.values().removeIf(c -> c.textRank == 0 && c.vectorRank == 0);
            fuse(searcher, candidates.values(), useVector, side, limit);
            // Report the fused score as a share of the best possible one: first in every ranking, all bonuses.
            double best = (weights.textWeight() + (useVector ? weights.vectorWeight() : 0)) / (RRF_K + 1)
                    + weights.domainWeight() + weights.coverageWeight();
            candidates.values().forEach(c -> c.fused = Math.min(1, c.fused / best));
        } else {
            candidates.values().forEach(c -> c.fused = c.bm25);
        }
        return top(candidates.values(), limit);
    }

    private static void retrieveByVector(IndexSearcher searcher, Query scope, float[] vector, int depth,
            Map<Integer, Candidate> candidates) throws IOException {
        addVectorHits(nearest(searcher, scope, vector, depth), candidates);
    }

    private static ScoreDoc[] nearest(IndexSearcher searcher, Query scope, float[] vector, int depth)
            throws IOException {
        return searcher.search(new KnnFloatVectorQuery(IndexFields.VECTOR, Vectors.normalized(vector), depth, scope),
                depth).scoreDocs;
    }

    private static void addVectorHits(ScoreDoc[] hits, Map<Integer, Candidate> candidates) {
        for (int i = 0; i < hits.length; i++) {
            Candidate c = candidates.computeIfAbsent(hits[i].doc, Candidate::new);
            c.vectorRank = i + 1;
            // Lucene maps the dot product of unit vectors (their cosine) to (1 + cos) / 2; undo that.
            c.cosine = 2.0 * hits[i].score - 1.0;
        }
    }

    /**
     * The hits of a probe with the query's most discriminative grams (in the exhaustive comparison mode: every
     * document in scope).
     */
    private ScoreDoc[] probe(IndexSearcher searcher, FeedbackQueries.Grams grams, Query scope,
            Map<String, Double> query, int depth) throws IOException {
        if (EXHAUSTIVE) {
            Query all = scope == null ? new MatchAllDocsQuery() : scope;
            return searcher.search(all, Math.max(1, searcher.getIndexReader().numDocs())).scoreDocs;
        }
        return gramProbe.top(searcher, grams, FeedbackQueries.probe(grams, query, PROBE_TERMS), scope,
                depth * PROBE_DEPTH_FACTOR);
    }

    /**
     * The documents the text queries of one match rank: the probe hits and the k-NN hits. The feedback round
     * re-ranks the same pool: its new grams come from documents already in it, and the k-NN hits cover the
     * documents that share the meaning but not the words.
     */
    private CandidatePool pool(IndexSearcher searcher, FeedbackQueries.Grams grams, ScoreDoc[] probeHits,
            Collection<Integer> vectorHits) {
        List<Integer> docs = new ArrayList<>(vectorHits);
        for (ScoreDoc hit : probeHits) {
            docs.add(hit.doc);
        }
        return new CandidatePool(searcher, grams, norms, helpers, docs);
    }

    /** Replaces the text ranking of all candidates by the {@code depth} best pool documents for these grams. */
    private static void rankByText(CandidatePool pool, Map<String, Double> terms, int depth,
            Map<Integer, Candidate> candidates) throws IOException {
        candidates.values().forEach(c -> {
            c.textRank = 0;
            c.bm25 = 0;
        });
        ScoreDoc[] hits = pool.top(terms, depth);
        for (int i = 0; i < hits.length; i++) {
            Candidate c = candidates.computeIfAbsent(hits[i].doc, Candidate::new);
            c.textRank = i + 1;
            c.bm25 = hits[i].score;
        }
    }

    /**
     * Fused scores of the candidates, as far as needed to know the best {@code needed} of them. The structured
     * prior (stored fields, text analysis) is the costly part and lies between 0 and the sum of the bonus weights:
     * candidates are visited best rank fusion first, and once even the largest prior cannot lift the next one into
     * the best {@code needed}, the rest keep their bare rank fusion score (lower than any of the best).
     */
    private void fuse(IndexSearcher searcher, Collection<Candidate> candidates, boolean useVector, Side side,
            int needed) {
        double maxPrior = weights.domainWeight() + weights.coverageWeight();
        boolean bounded = weights.domainWeight() >= 0 && weights.coverageWeight() >= 0;
        List<Candidate> byRank = new ArrayList<>(candidates);
        for (Candidate c : byRank) {
            c.fused = reciprocal(weights.textWeight(), c.textRank)
                    + (useVector ? reciprocal(weights.vectorWeight(), c.vectorRank) : 0);
        }
        byRank.sort(Comparator.comparingDouble((Candidate c) -> c.fused).reversed());
        PriorityQueue<Double> best = new PriorityQueue<>();
        for (Candidate c : byRank) {
            if (bounded && best.size() >= needed && c.fused + maxPrior < best.peek()) {
                break;
            }
            if (c.prior == null) {
                c.prior = side.prior(stored(searcher, c));
            }
            c.fused += c.prior;
            best.add(c.fused);
            if (best.size() > needed) {
                best.poll();
            }
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
