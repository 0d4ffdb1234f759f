package cn.qdaipark.scenariohub.demo;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DemoDataTest {
  private static TestApp app;

  @BeforeAll
  static void start() {
    // as deployed: no DEMO_PASSWORD, so each demo account gets a generated one
    app = TestApp.start(Map.of("DEMO_DATA", "true", "DEMO_PASSWORD", ""));
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
  @DisplayName("each demo account logs in with its role and the password generated for it at the first start; the "
      + "passwords of the demo set's earlier versions, written in its source, let no one in")
  void demoAccountsLogIn() {
    List<DemoData.Account> accounts = app.bootstrap().demoAccounts();
    assertThat(accounts).extracting(DemoData.Account::role)
        .containsExactlyInAnyOrder("provider", "government", "buyer");
    assertThat(accounts).extracting(DemoData.Account::password).doesNotHaveDuplicates()
        .allMatch(password -> password.length() >= 20);
    for (DemoData.Account account : accounts) {
      assertThat(app.api.login(account.email(), account.password())).as(account.email()).isNotBlank();
    }
    for (String[] old : new String[][] {{"provider@demo.scenariohub.cn", "Demo#2026Supply"},
        {"government@demo.scenariohub.cn", "Demo#2026Gov"}, {"buyer@demo.scenariohub.cn", "Demo#2026Demand"}}) {
      assertThat(app.api.send("POST", "/api/v1/auth/login", null,
          new JsonObject().put("email", old[0]).put("password", old[1]).encode(), "application/json").status())
          .as(old[0]).isEqualTo(401);
    }
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
