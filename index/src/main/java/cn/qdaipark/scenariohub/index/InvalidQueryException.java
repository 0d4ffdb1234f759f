package cn.qdaipark.scenariohub.index;

/** A search request that cannot be answered as given; the message is Chinese and safe to show to the user. */
public final class InvalidQueryException extends IllegalArgumentException {
    public InvalidQueryException(String message) {
        super(message);
    }
}
