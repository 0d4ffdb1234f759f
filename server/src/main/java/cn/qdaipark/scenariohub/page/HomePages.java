package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.http.PageRequest;
import cn.qdaipark.scenariohub.index.SearchQuery;
import cn.qdaipark.scenariohub.matching.MatchingService;
import cn.qdaipark.scenariohub.posting.PostingRepository;
import cn.qdaipark.scenariohub.posting.PostingService;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import cn.qdaipark.scenariohub.vocabulary.Vocabulary;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The home page and the public statistics, both read from live data. */
final class HomePages {
  static final int SCENARIO_TARGET = 100;

  private final Views views;
  private final MatchingService matching;
  private final PostingService postings;
  private final Clock clock;
  private final MatchStats matchStats;

  HomePages(Views views, MatchingService matching, PostingService postings, Clock clock) {
    this.views = views;
    this.matching = matching;
    this.postings = postings;
    this.clock = clock;
    this.matchStats = new MatchStats(matching, postings, clock);
  }

  record Tile(String name, long count, String link, int index) {
  }

  record Bar(String label, long count, int width) {
  }

  record Progress(long landed, int target, int percent) {
  }

  void home(RoutingContext ctx) {
    Messages m = Views.messages(ctx);
    LocalDate today = LocalDate.now(clock);
    Future<JsonObject> catalogue = matching.search(publishedSolutions().sort(SearchQuery.Sort.NEWEST).page(0, 6), "");
    Future<List<Cards.PostingCard>> calls = postings.list(Optional.empty(),
            new PostingRepository.Filter("challenge", null, PostingStatus.OPEN, null, null, null, "deadline"),
            new PageRequest(1, 4))
        .map(page -> page.items().stream().map(p -> Cards.posting(p, m, today)).toList());
    Future.all(catalogue, calls, landed())
        .onSuccess(all -> {
          JsonObject found = catalogue.result();
          Map<String, Object> model = new HashMap<>();
          model.put("tiles", tiles(found.getJsonObject("facets").getJsonArray("domain"), m));
          model.put("solutionTotal", found.getLong("total"));
          model.put("newest", found.getJsonArray("items").stream()
              .map(o -> Cards.solution((JsonObject) o, m)).toList());
          model.put("calls", calls.result());
          model.put("progress", progress(all.resultAt(2)));
          views.render(ctx, "home", m.get("home_title"), model);
        })
        .onFailure(ctx::fail);
  }

  void stats(RoutingContext ctx) {
    Messages m = Views.messages(ctx);
    Future<JsonObject> catalogue = matching.search(publishedSolutions().page(0, 1), "");
    List<Future<Long>> counts = new ArrayList<>();
    for (String kind : Vocabulary.POSTING_KINDS) {
      for (String status : List.of(PostingStatus.OPEN, PostingStatus.CLOSED)) {
        counts.add(count(kind, status));
      }
    }
    Future<MatchStats.Figures> matches = matchStats.figures();
    Future<List<PostingRepository.FunnelRow>> funnel = postings.funnel();
    Future.all(catalogue, Future.all(counts), landed(), matches, funnel)
        .onSuccess(all -> {
          JsonObject facets = catalogue.result().getJsonObject("facets");
          List<Bar> byStatus = new ArrayList<>();
          List<Long> values = counts.stream().map(Future::result).toList();
          byStatus.add(new Bar(m.get("kind_challenge") + " · " + ChallengePages.statusLabel("challenge", "open", m), values.get(0), 0));
          byStatus.add(new Bar(m.get("kind_challenge") + " · " + ChallengePages.statusLabel("challenge", "closed", m), values.get(1), 0));
          byStatus.add(new Bar(m.get("kind_demand") + " · " + ChallengePages.statusLabel("demand", "open", m), values.get(2), 0));
          byStatus.add(new Bar(m.get("kind_demand") + " · " + ChallengePages.statusLabel("demand", "closed", m), values.get(3), 0));
          Map<String, Object> model = new HashMap<>();
          model.put("byDomain", bars(Vocabulary.DOMAINS, facets.getJsonArray("domain"), m));
          model.put("byTrack", bars(Vocabulary.TRACKS, facets.getJsonArray("track"), m));
          model.put("byStatus", layout(byStatus));
          model.put("solutionTotal", catalogue.result().getLong("total"));
          model.put("progress", progress(all.resultAt(2)));
          MatchStats.Figures f = matches.result();
          model.put("byMatch", layout(List.of(
              new Bar(m.get("kind_challenge") + " · " + m.get("stats_matched"), f.challengesMatched(), 0),
              new Bar(m.get("kind_challenge") + " · " + m.get("stats_waiting"), f.challengesWaiting(), 0),
              new Bar(m.get("kind_demand") + " · " + m.get("stats_matched"), f.demandsMatched(), 0),
              new Bar(m.get("kind_demand") + " · " + m.get("stats_waiting"), f.demandsWaiting(), 0))));
          model.put("strongMatches", f.strongMatches());
          model.put("matchNote", m.format("stats_match_note", f.sampled(), f.openTotal(), MatchStats.PER_POSTING,
              MatchStats.MIN_COVERAGE_PERCENT));
          model.put("funnel", funnelRows(funnel.result(), m));
          views.render(ctx, "stats", m.get("stats_title"), model);
        })
        .onFailure(ctx::fail);
  }

