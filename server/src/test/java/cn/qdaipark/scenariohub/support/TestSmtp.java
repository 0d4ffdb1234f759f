package cn.qdaipark.scenariohub.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A real SMTP server (GreenMail) in the test JVM on a port of its own, which may be stopped and started again. */
public final class TestSmtp implements AutoCloseable {
  public static final String FROM = "noreply@scenariohub.test";
  private final int port;
  private GreenMail server;

  private TestSmtp(int port) {
    this.port = port;
  }

  /** Started. */
  public static TestSmtp start() {
    TestSmtp smtp = new TestSmtp(freePort());
    smtp.up();
    return smtp;
  }

  /** Not started yet: the port refuses connections until {@link #up()}. */
  public static TestSmtp down() {
    return new TestSmtp(freePort());
  }

  public void up() {
    server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
  }

  public int port() {
    return port;
  }

  /**
   * The settings of an app that sends here; its timer is slowed to an hour so that a test decides when mail goes
   * out ({@code app.sendMail()}).
   */
  public Map<String, String> settings() {
    return Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(port), "SMTP_FROM", FROM,
        "SMTP_STARTTLS", "disabled", "SMTP_POLL_MS", "3600000", "PUBLIC_BASE_URL", "https://hub.example.cn",
        // every test asks for its resets from 127.0.0.1
        "PASSWORD_RESETS_PER_ADDRESS", "1000");
  }

  public List<MimeMessage> messages() {
    return server == null ? List.of() : Arrays.asList(server.getReceivedMessages());
  }

  /** The messages delivered to {@code address}. */
  public List<MimeMessage> to(String address) {
    return messages().stream().filter(m -> recipients(m).contains(address)).toList();
  }

  public static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String text(MimeMessage m) {
    try {
      return m.getContent().toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String recipients(MimeMessage m) {
    try {
      return Arrays.toString(m.getAllRecipients());
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }
}
