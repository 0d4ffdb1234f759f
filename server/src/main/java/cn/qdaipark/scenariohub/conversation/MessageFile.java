package cn.qdaipark.scenariohub.conversation;

import io.vertx.core.buffer.Buffer;

/** The PDF of a message, for its download. */
public record MessageFile(String fileName, String sha256, Buffer bytes) {
}
