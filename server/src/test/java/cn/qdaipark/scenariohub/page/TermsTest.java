package cn.qdaipark.scenariohub.page;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.vocabulary.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TermsTest {
  @Test
  @DisplayName("every domain, track and maturity has an English name without Chinese characters, and keeps its "
      + "Chinese name on Chinese pages")
  void vocabularyInEnglish() {
    List<String> all = new ArrayList<>(Vocabulary.DOMAINS);
    all.addAll(Vocabulary.TRACKS);
    all.addAll(Vocabulary.MATURITIES);
    for (String term : all) {
      assertThat(Terms.name(Messages.EN, term)).as(term).isNotBlank().doesNotContainPattern("\\p{IsHan}")
          .doesNotStartWith("term_");
      assertThat(Terms.name(Messages.ZH, term)).isEqualTo(term);
    }
  }

  @Test
  @DisplayName("a Qingdao district reads as in English addresses; an unknown region stays as written")
  void regions() {
    assertThat(Terms.name(Messages.EN, "青岛市崂山区")).isEqualTo("Laoshan District, Qingdao");
    assertThat(Terms.name(Messages.EN, "青岛市")).isEqualTo("Qingdao");
    assertThat(Terms.name(Messages.EN, "青岛市胶州市")).isEqualTo("Jiaozhou, Qingdao");
    assertThat(Terms.name(Messages.EN, "烟台市芝罘区")).isEqualTo("烟台市芝罘区");
    assertThat(Terms.name(Messages.EN, "青岛市某新区")).isEqualTo("青岛市某新区");
  }

  @Test
  @DisplayName("amounts in 万元 read as CNY millions from a million on, in whole yuan below it; Chinese keeps 万元")
  void amounts() {
    assertThat(Terms.wan(Messages.EN, 250)).isEqualTo("CNY 2.5 million");
    assertThat(Terms.wan(Messages.EN, 100)).isEqualTo("CNY 1 million");
    assertThat(Terms.wan(Messages.EN, 12_345)).isEqualTo("CNY 123.45 million");
    assertThat(Terms.wan(Messages.EN, 50)).isEqualTo("CNY 500,000");
    assertThat(Terms.wan(Messages.EN, 1)).isEqualTo("CNY 10,000");
    assertThat(Terms.wan(Messages.ZH, 250)).isEqualTo("250万元");
  }
}
