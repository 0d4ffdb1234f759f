package cn.qdaipark.scenariohub.index;

import static cn.qdaipark.scenariohub.index.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchTest {
    private static ScenarioIndex index;

    @BeforeAll
    static void load() {
        index = loadedIndex();
    }

    @AfterAll
    static void close() {
        index.close();
    }

    private static SearchQuery.Builder solutions() {
        return SearchQuery.builder(SearchQuery.Target.SOLUTIONS).status("published");
    }

    @Test
    @DisplayName("free text finds the matching published solution first and highlights the words")
    void freeTextFindsAndHighlights() {
        SearchResult result = index.search(solutions().text("钢板缺陷检测").queryVector(EMBEDDER.embed("钢板缺陷检测")).build());
        assertThat(result.hits()).isNotEmpty();
        SearchResult.SearchHit first = result.hits().get(0);
        assertThat(first.sourceRef()).isEqualTo("S-vision");
        assertThat(first.titleHtml()).contains("<mark>");
        assertThat(result.hits()).extracting(SearchResult.SearchHit::sourceRef).doesNotContain("S-old-vision");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RELEVANCE", "NEWEST", "DEADLINE"})
    @DisplayName("free text in every sort order keeps only what passes the filters, and the total counts only those")
    void freeTextRespectsFiltersInEverySort(String sort) {
        SearchQuery.Builder steel = solutions().text("钢板表面缺陷视觉检测").sort(SearchQuery.Sort.valueOf(sort));
        SearchResult published = index.search(steel.build());
        assertThat(published.hits()).extracting(SearchResult.SearchHit::sourceRef)
                .contains("S-vision").doesNotContain("S-old-vision", "S-draft").hasSize((int) published.total());
        assertThat(published.facets().get("maturity")).extracting(SearchResult.FacetCount::value)
                .doesNotContain("原型验证");

        SearchResult archived = index.search(steel.status("archived").build());
        assertThat(archived.hits()).extracting(SearchResult.SearchHit::sourceRef).containsExactly("S-old-vision");
        assertThat(archived.total()).isEqualTo(1);
        assertThat(archived.facets().get("maturity")).containsExactly(new SearchResult.FacetCount("原型验证", 1));
    }

    @Test
    @DisplayName("a blank query matches everything that passes the filters, newest first")
    void blankQueryMatchesAll() {
        SearchResult result = index.search(solutions().build());
        assertThat(result.total()).isEqualTo(3);
        assertThat(result.hits()).extracting(SearchResult.SearchHit::sourceRef)
                .containsExactly("S-fraud", "S-phm", "S-vision");
    }

    @Test
    @DisplayName("filters narrow results and facets count values over all matches")
    void filtersAndFacets() {
        SearchResult all = index.search(solutions().build());
        assertThat(all.facets().get("domain")).containsExactly(new SearchResult.FacetCount("工业智能", 2),
                new SearchResult.FacetCount("智慧金融", 1));
        assertThat(all.facets().get("maturity")).contains(new SearchResult.FacetCount("规模化应用", 2));

        SearchResult filtered = index.search(solutions().domains(List.of("工业智能")).maturity("试点应用").build());
        assertThat(filtered.total()).isEqualTo(1);
        assertThat(filtered.hits().get(0).sourceRef()).isEqualTo("S-phm");
    }

    @Test
    @DisplayName("facet counts and totals follow updates and deletions after a refresh, with and without text")
    void facetsFollowChanges() {
        try (ScenarioIndex own = emptyIndex()) {
            own.upsertSolution(VISION, null);
            own.upsertSolution(MAINTENANCE, null);
            own.upsertSolution(ANTI_FRAUD, null);
            own.refresh();
            assertThat(own.search(solutions().build()).facets().get("domain")).containsExactly(
                    new SearchResult.FacetCount("工业智能", 2), new SearchResult.FacetCount("智慧金融", 1));

            own.upsertSolution(inDomains(MAINTENANCE, List.of("智慧金融", "智慧城市")), null);
            own.deleteSolution(VISION.id());
            own.refresh();
            SearchResult all = own.search(solutions().build());
            assertThat(all.total()).isEqualTo(2);
            assertThat(all.facets().get("domain")).containsExactly(
                    new SearchResult.FacetCount("智慧金融", 2), new SearchResult.FacetCount("智慧城市", 1));
            SearchResult text = own.search(solutions().text("预测性维护").build());
            assertThat(text.hits()).extracting(SearchResult.SearchHit::sourceRef).contains("S-phm")
                    .doesNotContain("S-vision").hasSize((int) text.total());
            assertThat(text.facets().get("domain")).containsExactlyInAnyOrder(
                    new SearchResult.FacetCount("智慧城市", 1),
                    new SearchResult.FacetCount("智慧金融", (int) text.total()));
        }
    }

    private static SolutionDoc inDomains(SolutionDoc s, List<String> domains) {
        return new SolutionDoc(s.id(), s.sourceRef(), s.title(), s.summary(), s.description(), domains, s.track(),
                s.tags(), s.maturity(), s.provider(), s.region(), s.cases(), s.priceRange(), s.status(),
                s.updatedAtMillis() + 1);
    }

    @Test
    @DisplayName("postings can be filtered by kind and sorted by deadline with open-ended ones last")
    void postingKindFilterAndDeadlineSort() {
        SearchResult challenges = index.search(SearchQuery.builder(SearchQuery.Target.POSTINGS).kind("challenge")
                .sort(SearchQuery.Sort.DEADLINE).build());
        assertThat(challenges.hits()).extracting(SearchResult.SearchHit::sourceRef)
                .containsExactly("D-expired", "D-fraud");
        assertThat(challenges.facets().get("kind")).containsExactly(new SearchResult.FacetCount("challenge", 2));
    }

    @Test
    @DisplayName("open postings read on a day leave out calls whose deadline is before it, but not demands; the total and facets agree")
    void openPostingsOnADay() {
        SearchQuery.Builder open = SearchQuery.builder(SearchQuery.Target.POSTINGS).status("open");
        assertThat(index.search(open.build()).hits()).extracting(SearchResult.SearchHit::sourceRef)
                .containsExactlyInAnyOrder("D-steel", "D-expired", "D-fraud");

        SearchResult onTheDay = index.search(open.today(LocalDate.of(2020, 1, 31)).build());
        assertThat(onTheDay.hits()).extracting(SearchResult.SearchHit::sourceRef)
                .containsExactlyInAnyOrder("D-steel", "D-expired", "D-fraud");

        SearchResult later = index.search(open.today(LocalDate.of(2031, 1, 1)).build());
        assertThat(later.hits()).extracting(SearchResult.SearchHit::sourceRef).containsExactlyInAnyOrder("D-steel", "D-fraud");
        assertThat(later.total()).isEqualTo(2);
        assertThat(later.facets().get("kind")).contains(new SearchResult.FacetCount("challenge", 1));

        SearchResult closed = index.search(SearchQuery.builder(SearchQuery.Target.POSTINGS).status("closed")
                .today(LocalDate.of(2031, 1, 1)).build());
        assertThat(closed.hits()).extracting(SearchResult.SearchHit::sourceRef).containsExactly("D-closed");
    }

    @Test
    @DisplayName("pages do not overlap and the total stays the same")
    void pagination() {
        SearchResult first = index.search(solutions().page(0, 2).build());
        SearchResult second = index.search(solutions().page(2, 2).build());
        assertThat(first.hits()).hasSize(2);
        assertThat(second.hits()).hasSize(1);
        assertThat(first.total()).isEqualTo(second.total()).isEqualTo(3);
        assertThat(second.hits().get(0).sourceRef()).isNotIn(first.hits().stream().map(SearchResult.SearchHit::sourceRef).toList());
    }

    @Test
    @DisplayName("titles and snippets mark the query words and escape HTML from the stored text")
    void snippetsEscapeHtml() {
        SolutionDoc xss = new SolutionDoc(9, "S-xss", "<script>alert(1)</script>机器视觉", "", "<b>视觉</b>检测",
                List.of("工业智能"), "复杂算法软件研发", List.of(), "原型验证", "", "", List.of(), "", "published", 1L);
        try (ScenarioIndex own = emptyIndex()) {
            own.upsertSolution(xss, null);
            own.refresh();
            SearchResult.SearchHit hit = own.search(solutions().text("机器视觉").build()).hits().get(0);
            assertThat(hit.titleHtml()).doesNotContain("<script>").contains("&lt;script&gt;").contains("<mark>");
            assertThat(hit.snippetHtml()).doesNotContain("<b>").contains("&lt;b&gt;<mark>视觉</mark>");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"！！！。。。", "😀🚀", "AND (", "title:\"钢板 OR", "*?~^[]{}\\/", "-+&&||!", "钢板 AND (缺陷"})
    @DisplayName("query syntax, punctuation and emoji never make the search throw")
    void hostileQueriesDoNotThrow(String text) {
        SearchResult result = index.search(solutions().text(text).build());
        assertThat(result.total()).isGreaterThanOrEqualTo(0);
    }

    @Test
    @DisplayName("a very long query is rejected with a typed exception and a Chinese message")
    void veryLongQueryIsRejected() {
        String longText = "钢板缺陷检测".repeat(500);
        assertThatThrownBy(() -> solutions().text(longText).build())
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("过长");
    }

    @Test
    @DisplayName("a long but allowed query still searches")
    void longAllowedQuerySearches() {
        String text = (STEEL_DEMAND.description() + STEEL_DEMAND.title()).repeat(12).substring(0, 900);
        assertThat(index.search(solutions().text(text).build()).hits()).isNotEmpty();
    }

    @Test
    @DisplayName("invalid paging is rejected with a typed exception")
    void invalidPaging() {
        assertThatThrownBy(() -> solutions().page(-1, 10).build()).isInstanceOf(InvalidQueryException.class);
        assertThatThrownBy(() -> solutions().page(0, 0).build()).isInstanceOf(InvalidQueryException.class);
    }

    @Test
    @DisplayName("typeahead suggests visible titles and tags starting with the prefix")
    void suggest() {
        assertThat(index.suggest("机器", 5)).containsExactly("机器视觉");
        assertThat(index.suggest("钢板", 5)).contains("钢板表面缺陷检测揭榜挂帅").doesNotContain("钢板表面缺陷视觉检测系统（旧版）");
        assertThat(index.suggest("", 5)).isEmpty();
        assertThat(index.suggest("*(", 5)).isEmpty();
    }
}
