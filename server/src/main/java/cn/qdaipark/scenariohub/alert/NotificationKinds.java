package cn.qdaipark.scenariohub.alert;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every kind of notification the platform writes, with its labels and the channel a person gets until they choose
 * one. A feature adds its kind here, one line; a kind missing from the catalogue still works, with a generic label,
 * e-mail by default and no way to turn it off.
 *
 * <p>Alerts (matches and saved searches) and the daily digest may be turned off. Workflow kinds may not: they report
 * a change to something the person is responsible for (an application, an objection, a consortium, a join request,
 * a message), often with a deadline, and an organization that silenced them could miss an objection period or an
 * award without knowing; they may only be kept in-app without e-mail.
 */
public final class NotificationKinds {
  public static final String IN_APP = "in_app";
  public static final String EMAIL = "email";
  public static final String OFF = "off";
  public static final List<String> CHANNELS = List.of(IN_APP, EMAIL, OFF);

  /** A kind: {@code mayTurnOff} false allows only in_app and email. */
  public record Kind(String code, String zh, String en, String defaultChannel, boolean mayTurnOff) {
    public String label(boolean english) {
      return english ? en : zh;
    }

    public List<String> channels() {
      return mayTurnOff ? CHANNELS : List.of(IN_APP, EMAIL);
    }
  }

  private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

  static {
    alert("standing_match", "新榜单或需求匹配我的方案", "New call or demand matching my solutions", IN_APP);
    alert("saved_search", "订阅有新结果", "New results for a saved search", IN_APP);
    // Whether a digest comes at all is the alert delivery of /alerts (daily); here only whether it is also e-mailed.
    KINDS.put("digest", new Kind("digest", "订阅与匹配日报", "Daily digest of alerts", EMAIL, false));
    workflow("join_request", "有人申请加入本单位", "Request to join my organization");
    workflow("contact", "对接请求", "Contact request");
    workflow("application_received", "收到揭榜申报", "Application received");
    workflow("application_withdrawn", "揭榜申报撤回", "Application withdrawn");
    workflow("application_shortlisted", "申报入围", "Application shortlisted");
    workflow("application_awarded", "揭榜成功", "Application awarded");
    workflow("application_not_awarded", "申报未获选或流榜", "Application not awarded");
    workflow("partner_invited", "联合体邀请", "Consortium invitation");
    workflow("endorsement_requested", "待推荐的申报", "Endorsement requested");
    workflow("endorsement_endorsed", "申报获推荐", "Application endorsed");
    workflow("endorsement_declined", "申报未获推荐", "Endorsement declined");
    workflow("objection_received", "收到异议", "Objection received");
    workflow("invitation_declined", "联合体邀请被拒绝", "Consortium invitation declined");
    workflow("review_assigned", "评审指派", "Review assigned");
    workflow("review_recused", "评审专家回避", "Reviewer recused");
    workflow("message", "对接会话新消息", "New message in a conversation");
    workflow("response", "收到需求响应", "New response to my demand");
    workflow("response_decision", "需求响应处理结果", "Decision on my response");
    workflow("moderation", "审核结果", "Moderation outcome");
    workflow("verification", "单位认证结果", "Verification outcome");
    workflow("acceptance_appointed", "验收专家指派", "Acceptance panel appointment");
    workflow("acceptance_recused", "验收专家回避", "Acceptance panel member recused");
    workflow("acceptance_concluded", "验收结论", "Acceptance conclusion");
  }

  private NotificationKinds() {
  }

  private static void alert(String code, String zh, String en, String channel) {
    KINDS.put(code, new Kind(code, zh, en, channel, true));
  }

  private static void workflow(String code, String zh, String en) {
    KINDS.put(code, new Kind(code, zh, en, EMAIL, false));
  }

  /** The kinds a person can set, in the order of the settings page. */
  public static List<Kind> all() {
    return List.copyOf(KINDS.values());
  }

  public static boolean known(String code) {
    return KINDS.containsKey(code);
  }

  /** The kind, or a generic one (e-mail by default, not to be turned off) for a code not in the catalogue. */
  public static Kind of(String code) {
    Kind kind = KINDS.get(code);
    return kind != null ? kind : new Kind(code, "平台通知", "Notification", EMAIL, false);
  }
}
