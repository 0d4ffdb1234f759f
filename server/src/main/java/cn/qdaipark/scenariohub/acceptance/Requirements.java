package cn.qdaipark.scenariohub.acceptance;

import cn.qdaipark.scenariohub.posting.Posting;
import java.util.List;

/** The 考核指标 an acceptance scores: the posting's requirements, or its overall goal when it lists none. */
public final class Requirements {
  /** The single item of a posting without requirements. */
  public static final String OVERALL = "总体目标达成情况";

  private Requirements() {
  }

  public static List<String> of(Posting posting) {
    return posting.requirements().isEmpty() ? List.of(OVERALL) : List.copyOf(posting.requirements());
  }
}
