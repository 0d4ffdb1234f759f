package cn.qdaipark.scenariohub.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VectorImportMessagesTest {
  private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

  @ParameterizedTest
  @ValueSource(strings = {
      "embedding：必须是对象 {\"model\": …, \"vector\": […]}",
      "embedding：model 必须是 bge-small-zh-v1.5（本实例的向量模型），收到：text-embedding-3-small",
      "embedding：vector 必须是数组",
      "embedding：vector 必须有 512 个数，收到 1000001 个",
      "embedding：vector 第 8 个值不是有限的数：NaN",
      "embedding：vector 必须是单位向量（模长在 0.98 到 1.02 之间），收到模长 2.0000"})
  @DisplayName("each problem of an import line's vector reads in English on the English import page")
  void vectorProblemsReadInEnglish(String message) {
    String english = MessageTranslator.translate(message, Messages.EN);
    assertThat(english).startsWith("embedding: ").doesNotContainPattern(HAN);
  }

  @Test
  @DisplayName("the numbers and the expected model are carried over into the English wording")
  void keepsTheFigures() {
    assertThat(MessageTranslator.translate("embedding：vector 必须有 512 个数，收到 2 个", Messages.EN))
        .isEqualTo("embedding: vector must have 512 numbers, got 2");
    assertThat(MessageTranslator.translate(
        "embedding：model 必须是 bge-small-zh-v1.5（本实例的向量模型），收到：other", Messages.EN))
        .contains("bge-small-zh-v1.5").contains("other");
  }
}
