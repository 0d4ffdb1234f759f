package cn.qdaipark.scenariohub.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/** Counts the sorted-set doc values of keyword fields over all matching documents. */
final class FacetCounting implements CollectorManager<FacetCounting.Counter, Map<String, List<SearchResult.FacetCount>>> {
    private final List<String> fields;
    private final Ordinals ordinals;

    FacetCounting(List<String> fields, Ordinals ordinals) {
        this.fields = fields;
        this.ordinals = ordinals;
    }

    @Override
    public Counter newCollector() {
        return new Counter(fields, ordinals);
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
        private final Ordinals ordinals;
        private final Map<String, Map<String, Integer>> counts = new HashMap<>();
        private final FieldOrdinals[] leafOrdinals;
        private final int[][] leafOrdCounts;

        Counter(List<String> fields, Ordinals ordinals) {
            this.fields = fields;
            this.ordinals = ordinals;
            fields.forEach(f -> counts.put(f, new HashMap<>()));
            this.leafOrdinals = new FieldOrdinals[fields.size()];
            this.leafOrdCounts = new int[fields.size()][];
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            for (int f = 0; f < fields.size(); f++) {
                leafOrdinals[f] = ordinals.of(context.reader(), fields.get(f));
                leafOrdCounts[f] = new int[leafOrdinals[f].values().length];
            }
        }

        @Override
        public void collect(int doc) {
            for (int f = 0; f < leafOrdinals.length; f++) {
                FieldOrdinals field = leafOrdinals[f];
                for (int i = field.docStart()[doc]; i < field.docStart()[doc + 1]; i++) {
                    leafOrdCounts[f][field.ords()[i]]++;
                }
            }
        }

        @Override
        public void finish() {
            for (int f = 0; f < leafOrdinals.length; f++) {
                Map<String, Integer> fieldCounts = counts.get(fields.get(f));
                int[] ordCounts = leafOrdCounts[f];
                for (int ord = 0; ord < ordCounts.length; ord++) {
                    if (ordCounts[ord] > 0) {
                        fieldCounts.merge(leafOrdinals[f].values()[ord], ordCounts[ord], Integer::sum);
                    }
                }
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }

    /**
     * The facet ordinals of every document of a segment, read from doc values once per segment and kept until the
     * segment is closed: decoding doc values for every hit of every search was most of the cost of counting. A
     * segment's doc values never change (the index never updates doc values in place), so the segment core is the
     * key. About 8 bytes per document and field.
     */
    static final class Ordinals {
        private final Map<IndexReader.CacheKey, Map<String, FieldOrdinals>> bySegment = new ConcurrentHashMap<>();

        FieldOrdinals of(LeafReader reader, String field) throws IOException {
            IndexReader.CacheHelper core = reader.getCoreCacheHelper();
            if (core == null) {
                return FieldOrdinals.read(reader, field);
            }
            Map<String, FieldOrdinals> fields = bySegment.computeIfAbsent(core.getKey(), key -> {
                core.addClosedListener(bySegment::remove);
                return new ConcurrentHashMap<>();
            });
            FieldOrdinals cached = fields.get(field);
            if (cached == null) {
                cached = FieldOrdinals.read(reader, field);
                fields.put(field, cached);
            }
            return cached;
        }
    }

    /** Document {@code d} has the ordinals {@code ords[docStart[d]]} to {@code ords[docStart[d + 1] - 1]}. */
    record FieldOrdinals(int[] docStart, int[] ords, String[] values) {

        static FieldOrdinals read(LeafReader reader, String field) throws IOException {
            SortedSetDocValues docValues = DocValues.getSortedSet(reader, field);
            String[] values = new String[Math.toIntExact(docValues.getValueCount())];
            for (int ord = 0; ord < values.length; ord++) {
                values[ord] = docValues.lookupOrd(ord).utf8ToString();
            }
            int[] docStart = new int[reader.maxDoc() + 1];
            int[] ords = new int[reader.maxDoc()];
            int count = 0;
            int doc = 0;
            for (int next = docValues.nextDoc(); next != DocIdSetIterator.NO_MORE_DOCS; next = docValues.nextDoc()) {
                while (doc <= next) {
                    docStart[doc++] = count;
                }
                for (int i = 0; i < docValues.docValueCount(); i++) {
                    if (count == ords.length) {
                        ords = Arrays.copyOf(ords, ords.length * 2);
                    }
                    ords[count++] = Math.toIntExact(docValues.nextOrd());
                }
            }
            while (doc <= reader.maxDoc()) {
                docStart[doc++] = count;
            }
            return new FieldOrdinals(docStart, Arrays.copyOf(ords, count), values);
        }
    }
}
