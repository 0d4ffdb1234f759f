package cn.qdaipark.scenariohub.index;

import java.time.LocalDate;
import java.util.List;

/**
 * A catalogue search. Blank text matches everything; any text is safe (no query syntax is interpreted). Null or
 * blank filters do not filter; {@code domains} matches any of the listed domains. {@code status} is not defaulted:
 * public pages pass "published" (solutions) or "open" (postings). {@code queryVector} (nullable) is the embedding
 * of {@code text} and makes relevance ranking hybrid. {@code today} (nullable) is the day the status is read on: a
 * call indexed as open whose deadline is before it is past applying (in review), so status "open" leaves it out.
 */
public record SearchQuery(
        Target target,
        String text,
        float[] queryVector,
        List<String> domains,
        String track,
        String maturity,
        String region,
        String kind,
        String status,
        LocalDate today,
        Sort sort,
        int offset,
        int limit) {

    public static final int MAX_TEXT_LENGTH = 1000;
    public static final int MAX_LIMIT = 100;

    public enum Target { SOLUTIONS, POSTINGS }

    public enum Sort { RELEVANCE, NEWEST, DEADLINE }

    public SearchQuery {
        if (target == null) {
            throw new InvalidQueryException("请指定搜索对象（方案或需求）");
        }
        text = Texts.orEmpty(text);
        domains = Texts.orEmpty(domains);
        sort = sort == null ? Sort.RELEVANCE : sort;
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new InvalidQueryException("搜索内容过长，请控制在" + MAX_TEXT_LENGTH + "字以内");
        }
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidQueryException("分页参数无效：起始位置不能为负，每页条数应在1到" + MAX_LIMIT + "之间");
        }
    }

    public static Builder builder(Target target) {
        return new Builder(target);
    }

    public static final class Builder {
        private final Target target;
        private String text = "";
        private float[] queryVector;
        private List<String> domains = List.of();
        private String track;
        private String maturity;
        private String region;
        private String kind;
        private String status;
        private LocalDate today;
        private Sort sort = Sort.RELEVANCE;
        private int offset = 0;
        private int limit = 20;

        private Builder(Target target) {
            this.target = target;
        }

        public Builder text(String text) {
            this.text = text;
            return this;
        }

        public Builder queryVector(float[] queryVector) {
            this.queryVector = queryVector;
            return this;
        }

        public Builder domains(List<String> domains) {
            this.domains = domains;
            return this;
        }

        public Builder track(String track) {
            this.track = track;
            return this;
        }

        public Builder maturity(String maturity) {
            this.maturity = maturity;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder kind(String kind) {
            this.kind = kind;
            return this;
        }

        public Builder status(String status) {
            this.status = status;
            return this;
        }

        public Builder today(LocalDate today) {
            this.today = today;
            return this;
        }

        public Builder sort(Sort sort) {
            this.sort = sort;
            return this;
        }

        public Builder page(int offset, int limit) {
            this.offset = offset;
            this.limit = limit;
            return this;
        }

        public SearchQuery build() {
            return new SearchQuery(target, text, queryVector, domains, track, maturity, region, kind, status, today,
                    sort, offset, limit);
        }
    }
}
