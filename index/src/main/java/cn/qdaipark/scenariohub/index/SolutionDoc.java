package cn.qdaipark.scenariohub.index;

import java.util.List;

/** A supplier solution as the index sees it; list fields are never null. */
public record SolutionDoc(
        long id,
        String sourceRef,
        String title,
        String summary,
        String description,
        List<String> domains,
        String track,
        List<String> tags,
        String maturity,
        String provider,
        String region,
        List<String> cases,
        String priceRange,
        String status,
        long updatedAtMillis) {

    public SolutionDoc {
        sourceRef = Texts.orEmpty(sourceRef);
        title = Texts.orEmpty(title);
        summary = Texts.orEmpty(summary);
        description = Texts.orEmpty(description);
        domains = Texts.orEmpty(domains);
        track = Texts.orEmpty(track);
        tags = Texts.orEmpty(tags);
        maturity = Texts.orEmpty(maturity);
        provider = Texts.orEmpty(provider);
        region = Texts.orEmpty(region);
        cases = Texts.orEmpty(cases);
        priceRange = Texts.orEmpty(priceRange);
        status = Texts.orEmpty(status);
    }

    /** The text a buyer would read to judge the solution; embedded and used for requirement coverage. */
    public String matchText() {
        return Texts.joinNonBlank("\n", title, summary, description, String.join("、", tags), String.join("；", cases));
    }
}
