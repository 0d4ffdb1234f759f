package cn.qdaipark.scenariohub.delivery;

import java.time.LocalDate;

/** One milestone as the lead proposes it, validated. */
public record MilestoneInput(String title, LocalDate dueDate, String deliverable, long fundingWan) {
}
