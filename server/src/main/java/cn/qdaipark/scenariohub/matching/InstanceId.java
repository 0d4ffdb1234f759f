package cn.qdaipark.scenariohub.matching;

import cn.qdaipark.scenariohub.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** A stable name for this server instance's index replica, kept in its data directory beside the index. */
public final class InstanceId {
  private InstanceId() {
  }

  public static String load(Path dataDir) {
    Path file = dataDir.resolve("instance-id");
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
      }
      Files.createDirectories(dataDir);
      String id = UUID.randomUUID().toString();
      Files.writeString(file, id, StandardCharsets.UTF_8);
      return id;
    } catch (IOException e) {
      throw new ConfigException("cannot read or create " + file + ": " + e.getMessage());
    }
  }
}
