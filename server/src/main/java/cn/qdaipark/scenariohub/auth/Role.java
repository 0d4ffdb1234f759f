package cn.qdaipark.scenariohub.auth;

import java.util.Arrays;
import java.util.Optional;

/** The four account roles of DESIGN.md; stored and sent in lower case. */
public enum Role {
  PROVIDER, GOVERNMENT, BUYER, ADMIN;

  public String wire() {
    return name().toLowerCase();
  }

  public static Optional<Role> parse(String value) {
    return Arrays.stream(values()).filter(r -> r.wire().equals(value)).findFirst();
  }
}
