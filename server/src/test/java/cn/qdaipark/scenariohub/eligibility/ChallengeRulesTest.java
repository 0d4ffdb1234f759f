package cn.qdaipark.scenariohub.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChallengeRulesTest {
  private static ChallengeRules rules(List<String> regions, String maturity) {
    return new ChallengeRules(regions, maturity, true, null, null, null);
  }

  @Test
  @DisplayName("a listed region admits itself and its districts; no regions admit everyone, even an empty region")
  void regions() {
    ChallengeRules qingdao = rules(List.of("青岛市", "烟台市芝罘区"), null);
    assertThat(qingdao.admitsRegion("青岛市")).isTrue();
    assertThat(qingdao.admitsRegion("青岛市黄岛区")).isTrue();
    assertThat(qingdao.admitsRegion("烟台市芝罘区")).isTrue();
    assertThat(qingdao.admitsRegion("烟台市莱山区")).isFalse();
    assertThat(qingdao.admitsRegion("")).isFalse();
    assertThat(ChallengeRules.DEFAULT.admitsRegion("")).isTrue();
  }

  @Test
  @DisplayName("a minimum maturity is reached by itself and by every more mature stage, in the vocabulary's order")
  void maturity() {
    ChallengeRules pilot = rules(List.of(), "试点应用");
    assertThat(pilot.reachedBy("规模化应用")).isTrue();
    assertThat(pilot.reachedBy("试点应用")).isTrue();
    assertThat(pilot.reachedBy("原型验证")).isFalse();
    assertThat(pilot.reachedBy(null)).isFalse();
    assertThat(ChallengeRules.DEFAULT.reachedBy(null)).isTrue();
  }
}
