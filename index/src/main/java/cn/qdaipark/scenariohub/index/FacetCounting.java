package cn.qdaipark.scenariohub.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/** Counts the sorted-set doc values of keyword fields over all matching documents. */
final class FacetCounting implements CollectorManager<FacetCounting.Counter, Map<String, List<SearchResult.FacetCount>>> {
    private final List<String> fields;

    FacetCounting(List<String> fields) {
        this.fields = fields;
    }

    @Override
    public Counter newCollector() {
        return new Counter(fields);
    }

    @Override
    public Map<String, List<SearchResult.FacetCount>> reduce(Collection<Counter> counters) {
        Map<String, List<SearchResult.FacetCount>> out = new LinkedHashMap<>();
        for (String field : fields) {
            Map<String, Integer> merged = new HashMap<>();
            counters.forEach(c -> c.counts.get(field).forEach((k, v) -> merged.merge(k, v, Integer::sum)));
            List<SearchResult.FacetCount> list = new ArrayList<>();
            merged.forEach((value, count) -> list.add(new SearchResult.FacetCount(value, count)));
            list.sort(Comparator.comparingInt(SearchResult.FacetCount::count).reversed()
                    .thenComparing(SearchResult.FacetCount::value));
            out.put(field, list);
        }
        return out;
    }

    /**
     * Counts ordinals per segment and turns them into values once per segment: looking a value up for every
     * matching document made facet counting the largest part of a broad search.
     */
    static final class Counter extends SimpleCollector {
        private final List<String> fields;
        private final Map<String, Map<String, Integer>> counts = new HashMap<>();
        private final SortedSetDocValues[] leafValues;
        private final int[][] leafOrdCounts;

        Counter(List<String> fields) {
            this.fields = fields;
            fields.forEach(f -> counts.put(f, new HashMap<>()));
            this.leafValues = new SortedSetDocValues[fields.size()];
            this.leafOrdCounts = new int[fields.size()][];
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            for (int f = 0; f < fields.size(); f++) {
                leafValues[f] = DocValues.getSortedSet(context.reader(), fields.get(f));
                leafOrdCounts[f] = new int[Math.toIntExact(leafValues[f].getValueCount())];
            }
        }

        @Override
        public void collect(int doc) throws IOException {
            for (int f = 0; f < leafValues.length; f++) {
                SortedSetDocValues values = leafValues[f];
                if (values.advanceExact(doc)) {
                    for (int i = 0; i < values.docValueCount(); i++) {
                        leafOrdCounts[f][Math.toIntExact(values.nextOrd())]++;
                    }
                }
            }
        }

        @Override
        public void finish() throws IOException {
            for (int f = 0; f < leafValues.length; f++) {
                Map<String, Integer> fieldCounts = counts.get(fields.get(f));
                int[] ordCounts = leafOrdCounts[f];
                for (int ord = 0; ord < ordCounts.length; ord++) {
                    if (ordCounts[ord] > 0) {
                        fieldCounts.merge(leafValues[f].lookupOrd(ord).utf8ToString(), ordCounts[ord], Integer::sum);
                    }
                }
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
