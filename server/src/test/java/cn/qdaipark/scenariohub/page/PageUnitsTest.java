package cn.qdaipark.scenariohub.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Page-layer helpers: CSV reading, message translation, deadline windows")
class PageUnitsTest {

  @Test
  @DisplayName("CSV: plain, quoted, embedded commas, line breaks and doubled quotes, CRLF and a missing last newline")
  void csvFields() throws Exception {
    List<Csv.Row> rows = Csv.parse("\uFEFFa,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",\r\n\"\",,last");
    assertThat(rows).extracting(Csv.Row::fields).containsExactly(
        List.of("a", "b", "c"), List.of("1", "x, y", "say \"hi\""), List.of("2", "two\nlines", ""), List.of("", "", "last"));
    assertThat(rows).extracting(Csv.Row::number).containsExactly(1, 2, 3, 4);
    assertThat(rows).extracting(Csv.Row::line).containsExactly(1, 2, 3, 5);
    assertThat(Csv.parse("")).isEmpty();
    assertThat(Csv.parse("a\n\nb\n")).extracting(Csv.Row::fields).containsExactly(List.of("a"), List.of(""), List.of("b"));
  }

  @Test
  @DisplayName("CSV: an unterminated quote or text after a closing quote is reported at its record")
  void csvMalformed() {
    assertThatThrownBy(() -> Csv.parse("a,b\n1,\"open\n2,3\n")).isInstanceOfSatisfying(Csv.Malformed.class,
        e -> assertThat(e.row()).isEqualTo(2));
    assertThatThrownBy(() -> Csv.parse("a\n\"x\"y\n")).isInstanceOfSatisfying(Csv.Malformed.class,
        e -> assertThat(e.key()).isEqualTo("csv_after_quote"));
  }

  @Test
  @DisplayName("CSV to NDJSON: list fields split on | and ；, integer budgets become numbers, rows are remembered")
  void csvToNdjson() {
    CsvImport.Converted c = CsvImport.convert("key,kind,title,budgetWan,requirements\n"
        + "D1,demand,需求一,120,准确率≥99%|延迟≤2秒；7x24运行\n\n" + "D2,challenge,需求二,很多,\n", true);
    assertThat(c.problems()).isEmpty();
    String[] lines = c.ndjson().split("\n");
    assertThat(lines).hasSize(2);
    JsonObject first = new JsonObject(lines[0]);
    assertThat(first.getLong("budgetWan")).isEqualTo(120L);
    assertThat(first.getJsonArray("requirements").getList()).containsExactly("准确率≥99%", "延迟≤2秒", "7x24运行");
    assertThat(new JsonObject(lines[1]).getString("budgetWan")).isEqualTo("很多");
    assertThat(new JsonObject(lines[1]).containsKey("requirements")).isFalse();
    assertThat(c.rowOf(1)).isEqualTo(2);
    assertThat(c.rowOf(2)).isEqualTo(4);
    assertThat(CsvImport.convert("key,colour\nx,red\n", false).problems()).extracting(CsvImport.Problem::key)
        .containsExactly("csv_unknown_column");
    assertThat(CsvImport.convert("key,title\nx,y,z\n", false).problems()).extracting(CsvImport.Problem::row)
        .containsExactly(2);
    assertThat(CsvImport.convert("", false).problems()).extracting(CsvImport.Problem::key).containsExactly("csv_no_header");
  }

