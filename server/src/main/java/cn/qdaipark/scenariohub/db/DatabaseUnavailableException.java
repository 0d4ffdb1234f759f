package cn.qdaipark.scenariohub.db;

/** PostgreSQL cannot be reached or used; at startup the server says so and exits non-zero. */
public final class DatabaseUnavailableException extends RuntimeException {
  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