  /**
   * One row per scenario domain in the vocabulary's order (zeros where nothing was posted), named in the page's
   * language, plus the total.
   */
  private static List<PostingRepository.FunnelRow> funnelRows(List<PostingRepository.FunnelRow> found, Messages m) {
    Map<String, PostingRepository.FunnelRow> byDomain = new HashMap<>();
    found.forEach(r -> byDomain.put(r.domain(), r));
    List<PostingRepository.FunnelRow> rows = new ArrayList<>();
    long[] total = new long[5];
    for (String domain : Vocabulary.DOMAINS) {
      PostingRepository.FunnelRow r = byDomain.getOrDefault(domain, new PostingRepository.FunnelRow(domain, 0, 0, 0, 0, 0));
      rows.add(new PostingRepository.FunnelRow(Terms.name(m, domain), r.posted(), r.matched(), r.contacted(), r.pilot(),
          r.landed()));
      total[0] += r.posted();
      total[1] += r.matched();
      total[2] += r.contacted();
      total[3] += r.pilot();
      total[4] += r.landed();
    }
    rows.add(new PostingRepository.FunnelRow("", total[0], total[1], total[2], total[3], total[4]));
    return rows;
  }

  private static SearchQuery.Builder publishedSolutions() {
    return SearchQuery.builder(SearchQuery.Target.SOLUTIONS).status("published");
  }

  private Future<Long> count(String kind, String status) {
    return postings.list(Optional.empty(), new PostingRepository.Filter(kind, null, status, null, null, null, null),
        new PageRequest(1, 1)).map(page -> page.total());
  }

  /** Demonstration scenarios toward the park's target: awarded calls and demands marked 已落地. */
  private Future<Long> landed() {
    return postings.countScenarios();
  }

  private static Progress progress(long landed) {
    return new Progress(landed, SCENARIO_TARGET, (int) Math.min(100, landed * 100 / SCENARIO_TARGET));
  }

  private static List<Tile> tiles(JsonArray facet, Messages m) {
    Map<String, Long> counts = counts(facet);
    List<Tile> tiles = new ArrayList<>();
    for (int i = 0; i < Vocabulary.DOMAINS.size(); i++) {
      String domain = Vocabulary.DOMAINS.get(i);
      tiles.add(new Tile(Terms.name(m, domain), counts.getOrDefault(domain, 0L),
          Query.empty().with("domain", domain).link("/solutions"), i + 1));
    }
    return tiles;
  }

  private static List<Bar> bars(List<String> terms, JsonArray facet, Messages m) {
    Map<String, Long> counts = counts(facet);
    return layout(terms.stream().map(t -> new Bar(Terms.name(m, t), counts.getOrDefault(t, 0L), 0)).toList());
  }

  /** Sizes the bars of a horizontal chart: the longest is 250 units (the width of each bar's SVG track). */
  private static List<Bar> layout(List<Bar> bars) {
    long max = Math.max(1, bars.stream().mapToLong(Bar::count).max().orElse(1));
    List<Bar> placed = new ArrayList<>();
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      int width = (int) Math.max(2, b.count() * 250 / max);
      placed.add(new Bar(b.label(), b.count(), width));
    }
    return placed;
  }

  private static Map<String, Long> counts(JsonArray facet) {
    Map<String, Long> counts = new HashMap<>();
    if (facet != null) {
      facet.stream().map(JsonObject.class::cast).forEach(c -> counts.put(c.getString("value"), c.getLong("count")));
    }
    return counts;
  }
}
