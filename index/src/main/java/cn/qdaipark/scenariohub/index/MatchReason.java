package cn.qdaipark.scenariohub.index;

/**
 * One human-readable reason for a match. {@code kind} is one of {@link #TERMS}, {@link #SEMANTIC}, {@link #DOMAIN},
 * {@link #TRACK}, {@link #REQUIREMENTS}, {@link #REGION}; {@code text} is Chinese and may contain &lt;mark&gt; tags
 * around matched words (everything else HTML-escaped).
 */
public record MatchReason(String kind, String text) {
    public static final String TERMS = "terms";
    public static final String SEMANTIC = "semantic";
    public static final String DOMAIN = "domain";
    public static final String TRACK = "track";
    public static final String REQUIREMENTS = "requirements";
    public static final String REGION = "region";
}
