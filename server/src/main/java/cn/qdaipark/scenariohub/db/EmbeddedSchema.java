package cn.qdaipark.scenariohub.db;

import io.vertx.pgclient.PgConnectOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * The roles and grants of the embedded database, made idempotently at every start as the superuser: the
 * application's login role {@value #APP_ROLE} (no superuser, no CREATEDB/CREATEROLE) owns the schema
 * {@value #APP_ROLE} of the database {@value #APP_ROLE} and nothing else; nobody else may connect or create objects.
 */
final class EmbeddedSchema {
  static final String APP_ROLE = "scenariohub";
  static final String APP_DATABASE = "scenariohub";
  static final String APP_SCHEMA = "scenariohub";
  /** Earlier versions kept the tables in the public schema of the database "postgres". */
  private static final String LEGACY_DATABASE = "postgres";

  private EmbeddedSchema() {
  }

  static PgConnectOptions appConnectOptions(int port, DatabaseCredentials credentials) {
    return new PgConnectOptions()
        .setHost("localhost")
        .setPort(port)
        .setDatabase(APP_DATABASE)
        .setUser(APP_ROLE)
        .setPassword(credentials.appPassword());
  }

  static void prepare(EmbeddedDatabase db, boolean legacy) {
    try {
      try (Connection c = superuser(db, "postgres")) {
        setPassword(c, EmbeddedDatabase.SUPERUSER, db.credentials().superuserPassword());
        try (Statement s = c.createStatement()) {
          s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + APP_ROLE + "') THEN "
              + "CREATE ROLE " + APP_ROLE + " LOGIN; END IF; END $$");
          s.execute("ALTER ROLE " + APP_ROLE
              + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 90");
        }
        setPassword(c, APP_ROLE, db.credentials().appPassword());
      }
      if (legacy && hasLegacyTables(db) && !databaseExists(db, APP_DATABASE)) {
        moveLegacyDatabase(db);
      }
      try (Connection c = superuser(db, "postgres"); Statement s = c.createStatement()) {
        if (!databaseExists(c, APP_DATABASE)) {
          s.execute("CREATE DATABASE " + APP_DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
        }
        s.execute("REVOKE ALL ON DATABASE " + APP_DATABASE + " FROM PUBLIC");
        s.execute("REVOKE ALL ON DATABASE postgres FROM PUBLIC");
        s.execute("REVOKE CONNECT, TEMPORARY ON DATABASE template1 FROM PUBLIC");
        s.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + APP_DATABASE + " TO " + APP_ROLE);
        s.execute("ALTER ROLE " + APP_ROLE + " IN DATABASE " + APP_DATABASE + " SET search_path = " + APP_SCHEMA);
      }
      try (Connection c = superuser(db, APP_DATABASE); Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA IF NOT EXISTS " + APP_SCHEMA + " AUTHORIZATION " + APP_ROLE);
        s.execute("ALTER SCHEMA " + APP_SCHEMA + " OWNER TO " + APP_ROLE);
        s.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
      }
    } catch (SQLException e) {
      throw new DatabaseUnavailableException("cannot prepare the embedded database's roles: " + e.getMessage(), e);
    }
  }

  static void reloadConfiguration(EmbeddedDatabase db) {
    try (Connection c = superuser(db, "postgres"); Statement s = c.createStatement()) {
      s.execute("SELECT pg_reload_conf()");
    } catch (SQLException e) {
      throw new DatabaseUnavailableException("cannot reload the embedded database's configuration", e);
    }
  }

  /**
   * Moves a legacy installation's data into the application database and schema, owned by the application role:
   * the database and schema are renamed (no copy), then every object in it changes owner.
   */
  private static void moveLegacyDatabase(EmbeddedDatabase db) throws SQLException {
    try (Connection c = superuser(db, "template1"); Statement s = c.createStatement()) {
      s.execute("ALTER DATABASE " + LEGACY_DATABASE + " RENAME TO " + APP_DATABASE);
      s.execute("CREATE DATABASE " + LEGACY_DATABASE);
    }
    try (Connection c = superuser(db, APP_DATABASE); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("ALTER SCHEMA public RENAME TO " + APP_SCHEMA);
      s.execute("CREATE SCHEMA public");
      s.execute("""
          DO $$
          DECLARE r record;
          BEGIN
            FOR r IN SELECT c.relname, c.relkind FROM pg_class c
                     WHERE c.relnamespace = '%1$s'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
            LOOP
              EXECUTE format('ALTER %%s %%I.%%I OWNER TO %2$s',
                CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                               WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, '%1$s', r.relname);
            END LOOP;
            FOR r IN SELECT c.relname FROM pg_class c
                     WHERE c.relnamespace = '%1$s'::regnamespace AND c.relkind = 'S'
            LOOP
              EXECUTE format('ALTER SEQUENCE %%I.%%I OWNER TO %2$s', '%1$s', r.relname);
            END LOOP;
            FOR r IN SELECT p.oid::regprocedure AS sig, p.prokind FROM pg_proc p
                     WHERE p.pronamespace = '%1$s'::regnamespace
            LOOP
              EXECUTE format('ALTER %%s %%s OWNER TO %2$s',
                CASE r.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END, r.sig);
            END LOOP;
            FOR r IN SELECT t.typname FROM pg_type t
                     WHERE t.typnamespace = '%1$s'::regnamespace AND t.typtype IN ('e', 'd', 'r')
            LOOP
              EXECUTE format('ALTER TYPE %%I.%%I OWNER TO %2$s', '%1$s', r.typname);
            END LOOP;
          END $$""".formatted(APP_SCHEMA, APP_ROLE));
      c.commit();
    }
  }

  private static boolean hasLegacyTables(EmbeddedDatabase db) throws SQLException {
    try (Connection c = superuser(db, LEGACY_DATABASE); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT to_regclass('public.flyway_schema_history') IS NOT NULL")) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  private static boolean databaseExists(EmbeddedDatabase db, String name) throws SQLException {
    try (Connection c = superuser(db, "postgres")) {
      return databaseExists(c, name);
    }
  }

  private static boolean databaseExists(Connection c, String name) throws SQLException {
    try (var ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Sets a password as a SCRAM verifier computed by the driver, so the clear text never reaches the server's logs. */
  private static void setPassword(Connection c, String role, String password) throws SQLException {
    c.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), "scram-sha-256");
  }

  static Connection superuser(EmbeddedDatabase db, String database) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://localhost:" + db.port() + "/" + database,
        EmbeddedDatabase.SUPERUSER, db.credentials().superuserPassword());
  }
}
