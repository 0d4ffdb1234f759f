package cn.qdaipark.scenariohub.showcase;

import cn.qdaipark.scenariohub.audit.AuditLog;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.db.Cursors;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.InTransaction;
import cn.qdaipark.scenariohub.http.Page;
import cn.qdaipark.scenariohub.http.PageRequest;
import cn.qdaipark.scenariohub.image.ImageSanitizer;
import cn.qdaipark.scenariohub.image.SanitizedImage;
import cn.qdaipark.scenariohub.validation.Validator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The demonstration scenarios: the public showcase, the issuer's edits (story, indicators, pictures) and the
 * figures of the 100-scenario tracker. Only members of the issuing organization and admins edit a scenario.
 */
public final class ShowcaseService {
  /** The park counts its scenarios in China's time zone, whatever the server's. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  public static final int EDGE = 1600;
  public static final int THUMBNAIL_EDGE = 480;

  private final Vertx vertx;
  private final Pool pool;
  private final ScenarioRepository scenarios;
  private final AuditLog audit;
  private final ImageSanitizer sanitizer = new ImageSanitizer(EDGE, THUMBNAIL_EDGE);
  private final Clock clock;

  public ShowcaseService(Vertx vertx, Pool pool, ScenarioRepository scenarios, AuditLog audit, Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.scenarios = scenarios;
    this.audit = audit;
    this.clock = clock;
  }

  /** The 100-scenario tracker: the count, the pipeline behind it, per domain, per month, and the estimate. */
  public record Tracker(long scenarios, long pipelineCalls, long pipelinePilots, List<ScenarioRepository.DomainRow> byDomain,
                        List<Forecast.Month> months, Optional<Forecast.Estimate> estimate) {
  }

  public Future<Page<Scenario>> list(ScenarioRepository.Filter filter, PageRequest page) {
    return scenarios.list(pool, filter, page);
  }

  public Future<ScenarioRepository.Facets> facets() {
    return scenarios.facets(pool);
  }

  /** The id of the scenario a posting became, if any. */
  public Future<Optional<Long>> scenarioOf(long postingId) {
    return scenarios.idOfPosting(pool, postingId);
  }

  /** A public scenario, or one its issuer (or an admin) may still see while its posting is hidden. */
  public Future<Scenario> get(Optional<CurrentUser> user, long id) {
    return scenarios.findById(pool, id).map(found -> found
        .filter(s -> s.visible() || user.map(u -> mayEdit(u, s)).orElse(false))
        .orElseThrow(() -> ApiException.notFound("示范场景")));
  }

  /** Whether this person may edit the scenario: a member of the issuing organization, or an admin. */
  public static boolean mayEdit(CurrentUser user, Scenario s) {
    return user.isAdmin() || user.belongsTo(s.organizationId());
  }

  /** Validates an edit ({@code title}, {@code summary}, {@code indicators}, {@code version}) and saves it. */
  public Future<Scenario> update(CurrentUser user, long id, JsonObject body) {
    return editable(user, id).compose(s -> {
      Edit edit = Edit.read(body);
      return pool.withTransaction(db -> scenarios.update(db, id, edit.version(), edit.title(), edit.summary(),
                  edit.indicators())
              .compose(saved -> saved ? Future.<Void>succeededFuture()
                  : Future.<Void>failedFuture(ApiException.conflict("示范场景已被他人修改，请刷新后重试")))
              .compose(ok -> audit.record(db, user.id(), "scenario.update", "scenario", id,
                  new JsonObject().put("title", edit.title()).put("indicators", edit.indicators().size()))))
          .compose(done -> get(Optional.of(user), id));
    });
  }

  /**
   * Adds a picture: checked and re-encoded by content on a worker thread, then stored under a lock on the scenario,
   * so two uploads cannot both take the last of the {@link Scenario#MAX_IMAGES} places.
   */
  public Future<Scenario> addImage(CurrentUser user, long id, String caption, Buffer upload,
                                   InTransaction<Scenario.ImageRef> answer) {
    return editable(user, id).compose(s -> {
      Validator v = new Validator(new JsonObject().put("caption", caption == null ? "" : caption));
      String cleanCaption = v.line("caption", false, 0, Scenario.MAX_CAPTION);
      v.throwIfInvalid();
      if (s.images().size() >= Scenario.MAX_IMAGES) {
        return Future.failedFuture(tooMany());
      }
      return vertx.executeBlocking(() -> sanitizer.sanitize(upload.getBytes()), false)
          .compose(image -> pool.withTransaction(db -> scenarios.lockAndCountImages(db, id)
              .compose(count -> count >= Scenario.MAX_IMAGES ? Future.failedFuture(tooMany())
                  : scenarios.insertImage(db, id, stored(cleanCaption, image), user.id()))
              .compose(imageId -> audit.record(db, user.id(), "scenario.image_add", "scenario", id,
                      new JsonObject().put("imageId", imageId).put("bytes", image.data().length))
                  .compose(ok -> answer.run(db, new Scenario.ImageRef(imageId, cleanCaption, image.width(),
                      image.height()))))))
          .compose(done -> get(Optional.of(user), id));
    });
  }

