package cn.qdaipark.scenariohub.solution;

import java.util.Set;

/** Lifecycle of a listing: draft → pending (unverified provider) or published → archived; rejected by an admin. */
public final class SolutionStatus {
  public static final String DRAFT = "draft";
  public static final String PENDING = "pending";
  public static final String PUBLISHED = "published";
  public static final String REJECTED = "rejected";
  public static final String ARCHIVED = "archived";
  public static final Set<String> ALL = Set.of(DRAFT, PENDING, PUBLISHED, REJECTED, ARCHIVED);

  private SolutionStatus() {
  }
}
