package cn.qdaipark.scenariohub.demo;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.TestApp;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DemoDataTest {
  private static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("DEMO_DATA", "true"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  @DisplayName("a first start shows a living showcase: accepted calls and landed demands with stories and pictures")
  void demonstrationScenarios() {
    assertThat(app.count("SELECT count(*) FROM scenarios")).isBetween(3L, 5L);
    assertThat(app.count("SELECT count(DISTINCT domain) FROM scenarios")).isGreaterThanOrEqualTo(3);
    assertThat(app.count("SELECT count(DISTINCT district) FROM scenarios")).isGreaterThanOrEqualTo(3);
    assertThat(app.count("SELECT count(*) FROM scenarios s JOIN postings p ON p.id = s.posting_id "
        + "WHERE p.kind = 'demand' AND p.status = 'landed'")).isGreaterThanOrEqualTo(1);
    assertThat(app.count("SELECT count(*) FROM scenarios s JOIN postings p ON p.id = s.posting_id "
        + "WHERE p.kind = 'challenge' AND p.status = 'accepted'")).isGreaterThanOrEqualTo(1);
    assertThat(app.count("SELECT count(*) FROM scenarios WHERE summary = '' OR jsonb_array_length(indicators) = 0 "
        + "OR cardinality(consortium_ids) = 0 OR cardinality(solution_ids) = 0")).isZero();
    assertThat(app.count("SELECT count(*) FROM scenarios s WHERE NOT EXISTS "
        + "(SELECT 1 FROM scenario_images i WHERE i.scenario_id = s.id)")).isZero();
    assertThat(app.api.get("/showcase", null).body()).contains("class=\"card sc-card\"");
  }

  @Test
  @DisplayName("the demo set has at least 60 published solutions over all six domains and three tracks")
  void solutionsCoverDomainsAndTracks() {
    assertThat(app.count("SELECT count(*) FROM solutions WHERE status = 'published'")).isGreaterThanOrEqualTo(60);
    assertThat(app.count("SELECT count(DISTINCT d) FROM solutions, unnest(domains) d")).isEqualTo(6);
    assertThat(app.count("SELECT count(DISTINCT track) FROM solutions")).isEqualTo(3);
  }

  @Test
  @DisplayName("the demo set has at least 15 open postings of both kinds")
  void postingsOfBothKinds() {
    assertThat(app.count("SELECT count(*) FROM postings WHERE status = 'open'")).isGreaterThanOrEqualTo(15);
    assertThat(app.count("SELECT count(DISTINCT kind) FROM postings")).isEqualTo(2);
  }

  @Test
  @DisplayName("each demo account logs in with its role")
  void demoAccountsLogIn() {
    assertThat(app.api.login("provider@demo.scenariohub.cn", "Demo#2026Supply")).isNotBlank();
    assertThat(app.api.login("government@demo.scenariohub.cn", "Demo#2026Gov")).isNotBlank();
    assertThat(app.api.login("buyer@demo.scenariohub.cn", "Demo#2026Demand")).isNotBlank();
    assertThat(app.count("SELECT count(DISTINCT role) FROM users")).isEqualTo(4);
  }

  @Test
  @DisplayName("loading again into a non-empty database adds nothing")
  void loadsOnlyOnce() {
    long before = app.count("SELECT count(*) FROM solutions");
    app.bootstrapAgain();
    assertThat(app.count("SELECT count(*) FROM solutions")).isEqualTo(before);
  }
}
