package cn.qdaipark.scenariohub.db;

/**
 * The keys an export gives records that came from no import: the prefix, the id, {@code @} and the instance's
 * identity (SQL function {@code record_key}, migration V29). Importing such a key into the instance that exported it
 * finds the record again; every other instance keeps it as a plain source reference.
 */
public final class RecordKeys {
  public static final String SOLUTION = "SH-S-";
  public static final String POSTING = "SH-P-";

  private RecordKeys() {
  }

  /**
   * Gives each record of {@code table} that has no source reference the key {@code #{keys}} holds for it, when that
   * key is this instance's key of that record; a key of another instance, or of a record that has a source reference
   * already, changes nothing.
   */
  public static String claimSql(String table, String prefix) {
    return "UPDATE " + table + " r SET source_ref = k.key FROM unnest(#{keys}::text[]) AS k(key) "
        + "WHERE r.id = substring(k.key FROM '^" + prefix + "([0-9]{1,18})@')::bigint AND r.source_ref IS NULL "
        + "AND record_key('" + prefix + "', r.id, NULL) = k.key";
  }
}
