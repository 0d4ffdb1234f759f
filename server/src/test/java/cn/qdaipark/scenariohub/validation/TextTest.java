package cn.qdaipark.scenariohub.validation;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.validation.Text.Kind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Text: the one rule for every text field")
class TextTest {
  @Test
  @DisplayName("every kind refuses NUL, other controls, unpaired surrogates, bidi overrides and isolates")
  void refusedEverywhere() {
    for (Kind kind : Kind.values()) {
      assertThat(Text.problem("焊缝\u0000检测", kind)).as(kind.name()).contains("控制字符");
      assertThat(Text.problem("焊缝\u001B检测", kind)).as(kind.name()).contains("控制字符");
      assertThat(Text.problem("焊缝\u0085检测", kind)).as(kind.name()).contains("控制字符");
      assertThat(Text.problem("焊缝\uD800检测", kind)).as(kind.name()).contains("代理项");
      assertThat(Text.problem("焊缝\uDC00", kind)).as(kind.name()).contains("代理项");
      assertThat(Text.problem("焊缝\u202E检测", kind)).as(kind.name()).contains("方向");
      assertThat(Text.problem("焊缝\u2066检测", kind)).as(kind.name()).contains("方向");
      assertThat(Text.problem("\u200B\uFEFF\u00A0\u200D", kind)).as(kind.name()).contains("不可见");
      assertThat(Text.problem("焊缝\tX光😀检测", kind)).as(kind.name()).isNull();
      assertThat(Text.problem("   ", kind)).as(kind.name()).isNull();
    }
  }

  @Test
  @DisplayName("line breaks only in multi-line text; zero-width and other invisible characters not in titles and names")
  void byKind() {
    assertThat(Text.problem("第一行\r\n第二行", Kind.MULTI_LINE)).isNull();
    assertThat(Text.problem("第一行\n第二行", Kind.LINE)).contains("换行");
    assertThat(Text.problem("第一行\u2028第二行", Kind.NAME)).contains("换行");
    assertThat(Text.problem("说明👨\u200D💻文字", Kind.MULTI_LINE)).isNull();
    assertThat(Text.problem("青岛智算\u200B科技", Kind.LINE)).isNull();
    assertThat(Text.problem("青岛智算\u200B科技", Kind.TITLE)).contains("不可见");
    assertThat(Text.problem("青岛智算\u00AD科技", Kind.NAME)).contains("不可见");
    assertThat(Text.problem("青岛智算\u3164科技", Kind.NAME)).contains("不可见");
  }

  @Test
  @DisplayName("non-characters are refused; only spaces is blank (an untouched field), only invisible characters is not")
  void nonCharactersAndBlank() {
    assertThat(Text.problem("焊缝\uFFFE", Kind.MULTI_LINE)).contains("无效");
    assertThat(Text.problem("焊缝\uFDD0检测", Kind.LINE)).contains("无效");
    assertThat(Text.problem("焊缝\uDBFF\uDFFF", Kind.LINE)).contains("无效");
    assertThat(Text.blank(" \t\u3000")).isTrue();
    assertThat(Text.blank("\u00A0")).isFalse();
    assertThat(Text.visible("\u00A0\u200B\u3164")).isFalse();
    assertThat(Text.visible("\u200B焊")).isTrue();
    assertThat(Text.visible("\uFFFD\uFFFD")).isFalse();
    assertThat(Text.visible("\u0301\u0308")).isFalse();
    assertThat(Text.visible("e\u0301")).isTrue();
    assertThat(Text.problem("\u0301\uFFFD", Kind.LINE)).contains("不可见");
  }

  @Test
  @DisplayName("the validator reads each field by its kind and names the list item that is wrong")
  void validatorByKind() {
    Validator v = new Validator(new JsonObject().put("tags", new JsonArray().add("焊缝").add("检测\u0000"))
        .put("title", " 港口ＡＩ巡检\u200B").put("orgName", "港口ＡＩ巡检").put("region", "\u200B\u00A0")
        .put("summary", 42));
    assertThat(v.list("tags", 0, 10, 20)).isEmpty();
    assertThat(v.line("title", true, 1, 20)).isEqualTo("港口ＡＩ巡检");
    assertThat(v.name("orgName", true, 1, 20)).isEqualTo("港口AI巡检");
    v.line("region", true, 1, 20);
    v.text("summary", true, 1, 20);
    assertThat(v.errors()).containsOnlyKeys("tags", "region", "summary");
    assertThat(v.errors().get("tags")).startsWith("第 2 项").contains("控制字符");
    assertThat(v.errors().get("region")).contains("不可见");
    assertThat(v.errors().get("summary")).isEqualTo("必须是文本");
  }

  @Test
  @DisplayName("a version is a positive whole number: 3 or 3.0, never absent, 0, -1, \"3\", 2.5 or beyond an int")
  void versions() {
    Validator v = new Validator(new JsonObject().put("a", 3).put("b", 3.0).put("c", 0).put("d", -1).put("e", "3")
        .put("f", 2.5).put("g", 3_000_000_000L));
    assertThat(v.version("a")).isEqualTo(3);
    assertThat(v.version("b")).isEqualTo(3);
    for (String field : List.of("c", "d", "e", "f", "g", "absent")) {
      assertThat(v.version(field)).as(field).isNull();
    }
    assertThat(v.errors()).containsOnlyKeys("c", "d", "e", "f", "g", "absent");
  }

  @Test
  @DisplayName("names that look alike are stored alike: NFKC, one space between words, nothing invisible at the ends")
  void lookAlikeNames() {
    assertThat(Text.clean("　青岛　智算谷\u00A0 科技（ＡＩ）有限公司 ", Kind.NAME)).isEqualTo("青岛 智算谷 科技(AI)有限公司");
    assertThat(Text.clean("ﬁnance", Kind.NAME)).isEqualTo("finance");
    assertThat(Text.clean("\uFEFF 港口（一期） \u200B", Kind.TITLE)).isEqualTo("港口（一期）");
  }

  @Test
  @DisplayName("a whole number is 3 or 3.0, never 3.5, text or a number beyond a long")
  void wholeNumbers() {
    Validator v = new Validator(new JsonObject().put("a", 3.0).put("b", 3.5).put("c", "3")
        .put("d", new BigInteger("99999999999999999999")).put("version", 2.5).put("w", 1e300));
    assertThat(v.wholeNumber("a", 0, 0, 10)).isEqualTo(3);
    v.wholeNumber("b", 0, 0, 10);
    v.wholeNumber("c", 0, 0, 10);
    v.wholeNumber("d", 0, 0, Long.MAX_VALUE);
    v.wholeNumber("w", 0, 0, Long.MAX_VALUE);
    assertThat(v.version("version")).isNull();
    assertThat(v.errors()).containsOnlyKeys("b", "c", "d", "version", "w");
    assertThat(v.errors().get("version")).contains("正整数");
  }
}