  @Test
  @DisplayName("CSV files saved by a Chinese Excel (GB18030) are read as well as UTF-8")
  void csvEncodings() {
    String text = "key,title\nS1,钢材缺陷检测\n";
    assertThat(CsvImport.decode(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
    assertThat(CsvImport.decode(text.getBytes(Charset.forName("GB18030")))).isEqualTo(text);
    assertThat(CsvImport.isCsv("Data.CSV", null)).isTrue();
    assertThat(CsvImport.isCsv("data.jsonl", "application/x-ndjson")).isFalse();
  }

  @Test
  @DisplayName("validation messages: every Validator, AuthService and PostingInput shape has an English wording")
  void translatesKnownMessages() {
    Messages en = Messages.EN;
    Map<String, String> cases = Map.ofEntries(
        Map.entry("必填", "Required"),
        Map.entry("必须是文本", "Must be text"),
        Map.entry("至少 4 个字", "At least 4 characters"),
        Map.entry("不能超过 120 个字", "At most 120 characters"),
        Map.entry("含有不可见的控制字符", "Contains invisible control characters"),
        Map.entry("取值必须是以下之一：规模化应用、试点应用", "Must be one of: 规模化应用, 试点应用"),
        Map.entry("必须是列表", "Must be a list"),
        Map.entry("每一项都必须是非空文本", "Every item must be non-empty text"),
        Map.entry("每一项不能超过 30 个字", "Each item may have at most 30 characters"),
        Map.entry("至少填写 1 项", "Enter at least one item"),
        Map.entry("至少填写 2 项", "Enter at least 2 items"),
        Map.entry("最多 10 项", "At most 10 items"),
        Map.entry("「火星」不是有效取值，可选：工业智能、智慧城市", "\"火星\" is not a valid value; choose from: 工业智能, 智慧城市"),
        Map.entry("必须是整数", "Must be a whole number"),
        Map.entry("应在 0 到 10000000 之间", "Must be between 0 and 10,000,000"),
        Map.entry("缺少记录版本号（用于防止覆盖他人的修改）",
            "The record version is missing (it protects against overwriting someone else's changes)"),
        Map.entry("日期格式应为 YYYY-MM-DD", "Enter the date as YYYY-MM-DD"),
        Map.entry("邮箱格式不正确", "Not a valid e-mail address"),
        Map.entry("密码至少 10 位", "The password needs at least 10 characters"),
        Map.entry("密码太容易被猜到：请避开常见密码、单词加数字或年份、键盘顺序和邮箱、姓名、单位名，可以用几个不相关的词组成更长的密码",
            "This password is too easy to guess: avoid common passwords, a word plus digits or a year, keyboard runs and "
                + "your e-mail, name or organization; several unrelated words make a longer, stronger password"),
        Map.entry("该网络地址注册的账号过多，请 60 分钟后再试",
            "Too many accounts were registered from this network address; try again in 60 minutes."),
        Map.entry("每个单位对同一公示结果最多提出 3 条异议，本单位已提出 3 条；请等待发布单位答复",
            "Each organization may file at most 3 objections against one result, and yours has filed 3; please wait for "
                + "the issuer's answers."),
        Map.entry("该邮箱已注册", "This e-mail address is already registered"),
        Map.entry("截止日期不能早于今天", "The deadline cannot be before today"),
        Map.entry("页面不存在", "The page does not exist or is not public"),
        Map.entry("有 3 行数据有误，未导入任何记录", "3 lines have errors; nothing was imported"));
    cases.forEach((zh, english) -> assertThat(MessageTranslator.translate(zh, en)).as(zh).isEqualTo(english));
    assertThat(MessageTranslator.translate("summary：至少 4 个字；title：必填", en))
        .isEqualTo("summary: At least 4 characters; title: Required");
  }

  @Test
  @DisplayName("unknown messages stay Chinese in English, and Chinese pages are never rewritten")
  void fallsBackToOriginal() {
    assertThat(MessageTranslator.translate("一条没有对应英文的提示", Messages.EN)).isEqualTo("一条没有对应英文的提示");
    assertThat(MessageTranslator.translate("必填", Messages.ZH)).isEqualTo("必填");
    assertThat(MessageTranslator.fields(Map.of("title", "必填"), Messages.EN)).containsEntry("title", "Required");
    assertThat(MessageTranslator.translate(null, Messages.EN)).isNull();
  }

  @Test
  @DisplayName("the 截止时间 choice becomes a window from today")
  void deadlineWindow() {
    LocalDate today = LocalDate.of(2026, 3, 1);
    assertThat(BoardPages.deadlineWindow("7", today)).isEqualTo(new BoardPages.DeadlineWindow(today, LocalDate.of(2026, 3, 8)));
    assertThat(BoardPages.deadlineWindow(null, today)).isNull();
  }

  @Test
  @DisplayName("a recommendation is a match made when it shares the domain and meets at least half the requirements")
  void strongMatch() {
    JsonObject domain = new JsonObject().put("kind", "domain").put("text", "同属工业智能场景");
    JsonObject half = new JsonObject().put("kind", "requirements").put("text", "满足 2/4 项要求：✓甲 ✓乙 ✗丙 ✗丁");
    JsonObject little = new JsonObject().put("kind", "requirements").put("text", "满足 1/4 项要求：✓甲 ✗乙 ✗丙 ✗丁");
    assertThat(MatchStats.isStrong(new JsonObject().put("reasons", new io.vertx.core.json.JsonArray().add(domain).add(half))))
        .isTrue();
    assertThat(MatchStats.isStrong(new JsonObject().put("reasons", new io.vertx.core.json.JsonArray().add(domain).add(little))))
        .isFalse();
    assertThat(MatchStats.isStrong(new JsonObject().put("reasons", new io.vertx.core.json.JsonArray().add(half)))).isFalse();
    assertThat(MatchStats.isStrong(new JsonObject())).isFalse();
  }
}
