package cn.qdaipark.scenariohub.organization;

import java.util.Arrays;
import java.util.Optional;

/** What an organization is: an AI firm, a government body, or an enterprise / city department with demands. */
public enum OrgKind {
  PROVIDER, GOVERNMENT, ENTERPRISE;

  public String wire() {
    return name().toLowerCase();
  }

  public static Optional<OrgKind> parse(String value) {
    return Arrays.stream(values()).filter(k -> k.wire().equals(value)).findFirst();
  }
}
