package cn.qdaipark.scenariohub.image;

/** An uploaded picture as the platform keeps it: re-encoded without metadata, at most the display size, and a thumbnail. */
public record SanitizedImage(byte[] data, String contentType, int width, int height, byte[] thumbnail) {
}
