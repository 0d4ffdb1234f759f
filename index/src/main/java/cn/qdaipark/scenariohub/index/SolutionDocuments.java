package cn.qdaipark.scenariohub.index;

import static cn.qdaipark.scenariohub.index.DocumentFields.*;

import org.apache.lucene.document.Document;

/** Converts solutions to Lucene documents and back. */
final class SolutionDocuments {
    private SolutionDocuments() {
    }

    static Document toDocument(SolutionDoc s, float[] vector) {
        Document doc = new Document();
        addId(doc, s.id(), s.sourceRef());
        addText(doc, IndexFields.TITLE, s.title());
        s.tags().forEach(tag -> addText(doc, IndexFields.TAGS, tag));
        // Summary, description and cases are one BM25 field: they answer the same question (what does it do).
        addUnstoredText(doc, IndexFields.BODY, Texts.joinNonBlank("\n", s.summary(), s.description(),
                String.join("\n", s.cases())));
        addUnstoredText(doc, IndexFields.TITLE_BIGRAM, s.title());
        addTitleKey(doc, s.title());
        addUnstoredText(doc, IndexFields.TEXT, s.matchText());
        addUnstoredText(doc, IndexFields.TEXT_BIGRAM, s.matchText());
        addUnstoredText(doc, IndexFields.TEXT_GRAMS, s.matchText());
        GramCounts.add(doc, s.matchText());
        addStored(doc, IndexFields.SUMMARY, s.summary());
        addStored(doc, IndexFields.DESCRIPTION, s.description());
        s.cases().forEach(c -> addStored(doc, IndexFields.CASES, c));
        addStored(doc, IndexFields.PROVIDER, s.provider());
        addStored(doc, IndexFields.PRICE_RANGE, s.priceRange());
        s.domains().forEach(d -> addKeyword(doc, IndexFields.DOMAIN, d));
        addKeyword(doc, IndexFields.TRACK, s.track());
        addKeyword(doc, IndexFields.MATURITY, s.maturity());
        addKeyword(doc, IndexFields.REGION, s.region());
        addKeyword(doc, IndexFields.STATUS, s.status());
        addLong(doc, IndexFields.UPDATED_AT, s.updatedAtMillis());
        addSuggestion(doc, s.title());
        s.tags().forEach(tag -> addSuggestion(doc, tag));
        addVector(doc, vector);
        return doc;
    }

    static SolutionDoc fromDocument(Document doc) {
        return new SolutionDoc(
                Long.parseLong(string(doc, IndexFields.ID)),
                string(doc, IndexFields.SOURCE_REF),
                string(doc, IndexFields.TITLE),
                string(doc, IndexFields.SUMMARY),
                string(doc, IndexFields.DESCRIPTION),
                strings(doc, IndexFields.DOMAIN),
                string(doc, IndexFields.TRACK),
                strings(doc, IndexFields.TAGS),
                string(doc, IndexFields.MATURITY),
                string(doc, IndexFields.PROVIDER),
                string(doc, IndexFields.REGION),
                strings(doc, IndexFields.CASES),
                string(doc, IndexFields.PRICE_RANGE),
                string(doc, IndexFields.STATUS),
                longValue(doc, IndexFields.UPDATED_AT));
    }
}
