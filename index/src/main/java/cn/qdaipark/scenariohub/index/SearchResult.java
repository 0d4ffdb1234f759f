package cn.qdaipark.scenariohub.index;

import java.util.List;
import java.util.Map;

/**
 * One page of search hits, the total number of matches, and facet counts over all matches keyed by facet name
 * (domain, track, maturity, region, kind), each list most frequent first.
 */
public record SearchResult(long total, List<SearchHit> hits, Map<String, List<FacetCount>> facets) {

    /**
     * {@code titleHtml} and {@code snippetHtml} are HTML-escaped with matched words in &lt;mark&gt; tags.
     * {@code lowRelevance} hits fall below the relevance floor of their search: pages show them after a divider.
     */
    public record SearchHit(long id, String sourceRef, double score, String titleHtml, String snippetHtml,
            boolean lowRelevance) {
    }

    public record FacetCount(String value, int count) {
    }
}
