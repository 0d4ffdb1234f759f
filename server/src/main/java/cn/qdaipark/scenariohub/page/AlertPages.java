package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.alert.NotificationSettings;
import cn.qdaipark.scenariohub.alert.NotificationSettingsService;
import cn.qdaipark.scenariohub.alert.SavedSearch;
import cn.qdaipark.scenariohub.alert.SavedSearchService;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.vocabulary.Vocabulary;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** 订阅与通知: how alerts reach the person, and their saved searches; the notifications have their own page. */
final class AlertPages {
  private static final List<String> NOTICES = List.of("alert_settings_saved", "alert_search_saved", "alert_search_deleted");
  private static final List<String> FILTERS = List.of("domain", "track", "maturity", "region", "kind");

  private final Views views;
  private final PageRoutes.Alerts alerts;

  AlertPages(Views views, PageRoutes.Alerts alerts) {
    this.views = views;
    this.alerts = alerts;
  }

  record Saved(long id, String name, String query, String target, String filters) {
  }

  void page(RoutingContext ctx) {
    show(ctx, 200, Map.of(), Map.of());
  }

  void saveSettings(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    String hour = form.get("digestHour") == null ? "" : form.get("digestHour").strip();
    JsonObject body = new JsonObject().put("delivery", form.get("delivery"))
        .put("digestHour", hour.matches("\\d{1,2}") ? (Object) Integer.parseInt(hour) : hour);
    alerts.settings().put(CurrentUser.required(ctx), body)
        .onSuccess(saved -> Views.redirect(ctx, "/alerts?notice=alert_settings_saved"))
        .onFailure(e -> Forms.problems(e).ifPresentOrElse(errors -> show(ctx, 400, errors, Map.of()), () -> ctx.fail(e)));
  }

  /** From this page's form or the "保存为订阅" button of a search results page. */
  void saveSearch(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    JsonObject filters = new JsonObject();
    for (String key : FILTERS) {
      String value = form.get(key) == null ? "" : form.get(key).strip();
      if (!value.isEmpty()) {
        filters.put(key, "domain".equals(key) ? new JsonArray().add(value) : value);
      }
    }
    JsonObject body = new JsonObject().put("name", form.get("name")).put("query", form.get("query"))
        .put("target", form.get("target")).put("filters", filters);
    alerts.savedSearches().create(CurrentUser.required(ctx), body)
        .onSuccess(saved -> Views.redirect(ctx, "/alerts?notice=alert_search_saved"))
        .onFailure(e -> Forms.problems(e).ifPresentOrElse(
            errors -> show(ctx, errors.containsKey("form") ? 409 : 400, errors, typed(form)), () -> ctx.fail(e)));
  }

  void deleteSearch(RoutingContext ctx) {
    alerts.savedSearches().delete(CurrentUser.required(ctx), PageRoutes.pathId(ctx))
        .onSuccess(done -> Views.redirect(ctx, "/alerts?notice=alert_search_deleted"))
        .onFailure(ctx::fail);
  }

  private static Map<String, Object> typed(MultiMap form) {
    Map<String, Object> values = new HashMap<>();
    for (String key : List.of("name", "query", "target", "domain", "track", "maturity", "region", "kind")) {
      values.put(key, form.get(key) == null ? "" : form.get(key));
    }
    return values;
  }

  private void show(RoutingContext ctx, int status, Map<String, String> errors, Map<String, Object> typed) {
    CurrentUser user = CurrentUser.required(ctx);
    Messages m = Views.messages(ctx);
    Map<String, Object> model = new HashMap<>();
    String notice = ctx.queryParams().get("notice");
    model.put("notice", notice != null && NOTICES.contains(notice) ? m.get("notice_" + notice) : null);
    Map<String, String> fieldErrors = new HashMap<>();
    errors.forEach((field, message) -> fieldErrors.put(field.replace("filters.", ""), message));
    model.put("errors", MessageTranslator.fields(fieldErrors, m));
    model.put("hasErrors", !errors.isEmpty());
    model.put("form", typed);
    model.put("domains", Forms.options(Vocabulary.DOMAINS, (String) typed.get("domain"), m));
    model.put("targets", List.of(
        new Forms.Option(SavedSearch.POSTINGS, m.get("alerts_target_postings"), !SavedSearch.SOLUTIONS.equals(typed.get("target"))),
        new Forms.Option(SavedSearch.SOLUTIONS, m.get("alerts_target_solutions"), SavedSearch.SOLUTIONS.equals(typed.get("target")))));
    model.put("limit", SavedSearchService.MAX_PER_USER);
    Future.all(
            alerts.settings().get(user).onSuccess(s -> settings(model, s, m)),
            alerts.savedSearches().list(user).onSuccess(all -> model.put("searches", all.stream()
                .map(s -> new Saved(s.id(), s.name(), s.query(), m.get("alerts_target_" + s.target()), filtersText(s, m)))
                .toList())))
        .onSuccess(done -> views.render(ctx, status, "alerts", m.get("alerts_title"), model))
        .onFailure(ctx::fail);
  }

  private static void settings(Map<String, Object> model, NotificationSettings s, Messages m) {
    model.put("deliveries", NotificationSettings.DELIVERIES.stream()
        .map(d -> new Forms.Option(d, m.get("alerts_delivery_" + d), d.equals(s.delivery()))).toList());
    model.put("hours", IntStream.range(0, 24)
        .mapToObj(h -> new Forms.Option(String.valueOf(h), String.format("%02d:00", h), h == s.digestHour())).toList());
  }

  private static String filtersText(SavedSearch s, Messages m) {
    JsonObject f = s.filters();
    return String.join(" · ", FILTERS.stream().filter(f::containsKey)
        .map(k -> f.getValue(k) instanceof JsonArray a ? Cards.terms(a.stream().map(String::valueOf).toList(), m)
            : "kind".equals(k) ? m.get("kind_" + f.getValue(k)) : Terms.name(m, String.valueOf(f.getValue(k))))
        .toList());
  }
}
