package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.auth.Role;
import cn.qdaipark.scenariohub.http.PageRequest;
import cn.qdaipark.scenariohub.index.MatchMode;
import cn.qdaipark.scenariohub.matching.MatchingService;
import cn.qdaipark.scenariohub.posting.PostingRepository;
import cn.qdaipark.scenariohub.posting.PostingService;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import cn.qdaipark.scenariohub.vocabulary.Vocabulary;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** The 揭榜挂帅 and 场景需求 boards with their filters, and the page of one call or demand with its matches. */
final class BoardPages {
  private static final int PAGE_SIZE = 12;
  /** Funding bands in 万元, whole numbers: each band starts one above the previous band's top. */
  private static final Map<String, long[]> BANDS = Map.of(
      "le10", new long[] {0, 10}, "10-50", new long[] {11, 50}, "50-100", new long[] {51, 100},
      "gt100", new long[] {101, Long.MAX_VALUE});
  private static final List<String> BAND_ORDER = List.of("le10", "10-50", "50-100", "gt100");
  private static final List<String> SORTS = List.of("deadline", "newest", "budget");
  /** The 截止时间 filter: closing within this many days from today. */
  private static final List<String> WITHIN_DAYS = List.of("7", "30", "90");
  /** The 状态 filter: every public phase of each kind, in lifecycle order. */
  private static final Map<String, List<String>> PHASES = Map.of(
      "challenge", List.of(PostingStatus.OPEN, PostingStatus.REVIEW, PostingStatus.SHORTLISTED, PostingStatus.AWARDED,
          PostingStatus.RESULT_PUBLISHED, PostingStatus.IN_DELIVERY, PostingStatus.ACCEPTANCE, PostingStatus.ACCEPTED,
          PostingStatus.FAILED, PostingStatus.LANDED, PostingStatus.UNAWARDED,
          PostingStatus.CLOSED),
      "demand", List.of(PostingStatus.OPEN, PostingStatus.IN_TALKS, PostingStatus.PILOT, PostingStatus.LANDED,
          PostingStatus.CLOSED));

  private final Views views;
  private final PostingService postings;
  private final MatchingService matching;
  private final Clock clock;

  BoardPages(Views views, PostingService postings, MatchingService matching, Clock clock) {
    this.views = views;
    this.postings = postings;
    this.matching = matching;
    this.clock = clock;
  }

  void challenges(RoutingContext ctx) {
    board(ctx, "challenge", "/challenges");
  }

  void demands(RoutingContext ctx) {
    board(ctx, "demand", "/demands");
  }

  private void board(RoutingContext ctx, String kind, String path) {
    Messages m = Views.messages(ctx);
    MultiMap params = ctx.queryParams();
    String domain = oneOf(params.get("domain"), Vocabulary.DOMAINS);
    String status = oneOf(params.get("status"), PHASES.get(kind));
    String band = oneOf(params.get("funding"), BAND_ORDER);
    String sort = Optional.ofNullable(oneOf(params.get("sort"), SORTS)).orElse("deadline");
    String within = oneOf(params.get("deadline"), WITHIN_DAYS);
    int page = Pager.number(params.get("page"));
    long[] range = band == null ? null : BANDS.get(band);
    Query query = Query.empty().with("domain", domain).with("status", status).with("funding", band)
        .with("deadline", within).with("sort", "deadline".equals(sort) ? null : sort);
    LocalDate today = LocalDate.now(clock);
    DeadlineWindow window = deadlineWindow(within, today);
    postings.list(Optional.empty(),
            new PostingRepository.Filter(kind, domain, status, null, range == null ? null : range[0],
                range == null || range[1] == Long.MAX_VALUE ? null : range[1], sort,
                window == null ? null : window.from(), window == null ? null : window.to()),
            new PageRequest(page, PAGE_SIZE))
        .onSuccess(found -> {
          Map<String, Object> model = new HashMap<>();
          model.put("kind", kind);
          model.put("challenge", "challenge".equals(kind));
          model.put("heading", m.get("board_" + kind));
          model.put("intro", m.get("board_" + kind + "_intro"));
          model.put("action", path);
          model.put("cards", found.items().stream().map(p -> Cards.posting(p, m, today)).toList());
          model.put("total", m.format("board_count", found.total()));
          model.put("domains", Forms.options(Vocabulary.DOMAINS, domain, m));
          model.put("statuses", PHASES.get(kind).stream()
              .map(x -> new Forms.Option(x, ChallengePages.statusLabel(kind, x, m), x.equals(status))).toList());
          model.put("bands", BAND_ORDER.stream().map(b -> new Forms.Option(b, m.get("band_" + b), b.equals(band))).toList());
          model.put("deadlines", WITHIN_DAYS.stream()
              .map(d -> new Forms.Option(d, m.format("deadline_within", Integer.parseInt(d)), d.equals(within))).toList());
          model.put("sorts", SORTS.stream().map(s -> new Forms.Option(s, m.get("sort_" + s), s.equals(sort))).toList());
          model.put("pager", Pager.of(query, path, page, PAGE_SIZE, found.total()));
          model.put("mayPost", CurrentUser.of(ctx).map(u -> u.role() == Role.GOVERNMENT
              || u.role() == Role.BUYER && "demand".equals(kind) || u.isAdmin()).orElse(false));
          views.render(ctx, "board", m.get("board_" + kind), model);
        })
        .onFailure(ctx::fail);
  }

