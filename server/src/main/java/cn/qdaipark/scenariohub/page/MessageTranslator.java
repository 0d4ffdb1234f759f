package cn.qdaipark.scenariohub.page;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shows the services' Chinese messages (validation, refusals, import line problems) in the page's language.
 * The services speak Chinese because the API does; for the English pages each known message shape is matched
 * here and re-worded from the {@code msg_*} keys of the English bundle, with its numbers and values carried
 * over. A message no pattern knows stays in Chinese rather than being lost. The patterns follow
 * {@code validation.Validator}, {@code AuthService}, {@code PostingInput}, the services' refusals and the import.
 */
final class MessageTranslator {
  private record Rule(Pattern pattern, String key) {
  }

  private static final List<Rule> RULES = new ArrayList<>();

  static {
    // validation.Validator
    rule("必填", "msg_required");
    rule("必须是文本", "msg_not_text");
    rule("至少 (\\d+) 个字", "msg_min_chars");
    rule("不能超过 (\\d+) 个字", "msg_max_chars");
    rule("含有不可见的控制字符", "msg_control_chars");
    rule("取值必须是以下之一：(.+)", "msg_one_of");
    rule("必须是列表", "msg_not_list");
    rule("每一项都必须是非空文本", "msg_blank_item");
    rule("每一项不能超过 (\\d+) 个字", "msg_item_too_long");
    rule("至少填写 (\\d+) 项", "msg_min_items");
    rule("最多 (\\d+) 项", "msg_max_items");
    rule("「(.+)」不是有效取值，可选：(.+)", "msg_not_allowed");
    rule("必须是整数", "msg_whole_number");
    rule("应在 (-?\\d+) 到 (-?\\d+) 之间", "msg_between");
    rule("缺少记录版本号（用于防止覆盖他人的修改）", "msg_version_missing");
    rule("日期格式应为 YYYY-MM-DD", "msg_date_format");
    // auth.AuthService
    rule("邮箱格式不正确", "msg_email_format");
    rule("统一社会信用代码无效（校验位不符）", "msg_credit_code_invalid");
    rule("密码至少 (\\d+) 位", "msg_password_short");
    rule("密码不能超过 (\\d+) 位", "msg_password_long");
    rule("密码需包含大写字母、小写字母、数字、符号中的至少三类", "msg_password_classes");
    rule("密码不能包含邮箱用户名", "msg_password_email");
    rule("该邮箱已注册", "msg_email_taken");
    rule("该组织已登记为其他类型，不能以此角色加入", "msg_org_other_kind");
    rule("与该组织已登记的统一社会信用代码不一致", "msg_credit_code_mismatch");
    rule("邮箱或密码不正确", "msg_bad_login");
    // posting.PostingInput and the services' refusals
    rule("截止日期不能早于今天", "msg_deadline_past");
    rule("揭榜挂帅榜单只能由政府部门发布", "msg_challenge_government_only");
    rule("该组织不能发布场景需求", "msg_org_cannot_post_demand");
    rule("必须是已登记的供应商组织", "msg_provider_org_required");
    rule("管理员代为发布时必须指定(?:发布单位|供应商组织)", "msg_admin_org_required");
    rule("该(?:需求|方案)已被他人修改，请刷新后再编辑", "msg_stale_version");
    rule("(?:方案|该需求)已归档，不能再修改", "msg_archived");
    rule("只能修改本组织的方案", "msg_own_solutions_only");
    rule("只能修改本组织发布的榜单和需求", "msg_own_postings_only");
    rule("只有供应商账号可以发布方案", "msg_providers_only");
    rule("只有政府部门账号可以发布揭榜挂帅榜单", "msg_government_only");
    rule("只有需求方或政府部门账号可以发布场景需求", "msg_issuers_only");
    rule("仅管理员可以审核(?:方案)?", "msg_admins_only");
    rule("提交的内容有误，请检查标注的字段", "msg_check_fields");
    rule("(.+)不存在", "msg_not_found");
    // importer
    rule("与前面的行重复：(.+)", "msg_duplicate_key");
    rule("该行不是 JSON 对象", "msg_not_json_object");
    rule("该行不是合法的 JSON", "msg_not_json");
    rule("有 (\\d+) 行数据有误，未导入任何记录", "msg_import_failed");
    rule("导入内容为空：每行应是一条 JSON 记录", "msg_import_empty");
  }

  private MessageTranslator() {
  }

  private static void rule(String regex, String key) {
    RULES.add(new Rule(Pattern.compile(regex), key));
  }

  /** The message in the page's language; Chinese pages, and messages no pattern knows, keep the original. */
  static String translate(String message, Messages m) {
    if (message == null || !m.english()) {
      return message;
    }
    String whole = one(message.strip(), m);
    if (whole != null) {
      return whole;
    }
    // the import joins the problems of one line as "field：message；field：message"
    if (message.contains("：") || message.contains("；")) {
      List<String> parts = new ArrayList<>();
      boolean any = false;
      for (String part : message.split("；")) {
        int colon = part.indexOf('：');
        String field = colon > 0 ? part.substring(0, colon) : null;
        String text = colon > 0 ? part.substring(colon + 1) : part;
        String english = one(text.strip(), m);
        any |= english != null;
        parts.add((field == null ? "" : field + ": ") + (english == null ? text : english));
      }
      if (any) {
        return String.join("; ", parts);
      }
    }
    return message;
  }

  /** Every field message of a form, translated; the map keeps its fields. */
  static Map<String, String> fields(Map<String, String> errors, Messages m) {
    if (!m.english()) {
      return errors;
    }
    Map<String, String> out = new LinkedHashMap<>();
    errors.forEach((field, message) -> out.put(field, translate(message, m)));
    return out;
  }

  private static String one(String message, Messages m) {
    for (Rule rule : RULES) {
      Matcher match = rule.pattern().matcher(message);
      if (match.matches()) {
        Object[] args = new Object[match.groupCount()];
        for (int i = 0; i < args.length; i++) {
          args[i] = english(match.group(i + 1), m);
        }
        return m.format(rule.key(), args);
      }
    }
    return null;
  }

  private static final Map<String, String> NOUNS = new HashMap<>(Map.of(
      "页面", "msg_noun_page", "方案", "msg_noun_solution", "需求", "msg_noun_posting", "榜单", "msg_noun_posting",
      "组织", "msg_noun_organization", "账号", "msg_noun_account", "接口", "msg_noun_endpoint"));

  /** A captured value: Chinese list separators become commas, known nouns English; vocabulary stays as written. */
  private static Object english(String value, Messages m) {
    if (NOUNS.containsKey(value)) {
      return m.get(NOUNS.get(value));
    }
    if (value.matches("-?\\d{1,18}")) {
      return Long.valueOf(value);
    }
    return value.replace("、", ", ");
  }
}
