package cn.qdaipark.scenariohub.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The platform's Chinese sentences on English pages: reasons, timeline notes, notifications, refusals")
class PageTranslationsTest {
  private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

  @Test
  @DisplayName("every kind of match reason reads in English, keeping the quoted words and requirement lines")
  void reasons() {
    JsonArray reasons = new JsonArray()
        .add(reason("terms", "命中关键词：夜间、<mark>识别</mark>"))
        .add(reason("semantic", "语义相似度 0.83"))
        .add(reason("domain", "同属智能家居场景"))
        .add(reason("track", "赛道契合：复杂算法软件研发（需求提到算法、平台）"))
        .add(reason("requirements", "满足 1/2 项要求：✓夜间识别准确率≥95% ✗告警延迟≤2秒"))
        .add(reason("region", "同在青岛市崂山区"))
        .add(reason("region", "同在青岛市"));
    assertThat(Cards.reasons(reasons, Messages.EN)).extracting(Cards.Reason::text).containsExactly(
        "Shared keywords: 夜间, <mark>识别</mark>", "Semantic similarity 0.83", "Both in the Smart home domain",
        "Track fit: Complex algorithms and software R&D (the posting mentions 算法, 平台)",
        "Meets 1/2 requirements: ✓夜间识别准确率≥95% ✗告警延迟≤2秒", "Both in Laoshan District, Qingdao", "Both in Qingdao");
    assertThat(Cards.reasons(reasons, Messages.ZH)).extracting(Cards.Reason::text).first().isEqualTo("命中关键词：夜间、<mark>识别</mark>");
    Cards.SolutionCard solution = new Cards.SolutionCard(7, "港口吊机远程监控", "", List.of("空天地海"), "复杂算法软件研发",
        "试点应用", "青岛市", 3, "青岛测试科技", true, "published", "Published", null, "2026-12-07");
    Cards.SolutionMatch card = Cards.solutionMatch(solution, 1, "0.9", Cards.reasons(reasons, Messages.EN));
    assertThat(card.coverage()).isEqualTo(new Cards.Coverage(1, 2, false));
    assertThat(ReasonTranslator.summary("满足 2/3 项要求 · 语义相似度 0.81", Messages.EN))
        .isEqualTo("Meets 2/3 requirements · Semantic similarity 0.81");
  }

  private static JsonObject reason(String kind, String text) {
    return new JsonObject().put("kind", kind).put("text", text);
  }

  @Test
  @DisplayName("the notes the platform writes on a timeline read in English; a note someone typed stays as written")
  void timelineNotes() {
    assertThat(TimelineNotes.translate("申报截止，自动转入评审", Messages.EN)).doesNotContainPattern(HAN);
    assertThat(TimelineNotes.translate("确定揭榜单位（尚有 2 位评审未评分，发布单位确认继续）", Messages.EN))
        .isEqualTo("Winner decided (2 reviewers had not scored; the issuer confirmed going ahead)");
    assertThat(TimelineNotes.translate("试点单位：青岛某科技（响应 #12）", Messages.EN)).isEqualTo("Pilot with 青岛某科技 (response #12)");
    assertThat(TimelineNotes.translate("资金到位，按期立项", Messages.EN)).isEqualTo("资金到位，按期立项");
    assertThat(TimelineNotes.translate("确定入围名单", Messages.ZH)).isEqualTo("确定入围名单");
  }

