package cn.qdaipark.scenariohub.index;

/** Field names shared by the solution and posting indexes, and the schema version they belong to. */
final class IndexFields {
    /** Bump whenever fields or analysis change: an index with another version is rebuilt from the database. */
    static final int SCHEMA_VERSION = 6;

    static final String COMMIT_SCHEMA_VERSION = "schema.version";
    static final String COMMIT_OUTBOX_ID = "outbox.lastAppliedId";

    /** Exact id term: the key of updateDocument/deleteDocuments, stored to read hits back. */
    static final String ID = "id";
    static final String SOURCE_REF = "source_ref";

    /** Word-segmented (smartcn) text fields, stored for highlighting and explanations. */
    static final String TITLE = "title";
    static final String TAGS = "tags";
    static final String BODY = "body";
    static final String REQUIREMENTS = "requirements";
    /** All matchable text in one field: BM25 length normalization then works on the whole record. */
    static final String TEXT = "text";

    /** CJK bigrams over the same text: recall for words the segmenter splits or does not know. */
    static final String TITLE_BIGRAM = "title_bigram";
    /** The whole title as one term ({@link TitleKeys}): a search for a record's exact title ranks it first. */
    static final String TITLE_KEY = "title_key";
    static final String TEXT_BIGRAM = "text_bigram";
    /** CJK characters and bigrams over the same text: the lexical side of matching (see HybridMatcher). */
    static final String TEXT_GRAMS = "text_grams";
    /** Binary doc values: the grams of TEXT_GRAMS with their frequency, a forward index (see GramCounts). */
    static final String TEXT_GRAM_COUNTS = "text_gram_counts";

    /** Stored only, to rebuild the record for explanations. */
    static final String SUMMARY = "summary";
    static final String DESCRIPTION = "description";
    static final String CASES = "cases";
    static final String PROVIDER = "provider";
    static final String PRICE_RANGE = "price_range";
    static final String ISSUER = "issuer";
    static final String BUDGET_WAN = "budget_wan";

    /** Keyword fields: indexed for filters, sorted-set doc values for facet counts, stored for display. */
    static final String DOMAIN = "domain";
    static final String TRACK = "track";
    static final String MATURITY = "maturity";
    static final String REGION = "region";
    static final String KIND = "kind";
    static final String STATUS = "status";

    /** Long doc values for sorting, stored for reading back. */
    static final String UPDATED_AT = "updated_at";
    /** Epoch day; open-ended postings get {@link Long#MAX_VALUE} so "deadline >= today" is one range. */
    static final String DEADLINE_DAY = "deadline_day";

    /** Lowercased whole titles and tags, for typeahead prefix lookups. */
    static final String SUGGEST = "suggest";

    static final String VECTOR = "vector";

    static final String SOLUTION_PUBLISHED = "published";
    static final String POSTING_OPEN = "open";

    private IndexFields() {
    }
}
