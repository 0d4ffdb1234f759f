package cn.qdaipark.scenariohub.config;

import java.util.List;

/**
 * How e-mail leaves the platform: an SMTP server, or none ({@code host} null, e-mail off). {@code starttls} is
 * disabled, optional or required; {@code tls} is TLS from the first byte (port 465). The password never appears in
 * {@link #toString()}. The sender looks for due e-mails every {@code pollMs}.
 */
public record SmtpSettings(String host, int port, String username, String password, String from, String starttls,
                           boolean tls, int maxAttempts, int pollMs) {
  static final List<String> STARTTLS = List.of("disabled", "optional", "required");

  public boolean enabled() {
    return host != null;
  }

  @Override
  public String toString() {
    return "SmtpSettings[host=" + host + ", port=" + port + ", username=" + username + ", password="
        + (password == null ? "unset" : "***") + ", from=" + from + ", starttls=" + starttls + ", tls=" + tls
        + ", maxAttempts=" + maxAttempts + ", pollMs=" + pollMs + "]";
  }
}
