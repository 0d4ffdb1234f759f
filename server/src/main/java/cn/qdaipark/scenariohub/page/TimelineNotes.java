package cn.qdaipark.scenariohub.page;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The notes of a posting's timeline in the page's language. The platform writes some notes itself, in Chinese
 * (the deadline moving a call into review, a bulk import, the review's decisions, a demand's response moving it on: see
 * PostingService, ReviewService, ResponseService); English pages re-word those, keeping the organization names.
 * A note an issuer or admin typed is theirs and stays as written.
 */
final class TimelineNotes {
  /** ReviewService adds this when the issuer decided before every reviewer had scored. */
  private static final Pattern UNSCORED = Pattern.compile("(.*)（尚有 (\\d+) 位评审未评分，发布单位确认继续）");
  private static final Rewording NOTES = new Rewording()
      .rule("申报截止，自动转入评审", "timeline_note_deadline")
      .rule("批量导入", "timeline_note_imported")
      .rule("确定入围名单", "timeline_note_shortlisted")
      .rule("确定揭榜单位", "timeline_note_awarded")
      .rule("入围洽谈：(.+)", "timeline_note_in_talks")
      .rule("试点单位：(.+)（响应 #(\\d+)）", "timeline_note_pilot")
      .rule("落地单位：(.+)", "timeline_note_landed")
      .rule("第 (\\d+) 轮验收通过", "acc_timeline_accepted")
      .rule("第 (\\d+) 轮验收未通过，退回攻关整改", "acc_timeline_returned")
      .rule("第 (\\d+) 轮验收未通过，项目终止", "acc_timeline_failed");

  private TimelineNotes() {
  }

  static String translate(String note, Messages m) {
    if (note == null || !m.english()) {
      return note;
    }
    Matcher unscored = UNSCORED.matcher(note);
    if (unscored.matches()) {
      return NOTES.translate(unscored.group(1), m) + m.format("timeline_note_unscored", unscored.group(2));
    }
    return NOTES.translate(note, m);
  }
}
