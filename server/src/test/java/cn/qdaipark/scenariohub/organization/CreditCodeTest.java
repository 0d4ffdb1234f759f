package cn.qdaipark.scenariohub.organization;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CreditCodeTest {

  @Test
  @DisplayName("a code with the right GB 32100 check character is valid")
  void validCodes() {
    assertThat(CreditCode.isValid("91350100M000100Y43")).isTrue();
    assertThat(CreditCode.isValid("91110000802100433B")).isTrue();
  }

  @Test
  @DisplayName("a wrong check character, a wrong length or a forbidden letter is invalid")
  void invalidCodes() {
    assertThat(CreditCode.isValid("91350100M000100Y44")).isFalse();
    assertThat(CreditCode.isValid("91350100M000100Y4")).isFalse();
    assertThat(CreditCode.isValid("91350100M000I00Y43")).isFalse();
    assertThat(CreditCode.isValid("91350100m000100Y43")).isFalse();
    assertThat(CreditCode.isValid(null)).isFalse();
  }

  @Test
  @DisplayName("the computed check character completes a valid code")
  void checkCharacter() {
    String first17 = "91370212MA3C0000";
    String code = first17 + "1" + CreditCode.checkCharFor(first17 + "1");
    assertThat(CreditCode.isValid(code)).isTrue();
  }
}
