package cn.qdaipark.scenariohub.page;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Notification titles and bodies in the page's language. They are stored in Chinese when the event happens (the
 * API and the e-mails show them so); English pages re-word each known shape, keeping the titles, names and
 * reasons users wrote. The shapes follow the services that notify (applications, review, endorsements, results,
 * responses, contacts, conversations, moderation, verification, joining) and the alerts (standing matches, saved
 * searches, the digest). A stored text of no known shape stays as written.
 */
final class NotificationTranslator {
  private static final String DIGEST_ITEM = "· ";
  private static final Rewording SENTENCES = new Rewording()
      // titles
      .rule("新的揭榜挂帅任务：(.+)", "note_new_call")
      .rule("新的场景需求：(.+)", "note_new_demand")
      .rule("订阅「(.+?)」有新结果：揭榜挂帅任务 (.+)", "note_saved_call")
      .rule("订阅「(.+?)」有新结果：场景需求 (.+)", "note_saved_demand")
      .rule("订阅「(.+?)」有新结果：方案 (.+)", "note_saved_solution")
      .rule("订阅与匹配日报：(\\d+) 条新消息", "note_digest")
      .rule("您发布的需求已通过审核：(.+)", "note_posting_approved")
      .rule("您发布的需求未通过审核：(.+)", "note_posting_rejected")
      .rule("您的方案已通过审核并发布：(.+)", "note_solution_approved")
      .rule("您的方案未通过审核：(.+)", "note_solution_rejected")
      .rule("(.+?)（(.+?)）申请加入(.+)", "note_join_request")
      .rule("您被指定为揭榜榜单的评审专家：(.+)", "note_review_assigned")
      .rule("评审专家声明回避：(.+)", "note_review_recused")
      .rule("您的揭榜申报揭榜成功：(.+)", "note_application_awarded")
      .rule("您的揭榜申报已入围：(.+)", "note_application_shortlisted")
      .rule("收到对公示结果的异议：(.+)", "note_objection_received")
      .rule("待推荐的揭榜申报：(.+)", "note_endorsement_requested")
      .rule("您的揭榜申报已获推荐单位推荐：(.+)", "note_endorsed")
      .rule("推荐单位未推荐您的揭榜申报：(.+)", "note_endorsement_declined")
      .rule("榜单流榜，申报已关闭：(.+)", "note_call_unawarded")
      .rule("揭榜结果已公布，您的申报未获选：(.+)", "note_application_not_awarded")
      .rule("收到新的揭榜申报：(.+)", "note_application_received")
      .rule("揭榜申报已撤回：(.+)", "note_application_withdrawn")
      .rule("牵头单位已撤回联合申报：(.+)", "note_consortium_withdrawn")
      .rule("联合体邀请待确认：(.+?) 邀请贵单位联合申报「(.+)」", "note_partner_invited")
      .rule("(.+?) 拒绝了联合申报邀请：(.+)", "note_invitation_declined")
      .rule("您对「(.+)」的响应已入围洽谈", "note_response_shortlisted")
      .rule("您对「(.+)」的响应未被采纳", "note_response_declined")
      .rule("您对「(.+)」的响应进入试点（先试后转）", "note_response_pilot")
      .rule("您对「(.+)」的响应已落地", "note_response_landed")
      .rule("(.+?)响应了您的需求：(.+)", "note_response_received")
      .rule("(.+?)希望与您对接", "note_contact")
      .rule("(.+?)发来新消息：(.+)", "note_message")
      .rule("贵单位已通过平台认证：(.+)", "note_verified")
      .rule("贵单位未通过平台认证：(.+)", "note_unverified")
      .rule("揭榜单位提交了交付计划：(.+)", "dlv_note_plan_proposed")
      .rule("发榜单位已确认交付计划：(.+)", "dlv_note_plan_accepted")
      .rule("交付计划被退回修改：(.+)", "dlv_note_plan_returned")
      .rule("收到里程碑进展报告：(.+?)（(.+)）", "dlv_note_report_submitted")
      .rule("里程碑进展报告已通过：(.+?)（(.+)）", "dlv_note_report_accepted")
      .rule("里程碑进展报告被退回：(.+?)（(.+)）", "dlv_note_report_returned")
      .rule("已登记资金拨付 (\\d+) 万元：(.+)", "dlv_note_funding")
      .rule("里程碑已逾期：(.+?)（(.+)）", "dlv_note_late")
      .rule("您被指定为验收专家组成员：(.+)", "acc_note_appointed")
      .rule("验收专家声明回避：(.+)", "acc_note_recused")
      .rule("项目验收通过：(.+)", "acc_note_accepted")
      .rule("项目验收未通过，退回攻关整改：(.+)", "acc_note_returned")
      .rule("项目验收未通过：(.+)", "acc_note_failed")
      .rule("您对「(.+)」的试点验收未通过", "acc_note_demand_failed")
      // bodies
      .rule("与您的方案「(.+?)」匹配：(.+)（(.+?)，截止 (\\d{4}-\\d{2}-\\d{2})）", "note_match_deadline", 3)
      .rule("与您的方案「(.+?)」匹配：(.+)（(.+?)）", "note_match", 3)
      .rule("(.+?)，截止 (\\d{4}-\\d{2}-\\d{2})", "note_term_deadline", 1)
      .rule("已在平台公开，可接受响应与申报。", "note_posting_approved_body")
      .rule("方案已在平台公开，可被需求方检索和匹配。", "note_solution_approved_body")
      .rule("理由：(.+)。修改后可重新提交审核。", "note_rejected_body")
      .rule("请在本单位页面批准或拒绝。", "note_join_request_body")
      .rule("发布单位邀请您评审该榜单的申报，申报截止后即可评分；如与申报单位存在利益冲突，请在评分页声明回避。",
          "note_review_assigned_body")
      .rule("一位评审专家声明回避整个榜单，理由：(.+)", "note_recused_call_body")
      .rule("一位评审专家声明回避一份申报，理由：(.+)", "note_recused_application_body")
      .rule("发布单位已更新您的申报状态。", "note_application_updated_body")
      .rule("请在异议处理完毕后再进入攻关阶段。", "note_objection_body")
      .rule("该榜单要求推荐单位推荐后申报方可参与评审，请在工作台出具推荐意见。", "note_endorsement_requested_body")
      .rule("发布单位未确定揭榜单位，本榜单已流榜。", "note_call_unawarded_body")
      .rule("感谢参与，可在榜单页查看公布的揭榜结果。", "note_application_not_awarded_body")
      .rule("揭榜单位已提交申报，截止后可在评审页查看。", "note_application_received_body")
      .rule("一家揭榜单位撤回了申报。", "note_application_withdrawn_body")
      .rule("您所在联合体的申报已被牵头单位撤回。", "note_consortium_withdrawn_body")
      .rule("牵头单位「(.+?)」邀请贵单位作为联合体成员，共同申报揭榜榜单「(.+)」（申报截止 (.+?)）。请在截止前确认参与或拒绝邀请。",
          "note_partner_invited_body")
      .rule("受邀单位「(.+?)」拒绝加入您牵头的联合申报。理由：(.+)", "note_invitation_declined_reason_body")
      .rule("受邀单位「(.+?)」拒绝加入您牵头的联合申报。", "note_invitation_declined_body")
      .rule("提供方案：(.+)。请在响应列表中查看匹配度并决定是否洽谈。", "note_response_received_body")
      .rule("需求方说明的原因：(.+)", "note_response_declined_body")
      .rule("需求方「(.+?)」已更新您的响应状态。", "note_response_updated_body")
      .rule("关于「(.+?)」，对方希望就您的方案「(.+)」进一步沟通，请在沟通页面回复", "note_contact_posting_body")
      .rule("对方希望就您的方案「(.+)」进一步沟通，请在沟通页面回复", "note_contact_body")
      .rule("认证后发布的方案和榜单无需再等待人工审核。(.*)", "note_verified_body")
      .rule("理由：(.+)。请核对统一社会信用代码等信息后联系平台管理员。", "note_unverified_body")
      .rule("请在交付页面确认或退回交付计划。", "dlv_note_plan_proposed_body")
      .rule("请按里程碑提交进展报告。", "dlv_note_plan_accepted_body")
      .rule("意见：(.+)", "dlv_note_comment_body")
      .rule("请在交付页面审核进展报告。", "dlv_note_report_submitted_body")
      .rule("该里程碑已确认完成。", "dlv_note_report_accepted_body")
      .rule("里程碑：(.+)", "dlv_note_milestone_body")
      .rule("到期日 (\\d{4}-\\d{2}-\\d{2})，请尽快提交进展报告或与对方沟通。", "dlv_note_late_body")
      .rule("附件：(.+)", "note_attachment")
      .rule("发布单位邀请您参加该项目的验收，请对每项考核指标作出评价；如与揭榜单位存在利益冲突，请在验收页声明回避。",
          "acc_note_appointed_body")
      .rule("一位验收专家声明回避，理由：(.+)。您可以另行指定验收专家。", "acc_note_recused_body")
      .rule("发布单位已作出第 (\\d+) 轮验收结论，请在项目页查看各项考核指标的评价。", "acc_note_concluded_body")
      .rule("需求方的验收意见：(.+)", "acc_note_demand_failed_body");

  private NotificationTranslator() {
  }

  /** A title or body; a body of several lines (a message with its attachment, a digest) line by line. */
  static String translate(String text, Messages m) {
    if (text == null || !m.english() || text.isEmpty()) {
      return text;
    }
    return Arrays.stream(text.split("\n", -1)).map(line -> line(line, m)).collect(Collectors.joining("\n"));
  }

  private static String line(String line, Messages m) {
    if (line.startsWith(DIGEST_ITEM)) {
      return DIGEST_ITEM + SENTENCES.translate(line.substring(DIGEST_ITEM.length()), m);
    }
    return SENTENCES.translate(line, m);
  }
}
