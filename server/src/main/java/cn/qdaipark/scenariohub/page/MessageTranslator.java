package cn.qdaipark.scenariohub.page;

import java.util.ArrayList;
import java.util.Arrays;
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
  /** A list item's problem, as {@code validation.Validator} names it: "第 2 项：…". */
  private static final Pattern ITEM = Pattern.compile("第 (\\d+) 项：(.+)");
  /** A text's problem prefixed with what it is: "文件名…" (application.PdfUpload), "成员单位名称…" (the apply form) … */
  private static final Map<String, String> NAMED = Map.of("文件名", "msg_file_name_problem",
      "成员单位名称", "msg_partner_name_problem", "评分标准名称", "msg_rubric_name_problem", "密码", "msg_password_problem");
  /** The Chinese names of the states (postings, applications, responses) that messages quote, with their keys. */
  private static final Map<String, String> STATES = states();

  static {
    // validation.Validator
    rule("必填", "msg_required");
    rule("必须是文本", "msg_not_text");
    rule("至少 (\\d+) 个字", "msg_min_chars");
    rule("不能超过 (\\d+) 个字", "msg_max_chars");
    rule("含有不可见的控制字符", "msg_control_chars");
    rule("含有改变文字显示方向的控制字符", "msg_bidi_chars");
    rule("含有不可见的字符（如零宽空格）", "msg_invisible_chars");
    rule("含有无效的字符（不成对的代理项）", "msg_lone_surrogate");
    rule("含有无效的字符", "msg_invalid_chars");
    rule("不能换行", "msg_no_line_breaks");
    rule("不能只有不可见的字符", "msg_only_invisible");
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
    rule("密码太容易被猜到：.*", "msg_password_guessable");
    rule("该网络地址注册的账号过多，请 (\\d+) 分钟后再试", "msg_register_throttled");
    rule("该邮箱已注册", "msg_email_taken");
    rule("该组织已登记为其他类型，不能以此角色加入", "msg_org_other_kind");
    rule("与该组织已登记的统一社会信用代码不一致", "msg_credit_code_mismatch");
    rule("等待本单位成员批准加入", "msg_awaiting_approval");
    rule("只有本组织的成员可以处理加入申请", "msg_join_requests_members_only");
    rule("邀请码无效、已被使用、已过期或不属于该组织，请向该组织的成员索取新的邀请码", "msg_invitation_invalid");
    rule("邮箱或密码不正确", "msg_bad_login");
    rule("重置链接无效、已使用或已过期，请重新申请", "msg_reset_token_invalid");
    // posting.PostingInput and the services' refusals
    rule("截止日期不能早于今天", "msg_deadline_past");
    rule("揭榜挂帅榜单只能由政府部门发布", "msg_challenge_government_only");
    rule("该组织不能发布场景需求", "msg_org_cannot_post_demand");
    rule("必须是已登记的供应商组织", "msg_provider_org_required");
    rule("管理员代为发布时必须指定(?:发布单位|供应商组织)", "msg_admin_org_required");
    rule("该(?:需求|方案)已被他人修改，请刷新后再编辑", "msg_stale_version");
    rule("(?:方案|该需求)已归档，不能再修改", "msg_archived");
    rule("榜单已截止申报，内容不能再修改", "msg_call_past_open");
    rule("只有发榜单位可以设置申报指南和联系人", "msg_guide_issuer_only");
    rule("只能修改本组织的方案", "msg_own_solutions_only");
    rule("只能修改本组织发布的榜单和需求", "msg_own_postings_only");
    rule("只有供应商账号可以发布方案", "msg_providers_only");
    rule("只有政府部门账号可以发布揭榜挂帅榜单", "msg_government_only");
    rule("只有需求方或政府部门账号可以发布场景需求", "msg_issuers_only");
    rule("仅管理员可以审核(?:方案)?", "msg_admins_only");
    // the challenge workflow: applications, review, lifecycle, objections
    rule("只有供应商账号可以揭榜申报", "msg_apply_providers_only");
    rule("申报已于 (.+) 截止，不能再申报、修改或撤回", "msg_apply_closed");
    rule("本单位已申报该榜单，每家牵头单位只能提交一份申报（可修改或撤回后重新申报）", "msg_apply_duplicate");
    rule("请逐项说明如何满足考核指标，尚未填写：(.+)", "msg_apply_answers_missing");
    rule("申报预算不能超过榜单支持资金 (\\d+) 万元", "msg_apply_budget_over");
    rule("只能提供本单位已发布的方案", "msg_apply_own_solutions");
    rule("联合体除牵头单位外最多 (\\d+) 家成员单位，已达上限", "msg_apply_partner_limit");
    rule("「(.+)」不存在", "msg_partner_unknown");
    rule("牵头单位不能同时作为联合体成员", "msg_partner_is_lead");
    rule("该单位已在联合体中", "msg_partner_duplicate");
    rule("发布单位不能加入申报本单位榜单的联合体", "msg_partner_is_issuer");
    rule("申报单位「(.+)」尚未通过平台认证，认证后才能揭榜申报", "msg_apply_unverified");
    rule("各项权重之和必须为 100，当前为 (\\d+)", "msg_rubric_sum");
    rule("评审专家已开始评分，不能再修改评分标准", "msg_rubric_scored");
    rule("评审专家必须是平台上的政府部门账号", "msg_reviewer_government");
    rule("该专家已在评审名单中", "msg_reviewer_duplicate");
    rule("该账号所属的政府部门尚未通过平台认证，不能担任评审专家", "msg_reviewer_unverified");
    rule("「(.+)」的分数必须是 0 到 100 之间的整数", "msg_score_range");
    rule("请为每项评分标准打分，尚未评分：(.+)", "msg_score_missing");
    rule("只有评审中的榜单可以评分，当前为「(.+)」", "msg_score_not_in_review");
    rule("利益冲突：评审专家不能评审本单位参与的申报", "msg_conflict_of_interest");
    rule("利益冲突：发布单位是该申报联合体的成员，该申报不能入围或揭榜", "msg_issuer_in_consortium");
    rule("您不是该榜单的评审专家", "msg_not_reviewer");
    rule("您不是该榜单的评审专家，无需声明回避", "msg_not_reviewer");
    rule("您已声明回避该申报，不能再评分", "msg_recused_no_score");
    rule("您已声明过回避", "msg_recused_twice");
    rule("榜单当前为「(.+)」，评审已结束，不能再声明回避", "msg_recusal_closed");
    rule("您已拒绝该联合体邀请，需牵头单位重新邀请后才能确认", "msg_invitation_declined_confirm");
    rule("您已拒绝过该联合体邀请", "msg_invitation_declined_twice");
    rule("已确认参与联合体，不能再拒绝邀请", "msg_invitation_confirmed_decline");
    rule("只有受邀单位本身可以拒绝邀请", "msg_invitation_decline_own");
    rule("只有发布单位可以变更榜单或需求的状态", "msg_issuer_moves_only");
    rule("当前状态不允许从「(.+)」变为「(.+)」", "msg_move_not_allowed");
    rule("请先确定至少一家揭榜单位", "msg_award_first");
    rule("请先将至少一份申报列入入围名单", "msg_shortlist_first");
    rule("异议期已于 (.+) 结束", "msg_objection_closed");
    rule("该榜单尚未公示结果，不能提出异议", "msg_objection_no_result");
    rule("每个单位对同一公示结果最多提出 (\\d+) 条异议，本单位已提出 (\\d+) 条；请等待发布单位答复", "msg_objection_limit");
    // application.PdfUpload, AttachmentService, AttachmentRoutes
    rule("附件不能超过 10 MB", "msg_attach_too_large");
    rule("附件必须是 PDF 文件.*", "msg_attach_not_pdf");
    rule("每份申报最多 (\\d+) 个附件，请先删除不需要的附件", "msg_attach_limit");
    rule("文件为空，请选择要上传的 PDF 文件", "msg_attach_empty");
    rule("请选择要上传的 PDF 文件.*", "msg_attach_missing");
    rule("每次只能上传一个文件", "msg_attach_one");
    rule("申报已不是「已提交」状态，不能再上传附件", "msg_attach_not_submitted");
    // conversation.ConversationService, ContactDetails, ConversationRoutes
    rule("电话格式不正确.*", "msg_phone_format");
    rule("每条消息只能附一个文件", "msg_conv_one_file");
    rule("不能与本单位发起沟通", "msg_conv_own_org");
    rule("沟通只能在发布单位与另一单位之间进行", "msg_conv_not_owner");
    rule("管理员只能查看沟通，不能.+", "msg_conv_admin");
    // eligibility.RulesService and the endorsement
    rule("本榜单申报条件限定牵头单位所在地区为：(.+)；「(.+)」登记的地区为「(.+)」", "msg_rule_region");
    rule("本榜单申报条件规定每家单位最多参与 (\\d+) 份申报（作为牵头单位或联合体成员），「(.+)」已参与 (\\d+) 份", "msg_rule_limit");
    rule("本榜单申报条件要求所提供的方案中至少一个成熟度达到「(.+)」", "msg_rule_maturity");
    rule("已有单位申报该榜单，不能再修改申报条件", "msg_rules_fixed");
    rule("推荐单位必须是平台上的政府部门", "msg_rules_endorser_government");
    rule("必须是 true 或 false", "msg_rules_boolean");
    rule("该申报尚未获得推荐单位推荐，不参与评审，不能入围或揭榜", "msg_not_endorsed");
    rule("提交的内容有误，请检查标注的字段", "msg_check_fields");
    // the remaining refusals of the services and the HTTP layer (issue 14, English pages)
    rule("该组织不存在", "msg_org_unknown");
    rule("索引正在重建，请稍后再试", "msg_index_rebuilding");
    rule("不支持该请求方法", "msg_method_not_allowed");
    rule("请求体超过大小上限", "msg_body_too_large");
    rule("表单字段超过大小上限；批量内容请以 application/x-ndjson 或 application/json 提交", "msg_form_field_too_large");
    rule("不支持的内容类型", "msg_unsupported_media_type");
    rule("另一个批量导入正在进行，请在它完成后重试", "msg_import_busy");
    rule("请求体未能在限定时间内收到", "msg_body_timeout");
    rule("使用同一 Idempotency-Key 的请求仍在处理中，请稍后重试", "msg_idempotency_in_progress");
    rule("Authorization 头格式应为 Bearer <token>", "msg_authorization_format");
    rule("仅管理员可以认证组织", "msg_verify_admins_only");
    rule("发布单位尚未设置评分标准", "msg_rubric_missing");
    rule("发布单位尚未通过平台认证，请通过编辑提交发布，由管理员审核后公开", "msg_issuer_unverified_publish");
    rule("只有发布单位可以确定入围和揭榜单位", "msg_decide_issuer_only");
    rule("只有发布单位可以答复异议", "msg_answer_issuer_only");
    rule("只有发布单位可以设置申报条件", "msg_rules_issuer_only");
    rule("只有受邀单位可以查看该联合体邀请", "msg_invitation_invitee_only");
    rule("只有推荐单位（政府部门）可以查看待推荐的申报", "msg_endorsements_endorser_only");
    rule("只有揭榜挂帅榜单接受申报", "msg_applications_calls_only");
    rule("只有揭榜挂帅榜单有申报条件", "msg_rules_calls_only");
    rule("只有揭榜挂帅榜单有评审", "msg_review_calls_only");
    rule("只有揭榜挂帅榜单有申报指南", "msg_guide_calls_only");
    rule("只有本组织的成员可以邀请同事", "msg_invite_members_only");
    rule("只有牵头单位可以修改、撤回申报或邀请联合体成员", "msg_lead_only");
    rule("只有联合体成员单位本身可以确认参与", "msg_confirm_partner_only");
    rule("只有该榜单指定的推荐单位可以出具推荐意见", "msg_endorse_named_only");
    rule("只有需求方或政府部门账号可以联系方案提供方", "msg_contact_buyers_only");
    rule("只能修改本组织的信息", "msg_own_organization_only");
    rule("只能查看本组织的成员", "msg_own_members_only");
    rule("导入内容为空：请求体应是 .xlsx 文件", "msg_xlsx_empty");
    rule("工作簿中没有工作表", "msg_xlsx_no_sheet");
    rule("工作表只有列名，没有数据行", "msg_xlsx_no_rows");
    rule("第一个工作表是空的：第一行应是列名（(.+)）", "msg_xlsx_empty_sheet");
    rule("列名有误，未导入任何记录（可用的列：(.+)）", "msg_xlsx_bad_headers");
    rule("文件不是有效的 XLSX 工作簿.*", "msg_xlsx_invalid");
    rule("这是旧版 Excel（.xls）文件.*", "msg_xlsx_old");
    // importer.ImportedVectors
    rule("必须是对象 \\{\"model\": …, \"vector\": \\[…\\]\\}", "msg_embedding_not_object");
    rule("model 必须是 (.+)（本实例的向量模型），收到：(.*)", "msg_embedding_model");
    rule("vector 必须是数组", "msg_embedding_no_vector");
    rule("vector 必须有 (\\d+) 个数，收到 (\\d+) 个", "msg_embedding_length");
    rule("vector 第 (\\d+) 个值不是有限的数：(.*)", "msg_embedding_not_finite");
    rule("vector 必须是单位向量（模长在 (.+) 到 (.+) 之间），收到模长 (.+)", "msg_embedding_norm");
    rule("当前账号角色无权执行此操作", "msg_role_forbidden");
    rule("无权执行此操作", "msg_forbidden");
    rule("截止日期已过，请先修改截止日期再发布", "msg_deadline_passed_publish");
    rule("推荐单位已对该申报出具推荐意见，不能重复操作", "msg_endorsed_twice");
    rule("数据库暂时不可用，请稍后重试", "msg_database_unavailable");
    rule("服务繁忙，请求未能在限定时间内完成，请稍后重试", "msg_request_timeout");
    rule("同时进行的导出过多，请稍后重试", "msg_export_busy");
    rule("服务器内部错误（编号 (.+)），请稍后重试", "msg_internal_error");
    rule("状态已被他人变更，请刷新后重试", "msg_state_changed");
    rule("申报书已被他人修改，请刷新后再编辑", "msg_application_stale");
    rule("组织信息已被他人修改，请刷新后再编辑", "msg_organization_stale");
    rule("登录凭证已注销，请重新登录", "msg_token_revoked");
    rule("登录凭证无效或已过期，请重新登录", "msg_token_invalid");
    rule("账号不存在或已停用，请重新登录", "msg_account_gone");
    rule("请先登录", "msg_login_first");
    rule("记录已存在（唯一性冲突）", "msg_duplicate_record");
    rule("该异议已答复", "msg_objection_answered");
    rule("该申报已撤回，无需推荐", "msg_withdrawn_no_endorsement");
    rule("该申报已撤回，无需评分", "msg_withdrawn_no_score");
    rule("该申报已撤回，邀请已失效", "msg_withdrawn_invitation");
    rule("请求体不是合法的 JSON", "msg_body_not_json");
    rule("请求体不能为空", "msg_body_empty");
    rule("请求体必须是 JSON 对象", "msg_body_not_object");
    rule("请求格式有误", "msg_bad_request");
    rule("认证前必须登记有效的统一社会信用代码", "msg_credit_code_before_verify");
    rule("已认证组织的统一社会信用代码只能由管理员修改", "msg_credit_code_admin_only");
    rule("记录版本号必须是正整数", "msg_version_positive");
    rule("请给出各类通知的接收方式", "msg_channels_missing");
    rule("没有这类通知", "msg_channel_unknown_kind");
    rule("接收方式无效", "msg_channel_invalid");
    rule("此类通知与您负责的事项有关，不能关闭，可选择仅站内提醒", "msg_channel_required");
    rule("取值无效：(.+)", "msg_invalid_value");
    rule("申报截止后由系统自动转入评审，不能手动操作", "msg_move_system_only");
    rule("只有管理员可以将状态从「(.+)」变为「(.+)」", "msg_move_admin_only");
    rule("只有发布单位可以将状态从「(.+)」变为「(.+)」", "msg_move_issuer_only");
    rule("当前账号未加入任何组织", "msg_no_organization");
    rule("登录失败次数过多，请 (\\d+) 秒后再试", "msg_login_throttled");
    rule("必须是数字编号", "msg_not_an_id");
    rule("只有发布单位可以设置评分标准", "msg_rubric_issuer_only");
    rule("只有发布单位可以指定评审专家", "msg_reviewers_issuer_only");
    rule("只有发布单位可以查看评审专家名单", "msg_reviewer_list_issuer_only");
    rule("只有发布单位可以查看评审结果", "msg_review_issuer_only");
    rule("只有发布单位可以联系对接方案", "msg_contact_issuer_only");
    rule("只有发布单位可以查看对接记录", "msg_contacts_issuer_only");
    rule("必须是列表：\\[\\{criterion, score, comment\\}\\]", "msg_scores_list");
    rule("每一项都必须指明评分标准 criterion", "msg_scores_criterion");
    rule("「(.+)」不是该榜单的评分标准", "msg_score_unknown_criterion");
    rule("「(.+)」重复评分", "msg_score_twice");
    rule("「(.+)」的评语不能超过 (\\d+) 个字", "msg_score_comment_long");
    rule("至少设置 1 项评分标准：\\[\\{name, weight\\}\\]", "msg_rubric_empty");
    rule("最多 (\\d+) 项评分标准", "msg_rubric_too_many");
    rule("每项评分标准都必须有名称 name", "msg_rubric_name_missing");
    rule("评分标准名称不能超过 (\\d+) 个字：(.+)", "msg_rubric_name_long");
    rule("评分标准名称重复：(.+)", "msg_rubric_name_twice");
    rule("「(.+)」的权重必须是 1 到 100 之间的整数", "msg_rubric_weight");
    rule("请至少包含一个两个字以上的词（单个字或纯数字无法用于搜索）", "msg_search_words");
    rule("必须是对象", "msg_not_object");
    rule("必须是列表：\\[\\{requirement, answer\\}\\]", "msg_answers_list");
    rule("每一项都必须包含考核指标 requirement 和说明 answer", "msg_answers_item");
    rule("每项说明不能超过 (\\d+) 个字", "msg_answer_long");
    rule("必须是方案编号的列表", "msg_solution_ids");
    rule("最多提供 (\\d+) 个方案", "msg_apply_max_solutions");
    rule("postingId 与 solutionId 必须且只能填写一个", "msg_conv_one_record");
    rule("只有待审核的(?:需求|方案)可以审核，当前状态：(.+)", "msg_moderate_pending_only");
    rule("榜单当前为「(.+)」，不能再修改申报条件", "msg_rules_state");
    rule("榜单当前为「(.+)」，不能再修改评分标准", "msg_rubric_state");
    rule("榜单当前为「(.+)」，不能再指定评审专家", "msg_reviewers_state");
    rule("榜单当前为「(.+)」，不能进行此操作", "msg_call_state");
    rule("该申报当前状态为「(.+)」，不能进行此操作", "msg_application_state");
    rule("尚有 (\\d+) 位评审未评分（(.+)），仍要揭榜吗？", "msg_reviews_incomplete_award");
    rule("尚有 (\\d+) 位评审未评分（(.+)），仍要入围吗？", "msg_reviews_incomplete_shortlist");
    rule("最多保存 (\\d+) 个订阅，请先删除不再需要的", "msg_saved_search_limit");
    rule("搜索方案时可用的筛选条件：(.+)", "msg_solution_filters");
    rule("搜索需求时可用的筛选条件：(.+)", "msg_posting_filters");
    rule("异议期至 (.+) 结束，期满后才能进入攻关", "msg_objection_period_running");
    rule("还有 (\\d+) 条异议尚未答复，答复后才能进入攻关", "msg_objections_unanswered");
    rule("申报当前状态为「(.+)」，榜单已有结果，不能再出具推荐意见", "msg_endorse_decided");
    rule("申报当前状态为「(.+)」，不能再修改", "msg_application_fixed");
    rule("该榜单当前为「(.+)」，不接受申报", "msg_call_not_open");
    rule("当前状态为「(.+)」，只有征集中、申报中、洽谈中、评审中或入围的榜单和需求可以联系方案提供方", "msg_contact_state");
    rule("(.+)不存在", "msg_not_found");
    // response.ResponseService and ResponseInput
    rule("只有供应商账号可以响应场景需求", "msg_response_provider_only");
    rule("本单位已响应过该需求，可以修改已提交的响应", "msg_response_duplicate");
    rule("揭榜挂帅榜单请通过揭榜申报参与，不能提交需求响应", "msg_response_call");
    rule("不能响应本单位发布的需求", "msg_response_own_demand");
    rule("需求当前为「(.+)」，只有征集中的需求可以响应", "msg_response_not_open");
    rule("需求已过截止日期，不能再响应", "msg_response_past_deadline");
    rule("响应已被修改或已有处理结果，请刷新后再编辑", "msg_response_stale");
    rule("需求方已处理该响应，不能再修改或撤回", "msg_response_decided");
    rule("响应已有处理结果，不能撤回", "msg_response_decided_withdraw");
    rule("只有需求发布单位可以查看响应", "msg_response_buyer_only_read");
    rule("只有需求发布单位可以处理响应", "msg_response_buyer_only");
    rule("该响应当前为「(.+)」，不能变为「(.+)」", "msg_response_bad_move");
    rule("需求当前为「(.+)」，不能进行此操作", "msg_response_demand_state");
    rule("本单位尚未通过平台认证，认证后才能响应需求", "msg_response_unverified");
    rule("只能选择本单位已发布的方案", "msg_response_own_solutions");
    rule("请至少选择 1 个本单位已发布的方案", "msg_response_no_solution");
    rule("最多选择 (\\d+) 个方案", "msg_response_max_solutions");
    rule("只能修改或撤回本单位的响应", "msg_response_not_own");
    // delivery: plan, milestone reports, evidence, funding
    rule("只有揭榜牵头单位可以编制交付计划和提交进展报告", "dlv_msg_lead_only");
    rule("只有发榜单位可以确认交付计划、审核进展报告和登记资金拨付", "dlv_msg_issuer_only");
    rule("只有发榜单位、揭榜联合体成员和管理员可以查看佐证材料", "dlv_msg_evidence_parties");
    rule("榜单当前为「(.+)」，不能再编制或修改交付计划", "dlv_msg_state_plan");
    rule("榜单当前为「(.+)」，不能再确认交付计划", "dlv_msg_state_decide_plan");
    rule("榜单当前为「(.+)」，不能提交进展报告", "dlv_msg_state_report");
    rule("榜单当前为「(.+)」，不能审核进展报告", "dlv_msg_state_decide_report");
    rule("榜单当前为「(.+)」，不能登记资金拨付", "dlv_msg_state_funding");
    rule("交付计划已经发榜单位确认，不能再修改", "dlv_msg_plan_final");
    rule("交付计划已被他人修改，请刷新后重试", "dlv_msg_plan_stale");
    rule("揭榜单位尚未提交交付计划", "dlv_msg_plan_missing");
    rule("交付计划当前不是待确认状态", "dlv_msg_plan_not_proposed");
    rule("交付计划尚未经发榜单位确认，不能提交进展报告", "dlv_msg_plan_not_accepted_report");
    rule("该里程碑的进展报告正在等待发榜单位审核", "dlv_msg_report_waiting");
    rule("该里程碑已通过确认，不能再提交进展报告", "dlv_msg_milestone_accepted");
    rule("该进展报告已审核", "dlv_msg_report_decided");
    rule("只有已通过确认的里程碑可以登记资金拨付", "dlv_msg_funding_accepted_only");
    rule("拨付日期不能晚于今天", "dlv_msg_funding_date_future");
    rule("拨付合计将达 (\\d+) 万元，超过揭榜支持资金 (\\d+) 万元（已拨付 (\\d+) 万元）", "dlv_msg_funding_over");
    rule("交付计划尚未经发榜单位确认，不能申请验收", "dlv_msg_gate_plan");
    rule("还有 (\\d+) 个里程碑未通过发榜单位确认，全部确认后才能申请验收", "dlv_msg_gate_milestones");
    rule("到期日必须晚于今天", "dlv_msg_due_past");
    rule("到期日不能晚于 5 年后", "dlv_msg_due_far");
    rule("交付计划应有 1 到 (\\d+) 个里程碑", "dlv_msg_milestone_count");
    rule("必须是对象", "dlv_msg_not_object");
    rule("各里程碑资金合计 (\\d+) 万元，超过揭榜支持资金 (\\d+) 万元", "dlv_msg_funding_sum");
    rule("「(.+)」不是本榜单的考核指标", "dlv_msg_not_requirement");
    rule("同一考核指标只能填写一次", "dlv_msg_requirement_twice");
    rule("最多上传 (\\d+) 个佐证材料", "dlv_msg_evidence_count");
    rule("佐证材料文件为空", "dlv_msg_evidence_empty");
    rule("佐证材料必须是 PDF、JPEG 或 PNG 文件（按文件内容识别，与文件名和声明的类型无关）", "dlv_msg_evidence_type");
    rule("每个佐证材料不能超过 10 MB", "dlv_msg_evidence_size");
    rule("必须是 JSON 列表", "dlv_msg_json_list");
    // image.ImageSanitizer: the refusals of delivery evidence and showcase pictures
    rule("图片不能超过 (\\d+) MB", "msg_image_size");
    rule("图片像素过多（不超过 4000 万像素）", "msg_image_pixels");
    rule("图片必须是 JPEG 或 PNG（按文件内容识别，与文件名和声明的类型无关）", "msg_image_type");
    rule("文件为空，请选择 JPEG 或 PNG 图片", "msg_image_empty");
    rule("无法读取该图片：文件已损坏或不是有效的 JPEG/PNG", "msg_image_unreadable");
    // acceptance.AcceptanceService, ScoreSheet, DemandAcceptance, AcceptanceHook
    rule("验收结论须由验收专家组评分后，由发布单位在验收页作出，不能直接变更状态", "acc_msg_panel_required");
    rule("需求方须先提交试点验收，验收通过后需求才能标记为已落地", "acc_msg_demand_acceptance_required");
    rule("只有发布单位、验收专家和揭榜联合体可以查看验收详情", "acc_msg_round_hidden");
    rule("只有发布单位可以指定验收专家", "acc_msg_appoint_issuer_only");
    rule("利益冲突：验收专家不能来自揭榜联合体的成员单位", "acc_msg_consortium_member");
    rule("验收专家必须是平台上的政府部门账号", "acc_msg_government_only");
    rule("该账号所属的政府部门尚未通过平台认证，不能担任验收专家", "acc_msg_unverified_member");
    rule("验收专家组最多 (\\d+) 人", "acc_msg_panel_full");
    rule("该专家已在验收专家组中", "acc_msg_member_twice");
    rule("您不是该项目的验收专家，不能评分", "acc_msg_not_member_score");
    rule("您已声明回避，不能再评分", "acc_msg_recused_no_score");
    rule("您不是该项目的验收专家，无需声明回避", "acc_msg_not_member_recusal");
    rule("只有发布单位可以作出验收结论", "acc_msg_conclude_issuer_only");
    rule("验收专家组至少需要 (\\d+) 位未回避的专家", "acc_msg_panel_too_small");
    rule("尚有 (\\d+) 位验收专家未评分（(.+)），不能作出结论", "acc_msg_scores_missing");
    rule("专家组验收结论为通过，应作出验收通过的结论", "acc_msg_panel_passed");
    rule("专家组验收结论为不通过，不能作出验收通过的结论；请选择退回攻关或验收未通过", "acc_msg_panel_failed");
    rule("本轮验收已作出结论", "acc_msg_concluded");
    rule("本轮验收已作出结论，不能再进行此操作", "acc_msg_concluded_no_action");
    rule("必须是列表：\\[\\{requirement, verdict, comment\\}\\]", "acc_msg_sheet_list");
    rule("每一项都必须指明考核指标 requirement", "acc_msg_sheet_requirement");
    rule("包含不属于该项目考核指标的项", "acc_msg_sheet_unknown");
    rule("「(.+)」重复评价", "acc_msg_sheet_twice");
    rule("「(.+)」的结论必须是 met、partly 或 not_met", "acc_msg_sheet_verdict");
    rule("「(.+)」结论为部分达到或未达到时，请填写意见", "acc_msg_sheet_comment_required");
    rule("请对每项考核指标给出结论，尚未评价：(.+)", "acc_msg_sheet_missing");
    rule("有考核指标未达到，不能作出验收通过的结论", "acc_msg_demand_pass_not_met");
    rule("验收不通过时，请说明需要整改的问题", "acc_msg_demand_findings_required");
    rule("验收结论为通过时才能标记为已落地", "acc_msg_demand_landed_passed_only");
    rule("只有试点中的响应可以验收", "acc_msg_demand_pilot_only");
    // importer
    rule("与前面的行重复：(.+)", "msg_duplicate_key");
    rule("该行不是 JSON 对象", "msg_not_json_object");
    rule("该行不是合法的 JSON", "msg_not_json");
    rule("有 (\\d+) 行数据有误，未导入任何记录", "msg_import_failed");
    rule("导入内容为空：每行应是一条 JSON 记录", "msg_import_empty");
    // showcase.ShowcaseService, showcase.ScenarioRoutes
    rule("只有发布单位可以编辑示范场景", "sc_msg_edit_forbidden");
    rule("示范场景已被他人修改，请刷新后重试", "sc_msg_stale");
    rule("每个示范场景最多 (\\d+) 张图片，请先删除不需要的图片", "sc_msg_too_many_images");
    rule("最多 (\\d+) 项指标", "sc_msg_max_indicators");
    rule("每一项都必须是对象 \\{name, before, after, unit\\}", "sc_msg_indicator_object");
    rule("请选择要上传的 JPEG 或 PNG 图片（file 字段，每次一张）", "sc_msg_choose_image");
    rule("搜索词无效（一行，不超过 100 个字）", "sc_msg_bad_query");
    rule("区县无效", "sc_msg_bad_district");
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
    Matcher item = ITEM.matcher(message.strip());
    if (item.matches()) {
      return m.format("msg_item_problem", Long.valueOf(item.group(1)), translate(item.group(2), m));
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
    for (Map.Entry<String, String> named : NAMED.entrySet()) {
      String problem = message.startsWith(named.getKey()) ? one(message.substring(named.getKey().length()), m) : null;
      if (problem != null) {
        return m.format(named.getValue(), problem);
      }
    }
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

  static {
    NOUNS.putAll(Map.ofEntries(Map.entry("申报", "msg_noun_application"), Map.entry("单位", "msg_noun_organization"),
        Map.entry("响应", "msg_noun_response"), Map.entry("联合体邀请", "msg_noun_invitation"),
        Map.entry("附件", "msg_noun_attachment"), Map.entry("沟通", "msg_noun_conversation"),
        Map.entry("记录", "msg_noun_record"), Map.entry("申报指南", "msg_noun_guide"), Map.entry("公示", "msg_noun_result"),
        Map.entry("资源", "msg_noun_resource"), Map.entry("通知", "msg_noun_notification"),
        Map.entry("订阅", "msg_noun_saved_search"), Map.entry("加入申请", "msg_noun_join_request"), Map.entry("异议", "msg_noun_objection"), Map.entry("未填写", "msg_not_given"),
        Map.entry("示范场景", "sc_msg_noun_scenario"), Map.entry("图片", "sc_msg_noun_image")));
    NOUNS.put("验收", "acc_noun_acceptance");
  }

  static {
    NOUNS.putAll(Map.of("交付计划", "dlv_noun_plan", "里程碑", "dlv_noun_milestone", "进展报告", "dlv_noun_report",
        "佐证材料", "dlv_noun_evidence"));
  }

  private static Map<String, String> states() {
    Map<String, String> states = new HashMap<>();
    Messages.ZH.all().forEach((key, label) -> {
      if (key.startsWith("status_") || key.startsWith("app_status_") || key.startsWith("response_status_")) {
        states.putIfAbsent(label, key);
      }
    });
    return states;
  }

  /** A captured value: Chinese list separators become commas, known nouns and states English; vocabulary stays as written. */
  private static Object english(String value, Messages m) {
    if (NOUNS.containsKey(value)) {
      return m.get(NOUNS.get(value));
    }
    if (value.matches("-?\\d{1,18}")) {
      return Long.valueOf(value);
    }
    return String.join(", ", Arrays.stream(value.split("、", -1)).map(part -> term(part, m)).toList());
  }

  /** A state's English name; anything else (the vocabulary too) as written. */
  private static String term(String value, Messages m) {
    return STATES.containsKey(value) ? m.get(STATES.get(value)) : value;
  }
}
