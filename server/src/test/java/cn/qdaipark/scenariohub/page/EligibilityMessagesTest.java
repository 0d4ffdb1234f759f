package cn.qdaipark.scenariohub.page;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EligibilityMessagesTest {
  @Test
  @DisplayName("the refusals of the call's rules and of the endorsement read in English on English pages, with their values")
  void rulesRefusalsInEnglish() {
    Messages en = Messages.EN;
    assertThat(MessageTranslator.translate("本榜单申报条件限定牵头单位所在地区为：青岛市、烟台市；「济南某公司」登记的地区为「济南市历下区」", en))
        .isEqualTo("This call admits lead organizations from 青岛市, 烟台市 only; \"济南某公司\" is registered in \"济南市历下区\".");
    assertThat(MessageTranslator.translate("本榜单申报条件规定每家单位最多参与 2 份申报（作为牵头单位或联合体成员），「某公司」已参与 2 份", en))
        .isEqualTo("This call allows each organization at most 2 applications (as lead or partner); \"某公司\" already takes part in 2.");
    assertThat(MessageTranslator.translate("本榜单申报条件要求所提供的方案中至少一个成熟度达到「试点应用」", en))
        .isEqualTo("This call requires at least one offered solution with maturity 试点应用 or higher.");
    assertThat(MessageTranslator.translate("该申报尚未获得推荐单位推荐，不参与评审，不能入围或揭榜", en)).startsWith("This application has not been endorsed");
    assertThat(MessageTranslator.translate("已有单位申报该榜单，不能再修改申报条件", Messages.ZH)).isEqualTo("已有单位申报该榜单，不能再修改申报条件");
  }
}
