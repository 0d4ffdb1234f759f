package cn.qdaipark.scenariohub.posting;

import java.util.Set;

/** Lifecycle of a call or demand: draft → pending (unverified issuer) or open → closed / archived; rejected by an admin. */
public final class PostingStatus {
  public static final String DRAFT = "draft";
  public static final String PENDING = "pending";
  public static final String OPEN = "open";
  public static final String CLOSED = "closed";
  public static final String REJECTED = "rejected";
  public static final String ARCHIVED = "archived";
  public static final Set<String> ALL = Set.of(DRAFT, PENDING, OPEN, CLOSED, REJECTED, ARCHIVED);
  /** States in which the public may see a posting. */
  public static final Set<String> PUBLIC = Set.of(OPEN, CLOSED);

  private PostingStatus() {
  }
}
