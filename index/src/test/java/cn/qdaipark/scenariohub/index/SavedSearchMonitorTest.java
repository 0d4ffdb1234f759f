package cn.qdaipark.scenariohub.index;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.index.SavedSearchMonitor.SavedQuery;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SavedSearchMonitorTest {
    private static final SearchQuery.Target POSTINGS = SearchQuery.Target.POSTINGS;
    private static final SearchQuery.Target SOLUTIONS = SearchQuery.Target.SOLUTIONS;

    private static SavedQuery postings(long id, String text, String domain, String kind) {
        return new SavedQuery(id, POSTINGS, text, domain == null ? List.of() : List.of(domain), null, null, null, kind);
    }

    @Test
    @DisplayName("a posting matches the searches whose every key word it contains, and not those missing a word")
    void matchesEveryKeyWord() {
        SavedSearchMonitor monitor = new SavedSearchMonitor();
        monitor.register(postings(1, "钢板缺陷检测", null, null));
        monitor.register(postings(2, "钢板 反欺诈", null, null));
        monitor.register(postings(3, "电信诈骗", null, null));
        monitor.register(postings(4, "表面质量", null, null));

        assertThat(monitor.match(Fixtures.STEEL_DEMAND)).containsExactlyInAnyOrder(1L, 4L);
        assertThat(monitor.match(Fixtures.FRAUD_CHALLENGE)).containsExactly(3L);
    }

    @Test
    @DisplayName("filters narrow like /search filters, and a search without key words matches by filters only")
    void filtersAndFilterOnlySearches() {
        SavedSearchMonitor monitor = new SavedSearchMonitor();
        monitor.register(postings(1, "钢板", "智慧金融", null));
        monitor.register(postings(2, "钢板", "工业智能", "demand"));
        monitor.register(postings(3, "钢板", null, "challenge"));
        monitor.register(postings(4, "", "工业智能", null));
        monitor.register(postings(5, "！？", null, null));

        assertThat(monitor.match(Fixtures.STEEL_DEMAND)).containsExactlyInAnyOrder(2L, 4L, 5L);
        assertThat(monitor.match(Fixtures.FRAUD_CHALLENGE)).containsExactly(5L);
        assertThat(SavedSearchMonitor.hasKeyWords("！？")).isFalse();
        assertThat(SavedSearchMonitor.hasKeyWords("钢板")).isTrue();
    }

    @Test
    @DisplayName("searches on solutions match solutions only, with track, maturity and region filters")
    void solutionSearches() {
        SavedSearchMonitor monitor = new SavedSearchMonitor();
        monitor.register(new SavedQuery(1, SOLUTIONS, "机器视觉", List.of(), null, "规模化应用", null, null));
        monitor.register(new SavedQuery(2, SOLUTIONS, "机器视觉", List.of(), null, "试点应用", null, null));
        monitor.register(new SavedQuery(3, SOLUTIONS, "预测性维护", List.of("工业智能"), "复杂算法软件研发", null,
                "青岛市黄岛区", null));
        monitor.register(postings(4, "机器视觉", null, null));

        assertThat(monitor.match(Fixtures.VISION)).containsExactly(1L);
        assertThat(monitor.match(Fixtures.MAINTENANCE)).containsExactly(3L);
        assertThat(monitor.match(Fixtures.ANTI_FRAUD)).isEmpty();
    }

    @Test
    @DisplayName("a word split differently by the segmenter still matches through its bigrams")
    void matchesAcrossSegmentation() {
        SavedSearchMonitor monitor = new SavedSearchMonitor();
        monitor.register(postings(1, "轧产线", null, null));
        monitor.register(postings(2, "冷轧产线人工目检", null, null));

        assertThat(monitor.match(Fixtures.STEEL_DEMAND)).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    @DisplayName("unregistering, replacing and reloading take effect on the next match")
    void changesTakeEffect() {
        SavedSearchMonitor monitor = new SavedSearchMonitor();
        monitor.register(postings(1, "钢板", null, null));
        monitor.register(postings(2, "诈骗", null, null));
        monitor.unregister(1);
        assertThat(monitor.match(Fixtures.STEEL_DEMAND)).isEmpty();

        monitor.register(postings(2, "钢板", null, null));
        assertThat(monitor.match(Fixtures.STEEL_DEMAND)).containsExactly(2L);
        assertThat(monitor.match(Fixtures.FRAUD_CHALLENGE)).isEmpty();

        monitor.replaceAll(List.of(postings(7, "诈骗", null, null)));
        assertThat(monitor.match(Fixtures.STEEL_DEMAND)).isEmpty();
        assertThat(monitor.match(Fixtures.FRAUD_CHALLENGE)).containsExactly(7L);
    }
}
