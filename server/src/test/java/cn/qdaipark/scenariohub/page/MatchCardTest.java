package cn.qdaipark.scenariohub.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The compact match card of a call or demand page")
class MatchCardTest {
  private static final Cards.SolutionCard SOLUTION = new Cards.SolutionCard(7, "港口吊机远程监控", "", List.of("空天地海"),
      "复杂算法软件研发", "试点应用", "青岛市", 3, "青岛测试科技", true, "published", "已发布", null, "2026-12-07");

  @Test
  @DisplayName("reads 满足 x/y from the requirements reason and shows the first two other reasons on the card")
  void coverageAndTopReasons() {
    Cards.SolutionMatch match = Cards.solutionMatch(SOLUTION, 1, "0.91", List.of(
        new Cards.Reason("terms", "命中关键词：吊机、监控"), new Cards.Reason("semantic", "语义相似度 0.84"),
        new Cards.Reason("domain", "同属空天地海场景"), new Cards.Reason("requirements", "满足 3/4 项要求：✓a ✓b ✓c ✗d")));
    assertThat(match.coverage()).isEqualTo(new Cards.Coverage(3, 4, false));
    assertThat(match.topReasons()).extracting(Cards.Reason::kind).containsExactly("terms", "semantic");
    assertThat(match.reasons()).hasSize(4);
  }

  @Test
  @DisplayName("marks a solution that meets none of the requirements")
  void meetsNone() {
    Cards.SolutionMatch match = Cards.solutionMatch(SOLUTION, 9, "0.40", List.of(
        new Cards.Reason("requirements", "满足 0/3 项要求：✗a ✗b ✗c"), new Cards.Reason("semantic", "语义相似度 0.52")));
    assertThat(match.coverage().none()).isTrue();
    assertThat(match.topReasons()).extracting(Cards.Reason::kind).containsExactly("semantic");
  }

  @Test
  @DisplayName("shows no coverage when the posting has no requirement the matcher could judge")
  void noRequirements() {
    Cards.SolutionMatch match = Cards.solutionMatch(SOLUTION, 2, "0.70", List.of(new Cards.Reason("terms", "命中关键词：港口")));
    assertThat(match.coverage()).isNull();
  }
}
