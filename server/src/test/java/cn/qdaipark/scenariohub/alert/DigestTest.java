package cn.qdaipark.scenariohub.alert;

import static cn.qdaipark.scenariohub.alert.SavedSearchApiTest.notifications;
import static cn.qdaipark.scenariohub.alert.SavedSearchApiTest.save;
import static cn.qdaipark.scenariohub.alert.SavedSearchApiTest.search;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.ChallengeFixtures.Account;
import cn.qdaipark.scenariohub.support.Eventually;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.MutableClock;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DigestTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  /** 07:30 in Qingdao, half an hour before the default digest hour. */
  private static final MutableClock clock = new MutableClock(
      ZonedDateTime.of(2026, 11, 27, 7, 30, 0, 0, SHANGHAI).toInstant(), SHANGHAI);
  private static TestApp app;
  private static Api api;
  private static Account government;

  @BeforeAll
  static void start() {
    app = TestApp.start(clock);
    api = app.api;
    government = ChallengeFixtures.verified(app, "government", "青岛市港口管理局");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static void settings(Account who, String delivery, int hour) {
    Api.Response r = api.put("/api/v1/notification-settings", who.token(),
        new JsonObject().put("delivery", delivery).put("digestHour", hour));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  private static long held(Account who) {
    return app.count("SELECT count(*) FROM notifications WHERE held AND user_id = " + who.userId());
  }

  private static long postCall(String title) {
    Api.Response r = api.post("/api/v1/postings", government.token(),
        ChallengeFixtures.challenge(title, java.time.LocalDate.now(clock).plusMonths(2)));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getLong("id");
  }

  @Test
  @DisplayName("settings default to instant at 8, and bad values are 400")
  void settingsApi() {
    Account someone = ChallengeFixtures.verified(app, "buyer", "青岛港集团");
    assertThat(api.get("/api/v1/notification-settings", someone.token()).json())
        .isEqualTo(new JsonObject().put("delivery", "instant").put("digestHour", 8));
    assertThat(api.put("/api/v1/notification-settings", someone.token(), new JsonObject().put("delivery", "weekly"))
        .status()).isEqualTo(400);
    assertThat(api.put("/api/v1/notification-settings", someone.token(),
        new JsonObject().put("delivery", "daily").put("digestHour", 24)).status()).isEqualTo(400);
    assertThat(api.put("/api/v1/notification-settings", null, new JsonObject().put("delivery", "off")).status())
        .isEqualTo(401);
    settings(someone, "daily", 18);
    assertThat(api.get("/api/v1/notification-settings", someone.token()).json())
        .isEqualTo(new JsonObject().put("delivery", "daily").put("digestHour", 18));
  }

  @Test
  @DisplayName("daily delivery holds alerts; after the hour one digest gathers them, once even with two replicas; off creates none")
  void dailyDigest() {
    Account daily = ChallengeFixtures.verified(app, "provider", "青岛日报订阅科技有限公司");
    Account off = ChallengeFixtures.verified(app, "provider", "青岛免打扰科技有限公司");
    Account instant = ChallengeFixtures.verified(app, "provider", "青岛即时通知科技有限公司");
    settings(daily, "daily", 8);
    settings(off, "off", 8);
    for (Account a : List.of(daily, off, instant)) {
      save(api, a, search("港区入侵", "人员入侵识别", "postings", null));
    }

    postCall("港区夜间人员入侵识别揭榜挂帅");
    postCall("码头人员入侵识别与告警揭榜挂帅");
    Eventually.within(Duration.ofSeconds(10), () -> notifications(api, instant, "saved_search").size() == 2);
    Eventually.within(Duration.ofSeconds(10), () -> held(daily) == 2);
    assertThat(notifications(api, daily, "saved_search")).as("held, not shown one by one").isEmpty();
    assertThat(app.count("SELECT count(*) FROM notifications WHERE user_id = " + off.userId())).isZero();

    assertThat(app.app().sendDigests().await()).as("before 8:00 nothing is due").isZero();
    assertThat(notifications(api, daily, "digest")).isEmpty();

    clock.advance(Duration.ofHours(1));
    try (TestApp replica = TestApp.start(Map.of("PG_URL", app.config().pgUrl()), true, clock)) {
      // Both started before either is awaited, so the two replicas race for the same person and day.
      Future<Integer> here = app.app().sendDigests();
      Future<Integer> there = replica.app().sendDigests();
      Future.all(here, there).await();
      assertThat(here.result() + there.result()).isEqualTo(1);
    }
    assertThat(app.app().sendDigests().await()).isZero();
    List<JsonObject> digests = notifications(api, daily, "digest");
    assertThat(digests).hasSize(1);
    assertThat(digests.get(0).getString("title")).contains("2");
    assertThat(digests.get(0).getString("body")).contains("港区夜间人员入侵识别揭榜挂帅").contains("码头人员入侵识别与告警揭榜挂帅");
    assertThat(notifications(api, daily, "saved_search")).isEmpty();
    assertThat(app.count("SELECT count(*) FROM notifications WHERE held AND digest_date IS NULL AND user_id = "
        + daily.userId())).isZero();
    assertThat(notifications(api, instant, "digest")).isEmpty();
    assertThat(app.count("SELECT count(*) FROM notifications WHERE user_id = " + off.userId())).isZero();

    // A new alert after today's digest waits for tomorrow's.
    postCall("港口闸口人员入侵识别揭榜挂帅");
    Eventually.within(Duration.ofSeconds(10), () -> held(daily) == 3);
    assertThat(app.app().sendDigests().await()).isZero();
    clock.advance(Duration.ofDays(1));
    assertThat(app.app().sendDigests().await()).isEqualTo(1);
    assertThat(notifications(api, daily, "digest")).hasSize(2);
  }

  @Test
  @DisplayName("switching from daily to instant shows the held alerts one by one")
  void switchingToInstantReleasesHeld() {
    Account person = ChallengeFixtures.verified(app, "provider", "青岛改主意科技有限公司");
    settings(person, "daily", 23);
    save(api, person, search("堆场", "堆场人员入侵", "postings", null));
    postCall("集装箱堆场人员入侵识别揭榜挂帅");
    Eventually.within(Duration.ofSeconds(10), () -> held(person) == 1);
    assertThat(notifications(api, person, "saved_search")).isEmpty();
    settings(person, "instant", 8);
    assertThat(notifications(api, person, "saved_search")).hasSize(1);
  }
}