  @Test
  @DisplayName("stored notifications read in English with the titles, names and reasons users wrote, line by line")
  void notifications() {
    assertThat(NotificationTranslator.translate("您对「港区告警需求」的响应已入围洽谈", Messages.EN))
        .isEqualTo("Your response to “港区告警需求” is shortlisted for talks");
    assertThat(NotificationTranslator.translate("与您的方案「焊缝检测」匹配：港区安防（空天地海，截止 2027-01-06）", Messages.EN))
        .isEqualTo("Matches your solution “焊缝检测”: 港区安防 (Air, space, land and sea, closes 2027-01-06)");
    assertThat(NotificationTranslator.translate("您好，请看附件\n附件：方案.pdf", Messages.EN)).isEqualTo("您好，请看附件\nAttachment: 方案.pdf");
    assertThat(NotificationTranslator.translate("· 新的场景需求：港区安防\n· 揭榜申报已撤回：榜单甲", Messages.EN))
        .isEqualTo("· New scenario demand: 港区安防\n· Application withdrawn: 榜单甲");
    assertThat(NotificationTranslator.translate("理由：资料不全。修改后可重新提交审核。", Messages.EN))
        .isEqualTo("Reason: 资料不全. Edit it and submit it for review again.");
    assertThat(NotificationTranslator.translate("收到新的揭榜申报：港区安防", Messages.ZH)).isEqualTo("收到新的揭榜申报：港区安防");
  }

  @Test
  @DisplayName("refusals quoting a state, a noun or a file name's problem read in English")
  void refusals() {
    assertThat(MessageTranslator.translate("榜单当前为「评审中」，不能再修改评分标准", Messages.EN))
        .isEqualTo("The call is In review: its scoring rubric can no longer be changed");
    assertThat(MessageTranslator.translate("申报不存在", Messages.EN)).doesNotContainPattern(HAN);
    assertThat(MessageTranslator.translate("文件名含有无效的字符", Messages.EN)).doesNotContainPattern(HAN);
    assertThat(MessageTranslator.translate("尚有 1 位评审未评分（张三），仍要揭榜吗？", Messages.EN))
        .isEqualTo("1 reviewer(s) have not scored yet (张三). Award anyway?");
  }

  @Test
  @DisplayName("every key a translation rule names is in the English bundle and formats")
  void everyRuleKeyExists() throws IOException {
    Pattern ruleKey = Pattern.compile("rule\\(\"(?:[^\"\\\\]|\\\\.)*\", \"(\\w+)\"");
    Set<String> missing = new TreeSet<>();
    int rules = 0;
    for (String source : List.of("MessageTranslator", "NotificationTranslator", "ReasonTranslator", "TimelineNotes")) {
      Matcher m = ruleKey.matcher(Files.readString(Path.of("src", "main", "java", "cn", "qdaipark", "scenariohub", "page",
          source + ".java")));
      while (m.find()) {
        rules++;
        if (!Messages.EN.all().containsKey(m.group(1))) {
          missing.add(source + ": " + m.group(1));
        } else {
          Messages.EN.format(m.group(1), 1L, 2L, 3L, 4L);
        }
      }
    }
    assertThat(rules).isGreaterThan(250);
    assertThat(missing).isEmpty();
  }

  /**
   * Every refusal the services write as one literal (outside the pages and the demo data) has an English wording:
   * a new message without a rule in MessageTranslator fails here.
   */
  @Test
  @DisplayName("every literal refusal and field message of the services has an English wording")
  void everyLiteralMessageTranslates() throws IOException {
    Pattern literal = Pattern.compile("(?:ApiException\\.(?:badRequest|forbidden|conflict|unauthorized|unavailable|notFound)\\("
        + "|new ApiException\\(\\d+, \"[a-z_]+\", |Map\\.of\\(\"[\\w.]+\", |errors\\.put\\([\\w.\"]+, )"
        + "\"([^\"]*\\p{IsHan}[^\"]*)\"\\s*[,)]");
    Set<String> untranslated = new TreeSet<>();
    Path main = Path.of("src", "main", "java", "cn", "qdaipark", "scenariohub");
    try (Stream<Path> files = Files.walk(main)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String area = main.relativize(file).getName(0).toString();
        if (List.of("page", "demo", "vocabulary").contains(area)) {
          continue;
        }
        Matcher m = literal.matcher(Files.readString(file));
        while (m.find()) {
          String message = m.group(0).contains("notFound(") ? m.group(1) + "不存在" : m.group(1);
          if (HAN.matcher(MessageTranslator.translate(message, Messages.EN)).find()) {
            untranslated.add(main.relativize(file) + ": " + message);
          }
        }
      }
    }
    assertThat(untranslated).isEmpty();
  }
}
