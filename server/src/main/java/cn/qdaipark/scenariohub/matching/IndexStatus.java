package cn.qdaipark.scenariohub.matching;

import io.vertx.core.json.JsonObject;

/** Whether this instance's index can answer, and how far it has followed the outbox; read by /health and the routes. */
public final class IndexStatus {
  enum State { STARTING, REBUILDING, READY, FAILED }

  private volatile State state = State.STARTING;
  private volatile long position;
  private volatile String failure;

  void rebuilding() {
    state = State.REBUILDING;
  }

  void ready(long outboxPosition) {
    position = outboxPosition;
    state = State.READY;
  }

  void applied(long outboxPosition) {
    position = outboxPosition;
  }

  void failed(Throwable e) {
    failure = e.toString();
    state = State.FAILED;
  }

  public boolean isReady() {
    return state == State.READY;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("status", state.name().toLowerCase()).put("outboxPosition", position);
    if (failure != null && state == State.FAILED) {
      json.put("error", failure);
    }
    return json;
  }
}
