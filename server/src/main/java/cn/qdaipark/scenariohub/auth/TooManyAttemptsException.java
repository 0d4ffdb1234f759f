package cn.qdaipark.scenariohub.auth;

import cn.qdaipark.scenariohub.http.ApiException;

/** A login or registration refused by its rate limit; carries when to try again (for Retry-After). */
public final class TooManyAttemptsException extends ApiException {
  private final long retryAfterSeconds;

  private TooManyAttemptsException(long retryAfterSeconds, String message) {
    super(429, "rate_limited", message);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  static TooManyAttemptsException login(long retryAfterSeconds) {
    return new TooManyAttemptsException(retryAfterSeconds, "登录失败次数过多，请 " + retryAfterSeconds + " 秒后再试");
  }

  static TooManyAttemptsException registration(long retryAfterSeconds) {
    return new TooManyAttemptsException(retryAfterSeconds,
        "该网络地址注册的账号过多，请 " + (retryAfterSeconds + 59) / 60 + " 分钟后再试");
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
