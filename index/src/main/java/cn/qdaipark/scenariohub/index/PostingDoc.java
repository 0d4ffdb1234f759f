package cn.qdaipark.scenariohub.index;

import java.time.LocalDate;
import java.util.List;

/** A challenge call or scenario demand as the index sees it; {@code deadline} may be null (open-ended). */
public record PostingDoc(
        long id,
        String sourceRef,
        String kind,
        String title,
        String description,
        String domain,
        String issuer,
        long budgetWan,
        LocalDate deadline,
        List<String> requirements,
        String region,
        String status,
        long updatedAtMillis) {

    public PostingDoc {
        sourceRef = Texts.orEmpty(sourceRef);
        kind = Texts.orEmpty(kind);
        title = Texts.orEmpty(title);
        description = Texts.orEmpty(description);
        domain = Texts.orEmpty(domain);
        issuer = Texts.orEmpty(issuer);
        requirements = Texts.orEmpty(requirements);
        region = Texts.orEmpty(region);
        status = Texts.orEmpty(status);
    }

    /** The whole posting as one text: what gets embedded and what a match query is built from. */
    public String matchText() {
        return Texts.joinNonBlank("\n", title, description, String.join("；", requirements));
    }
}
