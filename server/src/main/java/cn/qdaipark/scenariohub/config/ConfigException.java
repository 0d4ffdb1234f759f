package cn.qdaipark.scenariohub.config;

/** A setting that cannot be used; the server reports it and exits. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
