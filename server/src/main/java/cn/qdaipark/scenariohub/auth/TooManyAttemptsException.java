package cn.qdaipark.scenariohub.auth;

import cn.qdaipark.scenariohub.http.ApiException;

/** Login refused by the throttle; carries when to try again. */
public final class TooManyAttemptsException extends ApiException {
  private final long retryAfterSeconds;

  public TooManyAttemptsException(long retryAfterSeconds) {
    super(429, "rate_limited", "登录失败次数过多，请 " + retryAfterSeconds + " 秒后再试");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
