package cn.qdaipark.scenariohub.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PanelVerdictTest {
  private static final List<String> THREE = List.of("准确率", "延迟", "稳定性");

  private static Score s(long member, String requirement, String verdict) {
    return new Score(member, requirement, verdict, "");
  }

  @Test
  @DisplayName("the majority decides each requirement; a tie takes the lower verdict")
  void majorityAndTies() {
    PanelVerdict v = PanelVerdict.of(List.of("准确率", "延迟"), List.of(
        s(1, "准确率", "met"), s(2, "准确率", "met"), s(3, "准确率", "not_met"),
        s(1, "延迟", "met"), s(2, "延迟", "partly"), s(3, "延迟", "not_met"), s(4, "延迟", "met"), s(5, "延迟", "partly")));
    assertThat(v.items().get(0).verdict()).isEqualTo("met");
    assertThat(v.items().get(1).verdict()).as("2 met against 2 partly").isEqualTo("partly");
    assertThat(v.items().get(1).notMet()).isEqualTo(1);
  }

  @Test
  @DisplayName("passes with no requirement not met and at most a third partly")
  void passingRule() {
    assertThat(PanelVerdict.of(THREE, List.of(s(1, "准确率", "partly"), s(1, "延迟", "met"), s(1, "稳定性", "met")))
        .passes()).isTrue();
    assertThat(PanelVerdict.of(THREE, List.of(s(1, "准确率", "partly"), s(1, "延迟", "partly"), s(1, "稳定性", "met")))
        .passes()).isFalse();
    assertThat(PanelVerdict.of(THREE, List.of(s(1, "准确率", "not_met"), s(1, "延迟", "met"), s(1, "稳定性", "met")))
        .passes()).isFalse();
    PanelVerdict all = PanelVerdict.of(THREE, List.of(s(1, "准确率", "met"), s(1, "延迟", "met"), s(1, "稳定性", "met")));
    assertThat(all.passes()).isTrue();
    assertThat(PanelVerdict.fromJson(all.toJson())).isEqualTo(all);
  }
}
