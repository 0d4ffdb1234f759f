package cn.qdaipark.scenariohub.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReviewTableTest {
  private static final Rubric RUBRIC = new Rubric(List.of(new Rubric.Criterion("技术方案", 60),
      new Rubric.Criterion("实施能力", 40)));

  @Test
  @DisplayName("applications rank by weighted total, with per-criterion averages and the spread between reviewers")
  void ranks() {
    List<ReviewTable.Entry> entries = List.of(new ReviewTable.Entry(1, "甲公司", List.of(), "submitted"),
        new ReviewTable.Entry(2, "乙公司", List.of("丙研究院"), "submitted"),
        new ReviewTable.Entry(3, "丁公司", List.of(), "submitted"));
    List<ReviewTable.Score> scores = List.of(
        new ReviewTable.Score(1, 10, "技术方案", 70), new ReviewTable.Score(1, 10, "实施能力", 80),
        new ReviewTable.Score(2, 10, "技术方案", 90), new ReviewTable.Score(2, 10, "实施能力", 90),
        new ReviewTable.Score(2, 11, "技术方案", 70), new ReviewTable.Score(2, 11, "实施能力", 50));
    JsonArray table = ReviewTable.rank(RUBRIC, entries, scores);

    JsonObject first = table.getJsonObject(0);
    assertThat(first.getLong("applicationId")).isEqualTo(2);
    assertThat(first.getInteger("rank")).isEqualTo(1);
    assertThat(first.getInteger("reviewerCount")).isEqualTo(2);
    // reviewer 10: 90×0.6 + 90×0.4 = 90; reviewer 11: 70×0.6 + 50×0.4 = 62
    assertThat(first.getDouble("weightedTotal")).isEqualTo(76.0);
    assertThat(first.getDouble("spread")).isEqualTo(28.0);
    JsonObject technical = first.getJsonArray("criteria").getJsonObject(0);
    assertThat(technical.getDouble("average")).isEqualTo(80.0);
    assertThat(technical.getInteger("spread")).isEqualTo(20);
    assertThat(table.getJsonObject(1).getDouble("weightedTotal")).isEqualTo(74.0);
    assertThat(table.getJsonObject(2).getLong("applicationId")).isEqualTo(3);
    assertThat(table.getJsonObject(2).getValue("weightedTotal")).isNull();
  }

  @Test
  @DisplayName("a rubric whose weights do not sum to 100 is refused with the actual sum")
  void weightsMustSumTo100() {
    assertThatThrownBy(() -> Rubric.read(ChallengeFixtures.rubric(60, 30)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.toJson().encode()).contains("当前为 90"));
    assertThat(Rubric.read(ChallengeFixtures.rubric(50, 30, 20)).criteria()).hasSize(3);
  }

  @Test
  @DisplayName("rubric criteria need unique names and whole weights from 1 to 100")
  void criteriaChecked() {
    JsonObject duplicate = new JsonObject().put("criteria", new JsonArray()
        .add(new JsonObject().put("name", "技术方案").put("weight", 50))
        .add(new JsonObject().put("name", "技术方案").put("weight", 50)));
    assertThatThrownBy(() -> Rubric.read(duplicate)).hasMessageContaining("提交的内容有误");
    JsonObject fractional = new JsonObject().put("criteria", new JsonArray()
        .add(new JsonObject().put("name", "技术方案").put("weight", 50.5))
        .add(new JsonObject().put("name", "实施能力").put("weight", 49.5)));
    assertThatThrownBy(() -> Rubric.read(fractional)).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> Rubric.read(new JsonObject())).isInstanceOf(ApiException.class);
  }
}
