package cn.qdaipark.scenariohub.mail;

import cn.qdaipark.scenariohub.config.AppConfig;

/**
 * What writers of e-mails need to know: whether e-mail is on (SMTP configured; when off no outbox row is written,
 * so none piles up to go out late) and the public address that links in e-mails start with.
 */
public record Mailing(boolean enabled, String baseUrl) {
  public static Mailing from(AppConfig config) {
    return new Mailing(config.smtp().enabled(), config.publicBaseUrl());
  }

  /** The SQL of an e-mail's footer, after the link; {@code #{base}} is the public address. */
  public static final String FOOTER = "E'\\n\\n——\\n智算谷·场景汇（青岛人工智能产业园应用场景供需对接平台）\\n"
      + "更改邮件通知：' || #{base} || '/notifications/settings'";
}
