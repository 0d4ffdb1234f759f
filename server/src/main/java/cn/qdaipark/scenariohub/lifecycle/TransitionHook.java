package cn.qdaipark.scenariohub.lifecycle;

import cn.qdaipark.scenariohub.posting.Posting;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/**
 * What another feature checks before a posting changes state and does after, inside the same transaction: the
 * applications feature refuses an award without a winner, the result feature opens the objection period.
 */
public interface TransitionHook {
  /** A failed future (an {@code ApiException}) refuses the move; {@code posting} is still in its old state. */
  default Future<Void> before(SqlClient db, Posting posting, String to) {
    return Future.succeededFuture();
  }

  default Future<Void> after(SqlClient db, Posting posting, String to) {
    return Future.succeededFuture();
  }
}
