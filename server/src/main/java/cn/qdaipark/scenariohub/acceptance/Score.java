package cn.qdaipark.scenariohub.acceptance;

/** One verdict of one panel member (or of a demand's buyer) on one requirement. */
public record Score(long userId, String requirement, String verdict, String comment) {
}
