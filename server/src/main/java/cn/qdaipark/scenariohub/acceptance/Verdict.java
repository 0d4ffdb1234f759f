package cn.qdaipark.scenariohub.acceptance;

import java.util.List;
import java.util.Map;

/** How well one 考核指标 (requirement) was met: not met, partly met or met, in this order from low to high. */
public final class Verdict {
  public static final String MET = "met";
  public static final String PARTLY = "partly";
  public static final String NOT_MET = "not_met";
  /** From the lowest to the highest. */
  public static final List<String> ALL = List.of(NOT_MET, PARTLY, MET);
  private static final Map<String, String> LABELS = Map.of(MET, "达到", PARTLY, "部分达到", NOT_MET, "未达到");

  private Verdict() {
  }

  static int rank(String verdict) {
    return ALL.indexOf(verdict);
  }

  public static String label(String verdict) {
    return LABELS.getOrDefault(verdict, verdict);
  }

  /** A partly or not met verdict must say why. */
  static boolean needsComment(String verdict) {
    return !MET.equals(verdict);
  }
}
