package cn.qdaipark.scenariohub.demo;

import cn.qdaipark.scenariohub.auth.AuthService;
import cn.qdaipark.scenariohub.auth.RandomPassword;
import cn.qdaipark.scenariohub.importer.ImportService;
import cn.qdaipark.scenariohub.organization.OrgKind;
import cn.qdaipark.scenariohub.organization.OrganizationRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's own demo data set (organizations, one account per role, solutions, calls and
 * demands, and a few demonstration scenarios), loaded on first start into an empty database.
 */
public final class DemoData {
  private static final String DIR = "demo/";

  private final Vertx vertx;
  private final Pool pool;
  private final OrganizationRepository organizations;
  private final AuthService auth;
  private final ImportService importer;
  private final Clock clock;
  private final String password;

  /** {@code password}: the one of every demo account, or null for a generated one each. */
  public DemoData(Vertx vertx, Pool pool, OrganizationRepository organizations, AuthService auth, ImportService importer,
                  Clock clock, String password) {
    this.clock = clock;
    this.password = password;
    this.vertx = vertx;
    this.pool = pool;
    this.organizations = organizations;
    this.auth = auth;
    this.importer = importer;
  }

  public record Account(String email, String password, String role) {
  }

  /** Loads the set when the database holds no solution yet; returns the demo accounts it created (empty if none). */
  public Future<List<Account>> loadIfEmpty() {
    return pool.query("SELECT (SELECT count(*) FROM solutions) + (SELECT count(*) FROM postings) AS n").execute()
        .compose(rows -> rows.iterator().next().getLong("n") > 0 ? Future.succeededFuture(List.of()) : load());
  }

  private Future<List<Account>> load() {
    return Future.all(resource("organizations.json"), resource("accounts.json"), resource("solutions.jsonl"),
            resource("postings.jsonl"))
        .compose(files -> load(new JsonArray(files.<String>resultAt(0)), new JsonArray(files.<String>resultAt(1)),
            files.resultAt(2), files.resultAt(3)));
  }

  /** The demo accounts join their organizations by registering, as the platform (which vouches for them). */
  private Future<List<Account>> load(JsonArray orgs, JsonArray accounts, String solutions, String postings) {
    List<Long> toVerify = new ArrayList<>();
    return pool.withTransaction(db -> {
          Future<Void> chain = Future.succeededFuture();
          for (Object o : orgs) {
            JsonObject org = (JsonObject) o;
            chain = chain.compose(done -> organizations.insert(db, org.getString("name"),
                    OrgKind.parse(org.getString("kind")).orElseThrow(), org.getString("creditCode"), org.getString("region"))
                .map(created -> {
                  if (org.getBoolean("verified", false)) {
                    toVerify.add(created.id());
                  }
                  return null;
                }));
          }
          return chain;
        })
        .compose(done -> importer.importSolutions(null, solutions))
        .compose(done -> importer.importPostings(null, postings))
        .compose(done -> new DemoScenarios(vertx, pool, clock).load())
        .compose(done -> registerAccounts(accounts))
        .compose(created -> pool.withTransaction(db -> {
          Future<Void> chain = Future.succeededFuture();
          for (long id : toVerify) {
            chain = chain.compose(done -> organizations.setVerified(db, id, true).mapEmpty());
          }
          return chain;
        }).map(created));
  }

  /**
   * Each demo account gets a password of its own, generated and shown once as the first admin's is, unless
   * {@code DEMO_PASSWORD} names one for all: the demo data is loaded by default, and a password written in the source
   * would let anyone who has read it into a deployment as a government body.
   */
  private Future<List<Account>> registerAccounts(JsonArray accounts) {
    List<Account> created = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Object o : accounts) {
      JsonObject a = ((JsonObject) o).copy().put("password", password == null ? RandomPassword.generate() : password);
      chain = chain.compose(done -> auth.register(AuthService.validateRegistration(a)))
          .map(user -> {
            created.add(new Account(a.getString("email"), a.getString("password"), a.getString("role")));
            return null;
          });
    }
    return chain.map(created);
  }

  /** A file of the data set, read through Vert.x's file system (classpath resources included) off the event loop. */
  private Future<String> resource(String name) {
    return vertx.fileSystem().readFile(DIR + name)
        .recover(e -> Future.failedFuture(new IllegalStateException("demo data file missing from the jar: " + name, e)))
        .map(buffer -> buffer.toString(StandardCharsets.UTF_8));
  }

}