  /** Deadlines from {@code from} to {@code to}, both inclusive. */
  record DeadlineWindow(LocalDate from, LocalDate to) {
  }

  /** The 截止时间 choice as dates: closing from today until {@code days} days from today; null for 全部. */
  static DeadlineWindow deadlineWindow(String days, LocalDate today) {
    return days == null ? null : new DeadlineWindow(today, today.plusDays(Long.parseLong(days)));
  }

  /** The value when it is one of the allowed ones; anything else in a shared link is ignored rather than refused. */
  static String oneOf(String value, List<String> allowed) {
    return value != null && allowed.contains(value) ? value : null;
  }

  void posting(RoutingContext ctx) {
    postingModel(ctx)
        .onSuccess(model -> views.render(ctx, "posting", (String) model.get("pageTitle"), model))
        .onFailure(ctx::fail);
  }

  /** The posting page's model (the posting and its matches); the workflow pages add the lifecycle to it. */
  Future<Map<String, Object>> postingModel(RoutingContext ctx) {
    Messages m = Views.messages(ctx);
    Optional<CurrentUser> user = CurrentUser.of(ctx);
    long id = PageRoutes.pathId(ctx);
    LocalDate today = LocalDate.now(clock);
    return postings.get(user, id)
        .compose(p -> matching.solutionsFor(user, id, 10, MatchMode.HYBRID).map(matches -> {
          AtomicInteger rank = new AtomicInteger();
          Map<String, Object> model = new HashMap<>();
          model.put("p", Cards.posting(p, m, today));
          model.put("pageTitle", p.title());
          model.put("description", p.description());
          model.put("requirements", p.requirements());
          model.put("region", Terms.name(m, p.region()));
          model.put("boardLink", "challenge".equals(p.kind()) ? "/challenges" : "/demands");
          model.put("section", "challenge".equals(p.kind()) ? "challenges" : "demands");
          model.put("canEdit", user.map(u -> u.isAdmin() || u.belongsTo(p.organizationId())).orElse(false));
          model.put("responsesLink", "demand".equals(p.kind()) && user.map(u -> u.belongsTo(p.organizationId())).orElse(false));
          model.put("isProvider", user.map(u -> u.role() == Role.PROVIDER).orElse(false));
          model.put("anonymous", user.isEmpty());
          model.put("matches", matches.getJsonArray("items").stream().map(JsonObject.class::cast)
              .map(o -> Cards.solutionMatch(Cards.solution(o.getJsonObject("solution"), m), rank.incrementAndGet(),
                  Cards.score((Number) o.getValue("score")), Cards.reasons(o.getJsonArray("reasons"), m))).toList());
          model.put("posting", p);
          return model;
        }));
  }

  /**
   * 我有意向: where the provider's own solutions rank among the ones the matcher recommends for a call or demand,
   * with the reasons; the response pages add the response form (a demand) or the way to apply (a call).
   */
  Future<Map<String, Object>> respondModel(RoutingContext ctx, CurrentUser user) {
    Messages m = Views.messages(ctx);
    long id = PageRoutes.pathId(ctx);
    LocalDate today = LocalDate.now(clock);
    return postings.get(Optional.of(user), id)
        .compose(p -> matching.solutionsFor(Optional.of(user), id, 10, MatchMode.HYBRID).map(matches -> {
          AtomicInteger rank = new AtomicInteger();
          List<Cards.SolutionMatch> ours = matches.getJsonArray("items").stream().map(JsonObject.class::cast)
              .map(o -> Map.entry(rank.incrementAndGet(), o))
              .filter(e -> user.belongsTo(e.getValue().getJsonObject("solution").getLong("organizationId", -1L)))
              .map(e -> Cards.solutionMatch(Cards.solution(e.getValue().getJsonObject("solution"), m), e.getKey(),
                  Cards.score((Number) e.getValue().getValue("score")), Cards.reasons(e.getValue().getJsonArray("reasons"), m)))
              .toList();
          Map<String, Object> model = new HashMap<>();
          Cards.PostingCard card = Cards.posting(p, m, today);
          model.put("p", card);
          model.put("posting", p);
          model.put("heading", m.format("respond_heading", p.title()));
          model.put("open", PostingStatus.OPEN.equals(p.status()));
          model.put("mayApply", PostingStatus.OPEN.equals(p.status()) && "challenge".equals(p.kind()));
          model.put("ours", ours);
          model.put("section", "challenge".equals(p.kind()) ? "challenges" : "demands");
          return model;
        }));
  }
}
