package cn.qdaipark.scenariohub.auth;

import cn.qdaipark.scenariohub.alert.NotificationRepository;
import cn.qdaipark.scenariohub.audit.AuditLog;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.organization.CreditCode;
import cn.qdaipark.scenariohub.organization.InvitationCode;
import cn.qdaipark.scenariohub.organization.InvitationRepository;
import cn.qdaipark.scenariohub.organization.OrgKind;
import cn.qdaipark.scenariohub.organization.Organization;
import cn.qdaipark.scenariohub.organization.OrganizationRepository;
import cn.qdaipark.scenariohub.validation.Validator;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Accounts: registration into an organization, login with throttling, logout by revoking the token. */
public final class AuthService {
  static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}$");
  private static final List<String> SELF_SERVICE_ROLES = List.of("provider", "government", "buyer");
  private static final String INVITATION_INVALID = "邀请码无效、已被使用、已过期或不属于该组织，请向该组织的成员索取新的邀请码";

  private final Pool pool;
  private final WorkerExecutor hashing;
  private final PasswordHasher hasher;
  private final TokenService tokens;
  private final LoginThrottle throttle;
  private final RegistrationLimit registrations;
  private final PasswordPolicy passwords = new PasswordPolicy();
  private final UserRepository users;
  private final OrganizationRepository organizations;
  private final InvitationRepository invitations;
  private final NotificationRepository notifications;
  private final AuditLog audit;
  private final Clock clock;
  private final String dummyHash;

  public AuthService(Pool pool, WorkerExecutor hashing, PasswordHasher hasher, TokenService tokens, LoginThrottle throttle,
                     RegistrationLimit registrations, UserRepository users, OrganizationRepository organizations, InvitationRepository invitations,
                     NotificationRepository notifications, AuditLog audit, Clock clock) {
    this.pool = pool;
    this.hashing = hashing;
    this.hasher = hasher;
    this.tokens = tokens;
    this.throttle = throttle;
    this.registrations = registrations;
    this.users = users;
    this.organizations = organizations;
    this.invitations = invitations;
    this.notifications = notifications;
    this.audit = audit;
    this.clock = clock;
    this.dummyHash = hasher.hash("timing-equaliser-for-unknown-accounts");
  }

  public record Registration(String email, String password, String displayName, Role role, String orgName, String creditCode,
                             String invitationCode) {
  }

  public record Login(String token, int expiresIn, UserAccount user) {
  }

  public static Registration validateRegistration(JsonObject body) {
    Validator v = new Validator(body);
    String email = v.line("email", true, 3, 254);
    v.check(v.hasError("email") || EMAIL.matcher(email).matches(), "email", "邮箱格式不正确");
    String password = body.getValue("password") instanceof String s ? s : "";
    v.check(PasswordPolicy.formProblem(password) == null, "password", PasswordPolicy.formProblem(password));
    String displayName = v.name("displayName", true, 1, 60);
    String role = v.oneOf("role", SELF_SERVICE_ROLES, Map.of());
    String orgName = v.name("orgName", true, 2, 100);
    String creditCode = v.line("creditCode", false, 18, 18).toUpperCase();
    v.check(creditCode.isEmpty() || CreditCode.isValid(creditCode), "creditCode", "统一社会信用代码无效（校验位不符）");
    String invitationCode = v.line("invitationCode", false, 0, 64);
    v.throwIfInvalid();
    return new Registration(email.toLowerCase(), password, displayName, Role.parse(role).orElseThrow(), orgName,
        creditCode.isEmpty() ? null : creditCode, invitationCode.isEmpty() ? null : invitationCode);
  }

  /** A registration from a client: counted against its address before the password is hashed. */
  public Future<UserAccount> register(Registration r, String address) {
    return strongEnough(r).compose(ok -> registrations.reserve(address)).compose(ok -> create(r, false));
  }

  /**
   * A registration by the platform itself (the demo accounts): no per-address limit, and the platform vouches for the
   * account, which joins its organization at once.
   */
  public Future<UserAccount> register(Registration r) {
    return strongEnough(r).compose(ok -> create(r, true));
  }

  private Future<Void> strongEnough(Registration r) {
    return strongEnough(r.password(), List.of(r.email(), r.email().substring(0, r.email().indexOf('@')), r.displayName(),
        r.orgName()));
  }

  /** A 400 on the password field when zxcvbn finds it guessable, knowing what the account's owner is called. */
  Future<Void> strongEnough(String password, List<String> known) {
    return hashing.executeBlocking(() -> passwords.guessable(password, known), false)
        .compose(guessable -> guessable
            ? Future.failedFuture(ApiException.validation(Map.of("password", PasswordPolicy.TOO_GUESSABLE)))
            : Future.succeededFuture());
  }

  private Future<UserAccount> create(Registration r, boolean vouched) {
    return hash(r.password())
        .compose(hash -> pool.withTransaction(db -> users.findByEmail(db, r.email())
            .compose(existing -> existing.isPresent()
                ? Future.failedFuture(new ApiException(409, "conflict", "该邮箱已注册", Map.of("email", "该邮箱已注册"), null))
                : organizationFor(db, r))
            .compose(joining -> !vouched && joining.asks(r)
                ? users.insert(db, r.email(), hash, r.displayName(), r.role(), null, joining.org().id())
                    .compose(user -> askToJoin(db, joining.org(), user).map(user))
                    .compose(user -> recordRegistration(db, user, null))
                : users.insert(db, r.email(), hash, r.displayName(), r.role(), joining.org().id())
                    .compose(user -> invitationFor(db, joining, r, user).compose(invitationId -> recordRegistration(db, user,
                        invitationId))))));
  }

  private Future<UserAccount> recordRegistration(SqlClient db, UserAccount user, Long invitationId) {
    return audit.record(db, user.id(), "user.register", "user", user.id(),
            new JsonObject().put("organizationId", user.organizationId()).put("role", user.role().wire())
                .put("requestedOrganizationId", user.requestedOrganizationId()).put("invitationId", invitationId))
        .map(user);
  }

  /** The members hear of the request in the transaction of the new account. */
  private Future<Void> askToJoin(SqlClient db, Organization org, UserAccount user) {
    return notifications.notifyOrganizations(db, List.of(org.id()), "join_request", null,
        user.displayName() + "（" + user.email() + "）申请加入" + org.name(), "请在本单位页面批准或拒绝。",
        "/organizations/" + org.id() + "#org-join");
  }

  /** The organization a registration names, and whether the registration created it. */
  private record Joining(Organization org, boolean created) {
    /** Without an invitation code, an existing organization is asked to accept the account rather than joined. */
    boolean asks(Registration r) {
      return !created && r.invitationCode() == null;
    }
  }

  /**
   * Joining an existing organization with an invitation code uses the code up, in the transaction of the new account,
   * so a refused code leaves no account behind; the id of the invitation used, or null when none was given.
   */
  private Future<Long> invitationFor(SqlClient db, Joining joining, Registration r, UserAccount user) {
    if (joining.created() || r.invitationCode() == null) {
      return Future.succeededFuture(null);
    }
    return invitations.redeem(db, joining.org().id(), InvitationCode.hash(r.invitationCode()), user.id(), OffsetDateTime.now(clock))
        .map(used -> used.orElseThrow(() -> ApiException.validation(Map.of("invitationCode", INVITATION_INVALID))));
  }

  private Future<Joining> organizationFor(SqlClient db, Registration r) {
    OrgKind kind = switch (r.role()) {
      case PROVIDER -> OrgKind.PROVIDER;
      case GOVERNMENT -> OrgKind.GOVERNMENT;
      default -> OrgKind.ENTERPRISE;
    };
    return organizations.findByName(db, r.orgName()).compose(found -> {
      if (found.isEmpty()) {
        return organizations.insert(db, r.orgName(), kind, r.creditCode(), "").map(org -> new Joining(org, true));
      }
      Organization org = found.get();
      // Typing a name (and its public credit code) proves nobody works there: an existing organization, verified or
      // not, is joined with one of its invitation codes, or the account waits until a member approves it.
      if (org.kind() != kind) {
        return Future.failedFuture(ApiException.validation(Map.of("orgName", "该组织已登记为其他类型，不能以此角色加入")));
      }
      if (r.creditCode() != null && org.creditCode() != null && !org.creditCode().equals(r.creditCode())) {
        return Future.failedFuture(ApiException.validation(Map.of("creditCode", "与该组织已登记的统一社会信用代码不一致")));
      }
      return Future.succeededFuture(new Joining(org, false));
    });
  }

  public Future<Login> login(String email, String password, String address) {
    String account = email == null ? "" : email.strip().toLowerCase();
    return throttle.reserve(account, address)
        .compose(reserved -> users.findByEmail(pool, account))
        .compose(found -> verify(password == null ? "" : password, found.map(UserAccount::passwordHash).orElse(dummyHash))
            .map(ok -> ok && found.isPresent() ? found.get() : null))
        .compose(user -> {
          if (user == null) {
            return Future.failedFuture(ApiException.unauthorized("邮箱或密码不正确"));
          }
          return throttle.succeeded(account, address).map(done -> new Login(tokens.issue(user), tokens.ttlSeconds(), user));
        });
  }

  /** Binds a value to the server's key (see {@link TokenService#mac}), e.g. a page's form token to its session. */
  public String mac(String value) {
    return tokens.mac(value);
  }

  public Future<Void> logout(CurrentUser user) {
    return users.revoke(pool, user.tokenId(), user.expiresAtEpochSecond());
  }

  /**
   * The caller of a token: verified signature and claims, not revoked by a logout, and an account that still exists,
   * whose role and organization are read afresh rather than trusted from the token.
   */
  public Future<CurrentUser> authenticate(String token) {
    return tokens.verify(token)
        .compose(verified -> users.holder(pool, verified.user().id(), verified.user().tokenId(), verified.version())
            .map(holder -> {
              if (holder.isEmpty()) {
                throw ApiException.unauthorized("账号不存在或已停用，请重新登录");
              }
              if (holder.get().revoked()) {
                throw ApiException.unauthorized("登录凭证已注销，请重新登录");
              }
              UserAccount account = holder.get().account();
              return new CurrentUser(account.id(), account.email(), account.role(), account.organizationId(),
                  verified.user().tokenId(), verified.user().expiresAtEpochSecond(), account.requestedOrganizationId());
            }));
  }

  /**
   * Creates the first admin when there is none; returns the generated password when one had to be invented. A given
   * ADMIN_PASSWORD meets the rule of every other account, or the first start fails: the admin is the best target.
   */
  public Future<String> ensureAdmin(String email, String password) {
    return users.anyAdmin(pool).compose(exists -> {
      if (exists) {
        return Future.succeededFuture(null);
      }
      String address = email == null ? "admin@localhost" : email.toLowerCase();
      String secret = password == null ? RandomPassword.generate() : password;
      return adminPasswordStrong(secret, address)
          .compose(ok -> hash(secret))
          .compose(hash -> pool.withTransaction(db -> users.insert(db, address, hash, "平台管理员", Role.ADMIN, null)
              .compose(admin -> audit.record(db, null, "user.bootstrap_admin", "user", admin.id(), null))))
          .map(done -> password == null ? secret : null);
    });
  }

  private Future<Void> adminPasswordStrong(String password, String email) {
    String problem = PasswordPolicy.formProblem(password);
    return hashing.executeBlocking(() -> problem == null && !passwords.guessable(password, List.of(email)), false)
        .compose(strong -> strong ? Future.succeededFuture() : Future.failedFuture(new IllegalStateException(
            "ADMIN_PASSWORD is too weak for the first admin: at least " + PasswordPolicy.MIN_LENGTH
                + " characters and hard to guess (a zxcvbn score of 3 or more); choose another or leave it unset "
                + "to have one generated")));
  }

  public Future<String> hash(String password) {
    return hashing.executeBlocking(() -> hasher.hash(password), false);
  }

  private Future<Boolean> verify(String password, String hash) {
    return hashing.executeBlocking(() -> hasher.verify(password, hash), false);
  }
}
