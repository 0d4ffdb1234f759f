package cn.qdaipark.scenariohub.mail;

import cn.qdaipark.scenariohub.config.SmtpSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the e-mails of the outbox. Any number of senders (replicas) may run on one database: each claims a batch of
 * due rows under a lease (see {@link EmailOutbox}), sends them one by one and settles each attempt: sent, or retried
 * after an exponential back-off (30 s, 1 min, 2 min … at most 1 h), or failed after {@code SMTP_MAX_ATTEMPTS}.
 *
 * <p>At least once, not at most once: the lease is taken before the SMTP conversation and settled after it, so a
 * sender that dies between the server's acceptance and the settling UPDATE (or that takes longer than the lease)
 * leaves a row another sender sends again when the lease runs out. The alternative, marking sent before sending,
 * would silently lose a password reset or a deadline notice at each crash; a rare duplicate is the cheaper failure.
 * Without crashes two senders never send one row twice: the claim is committed before sending, and SKIP LOCKED plus
 * the pushed next_attempt_at keep every other claim off it.
 */
public final class MailSender {
  private static final Logger log = LoggerFactory.getLogger(MailSender.class);
  /** Longer than any one SMTP conversation may take ({@link #SEND_TIMEOUT}), so a live sender keeps its rows. */
  static final Duration LEASE = Duration.ofMinutes(5);
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
  private static final Duration LONGEST_RETRY = Duration.ofHours(1);
  private static final int BATCH = 20;

  private final Pool pool;
  private final MailClient client;
  private final SmtpSettings smtp;
  private final Clock clock;
  private final EmailOutbox outbox = new EmailOutbox();
  private final AtomicBoolean running = new AtomicBoolean();

  public MailSender(Vertx vertx, Pool pool, SmtpSettings smtp, Clock clock) {
    this.pool = pool;
    this.smtp = smtp;
    this.clock = clock;
    this.client = MailClient.create(vertx, config(smtp));
  }

  private static MailConfig config(SmtpSettings smtp) {
    MailConfig config = new MailConfig().setHostname(smtp.host()).setPort(smtp.port()).setSsl(smtp.tls())
        .setStarttls(StartTLSOptions.valueOf(smtp.starttls().toUpperCase())).setConnectTimeout(10_000)
        .setKeepAliveTimeout(30).setKeepAliveTimeoutUnit(TimeUnit.SECONDS);
    if (smtp.username() != null) {
      config.setUsername(smtp.username()).setPassword(smtp.password()).setLogin(LoginOption.REQUIRED);
    } else {
      config.setLogin(LoginOption.DISABLED);
    }
    return config;
  }

  /**
   * Sends what is due now; answers how many e-mails this call delivered. A call while the previous one of this
   * sender still runs answers 0 at once (the timer may tick during a slow SMTP server).
   */
  public Future<Integer> sendDue() {
    if (!running.compareAndSet(false, true)) {
      return Future.succeededFuture(0);
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    return outbox.claim(pool, now, now.plus(LEASE), smtp.maxAttempts(), BATCH)
        .compose(claimed -> {
          Future<Integer> sent = Future.succeededFuture(0);
          for (EmailOutbox.Claimed mail : claimed) {
            sent = sent.compose(n -> send(mail).map(ok -> ok ? n + 1 : n));
          }
          return sent;
        })
        .onComplete(done -> running.set(false));
  }

  private Future<Boolean> send(EmailOutbox.Claimed mail) {
    MailMessage message = new MailMessage().setFrom(smtp.from()).setTo(mail.recipient()).setSubject(mail.subject())
        .setText(mail.body());
    return client.sendMail(message).timeout(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .compose(result -> outbox.sent(pool, mail, OffsetDateTime.now(clock)).map(true),
            failure -> {
              Duration wait = backOff(mail.attempt());
              log.warn("e-mail {} attempt {} of {} failed ({}); {}", mail.id(), mail.attempt(), smtp.maxAttempts(),
                  failure.getMessage(), mail.attempt() >= smtp.maxAttempts() ? "giving up" : "retrying in " + wait);
              return outbox.retry(pool, mail, smtp.maxAttempts(), OffsetDateTime.now(clock).plus(wait),
                  String.valueOf(failure.getMessage())).map(false);
            });
  }

  /** 30 s after the first failed attempt, doubling each time, at most an hour. */
  static Duration backOff(int attempt) {
    Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(attempt - 1, 20));
    return wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
  }

  public Future<Void> close() {
    return client.close();
  }
}