  public Future<Scenario> deleteImage(CurrentUser user, long id, long imageId) {
    return editable(user, id).compose(s -> pool.withTransaction(db -> scenarios.deleteImage(db, id, imageId)
            .compose(deleted -> deleted ? audit.record(db, user.id(), "scenario.image_delete", "scenario", id,
                new JsonObject().put("imageId", imageId)) : Future.failedFuture(ApiException.notFound("图片")))))
        .compose(done -> get(Optional.of(user), id));
  }

  public Future<ScenarioRepository.ImageBytes> image(long id, long imageId, boolean thumbnail) {
    return scenarios.image(pool, id, imageId, thumbnail)
        .map(found -> found.orElseThrow(() -> ApiException.notFound("图片")));
  }

  public Future<Tracker> tracker() {
    Future<List<OffsetDateTime>> dates = scenarios.acceptedDates(pool);
    Future<List<ScenarioRepository.DomainRow>> domains = scenarios.byDomain(pool);
    return Future.all(dates, domains).map(all -> {
      List<YearMonth> accepted = dates.result().stream()
          .map(at -> YearMonth.from(at.atZoneSameInstant(ZONE))).toList();
      List<Forecast.Month> months = Forecast.months(accepted, YearMonth.now(clock.withZone(ZONE)));
      long calls = domains.result().stream().mapToLong(ScenarioRepository.DomainRow::calls).sum();
      long pilots = domains.result().stream().mapToLong(ScenarioRepository.DomainRow::pilots).sum();
      return new Tracker(accepted.size(), calls, pilots, domains.result(), months, Forecast.estimate(months));
    });
  }

  /** Every public scenario through one cursor, for the open-data CSV. */
  public Future<Void> stream(int fetch, Function<RowStream<Row>, Future<Void>> consume) {
    return Cursors.read(pool, conn -> scenarios.stream(conn, fetch), consume);
  }

  /** The scenario, for a person who may edit it (403 for anyone else). */
  public Future<Scenario> editable(CurrentUser user, long id) {
    return get(Optional.of(user), id).compose(s -> mayEdit(user, s) ? Future.succeededFuture(s)
        : Future.failedFuture(ApiException.forbidden("只有发布单位可以编辑示范场景")));
  }

  private static ApiException tooMany() {
    return ApiException.conflict("每个示范场景最多 " + Scenario.MAX_IMAGES + " 张图片，请先删除不需要的图片");
  }

  /** A sanitized picture as the repository stores it, with the checksum its address is cached by. */
  public static ScenarioRepository.NewImage stored(String caption, SanitizedImage image) {
    return new ScenarioRepository.NewImage(caption, image.contentType(), image.data(), image.thumbnail(), image.width(),
        image.height(), sha256(image.data()));
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A valid edit of a scenario. */
  record Edit(String title, String summary, List<Scenario.Indicator> indicators, int version) {
    static Edit read(JsonObject body) {
      Validator v = new Validator(body);
      String title = v.title("title", true, 2, Scenario.MAX_TITLE);
      String summary = v.text("summary", false, 0, Scenario.MAX_SUMMARY);
      Integer version = v.version("version");
      Map<String, String> errors = new LinkedHashMap<>(v.errors());
      List<Scenario.Indicator> indicators = new ArrayList<>();
      Object raw = body.getValue("indicators");
      if (raw != null && !(raw instanceof JsonArray)) {
        errors.put("indicators", "必须是列表");
      } else if (raw != null) {
        JsonArray list = (JsonArray) raw;
        if (list.size() > Scenario.MAX_INDICATORS) {
          errors.put("indicators", "最多 " + Scenario.MAX_INDICATORS + " 项指标");
        }
        for (int i = 0; i < list.size() && i < Scenario.MAX_INDICATORS; i++) {
          if (!(list.getValue(i) instanceof JsonObject item)) {
            errors.put("indicators", "每一项都必须是对象 {name, before, after, unit}");
            break;
          }
          Validator iv = new Validator(item);
          Scenario.Indicator indicator = new Scenario.Indicator(iv.line("name", true, 1, 60), iv.line("before", false, 0, 40),
              iv.line("after", false, 0, 40), iv.line("unit", false, 0, 20));
          int n = i;
          iv.errors().forEach((field, message) -> errors.put("indicators[" + n + "]." + field, message));
          indicators.add(indicator);
        }
      }
      if (!errors.isEmpty()) {
        throw ApiException.validation(errors);
      }
      return new Edit(title, summary, indicators, version);
    }
  }
}
