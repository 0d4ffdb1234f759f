package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.http.PageRequest;
import cn.qdaipark.scenariohub.index.SearchQuery;
import cn.qdaipark.scenariohub.matching.MatchingService;
import cn.qdaipark.scenariohub.posting.PostingRepository;
import cn.qdaipark.scenariohub.posting.PostingService;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import cn.qdaipark.scenariohub.showcase.Forecast;
import cn.qdaipark.scenariohub.showcase.ScenarioRepository;
import cn.qdaipark.scenariohub.showcase.ShowcaseService;
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
import java.util.Locale;
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
  private final ShowcaseService showcase;
  private final ShowcasePages showcasePages;
  /** The newest demonstration scenarios on the home page. */
  private static final int NEWEST_SCENARIOS = 3;

  HomePages(Views views, MatchingService matching, PostingService postings, Clock clock, ShowcaseService showcase,
            ShowcasePages showcasePages) {
    this.showcase = showcase;
    this.showcasePages = showcasePages;
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

  /** The scenarios toward the target, and the pipeline behind them: calls awarded to acceptance, demands in pilot. */
  record Progress(long landed, int target, int percent, long pipelineCalls, long pipelinePilots) {
  }

  /** One domain on the tracker: its scenarios and its pipeline. */
  record DomainTrack(String domain, long scenarios, long calls, long pilots) {
  }

  void home(RoutingContext ctx) {
    Messages m = Views.messages(ctx);
    LocalDate today = LocalDate.now(clock);
    Future<JsonObject> catalogue = matching.search(publishedSolutions().sort(SearchQuery.Sort.NEWEST).page(0, 6), "");
    Future<List<Cards.PostingCard>> calls = postings.list(Optional.empty(),
            new PostingRepository.Filter("challenge", null, PostingStatus.OPEN, null, null, null, "deadline"),
            new PageRequest(1, 4))
        .map(page -> page.items().stream().map(p -> Cards.posting(p, m, today)).toList());
    Future<List<ShowcasePages.Card>> scenarios = showcasePages.cards(ScenarioRepository.Filter.none(), NEWEST_SCENARIOS, m);
    Future.all(catalogue, calls, showcase.tracker(), scenarios)
        .onSuccess(all -> {
          JsonObject found = catalogue.result();
          Map<String, Object> model = new HashMap<>();
          model.put("tiles", tiles(found.getJsonObject("facets").getJsonArray("domain"), m));
          model.put("solutionTotal", found.getLong("total"));
          model.put("newest", found.getJsonArray("items").stream()
              .map(o -> Cards.solution((JsonObject) o, m)).toList());
          model.put("calls", calls.result());
          model.put("progress", progress(all.resultAt(2)));
          model.put("scenarios", scenarios.result());
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
    Future<ShowcaseService.Tracker> tracker = showcase.tracker();
    Future.all(catalogue, Future.all(counts), tracker, matches, funnel)
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
          putTracker(model, tracker.result(), m);
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

  /** Demonstration scenarios toward the park's target: accepted calls and landed demands, with their pipeline. */
  private static Progress progress(ShowcaseService.Tracker t) {
    return new Progress(t.scenarios(), SCENARIO_TARGET, (int) Math.min(100, t.scenarios() * 100 / SCENARIO_TARGET),
        t.pipelineCalls(), t.pipelinePilots());
  }

  /** The tracker's table per domain, its monthly chart and the estimate for 2028 (none with too few months). */
  private static void putTracker(Map<String, Object> model, ShowcaseService.Tracker t, Messages m) {
    Map<String, ScenarioRepository.DomainRow> byDomain = new HashMap<>();
    t.byDomain().forEach(r -> byDomain.put(r.domain(), r));
    List<DomainTrack> rows = new ArrayList<>();
    for (String domain : Vocabulary.DOMAINS) {
      ScenarioRepository.DomainRow r = byDomain.getOrDefault(domain, new ScenarioRepository.DomainRow(domain, 0, 0, 0));
      rows.add(new DomainTrack(Terms.name(m, domain), r.scenarios(), r.calls(), r.pilots()));
    }
    rows.add(new DomainTrack("", t.scenarios(), t.pipelineCalls(), t.pipelinePilots()));
    model.put("trackerRows", rows);
    model.put("trend", t.months().isEmpty() ? null : TrendChart.of(t.months()));
    t.estimate().ifPresentOrElse(
        e -> model.put("forecast", m.format("sc_forecast_value", e.at2028(),
            String.format(Locale.ROOT, "%.1f", e.perMonth()), e.monthsUsed())),
        () -> model.put("forecastNone", m.format("sc_forecast_none", Forecast.MIN_MONTHS)));
    model.put("forecastMethod", m.format("sc_forecast_method", Forecast.WINDOW));
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
