package cn.qdaipark.scenariohub.index;

import static cn.qdaipark.scenariohub.index.DocumentFields.*;

import java.time.LocalDate;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;

/** Converts postings to Lucene documents and back. */
final class PostingDocuments {
    /** Stored deadline when the posting has none. */
    private static final String NO_DEADLINE = "";

    private PostingDocuments() {
    }

    static Document toDocument(PostingDoc p, float[] vector) {
        Document doc = new Document();
        addId(doc, p.id(), p.sourceRef());
        addText(doc, IndexFields.TITLE, p.title());
        addText(doc, IndexFields.BODY, p.description());
        p.requirements().forEach(r -> addText(doc, IndexFields.REQUIREMENTS, r));
        addUnstoredText(doc, IndexFields.TITLE_BIGRAM, p.title());
        addTitleKey(doc, p.title());
        addUnstoredText(doc, IndexFields.TEXT, p.matchText());
        addUnstoredText(doc, IndexFields.TEXT_BIGRAM, p.matchText());
        addUnstoredText(doc, IndexFields.TEXT_GRAMS, p.matchText());
        GramCounts.add(doc, p.matchText());
        addStored(doc, IndexFields.ISSUER, p.issuer());
        addLong(doc, IndexFields.BUDGET_WAN, p.budgetWan());
        addKeyword(doc, IndexFields.KIND, p.kind());
        addKeyword(doc, IndexFields.DOMAIN, p.domain());
        addKeyword(doc, IndexFields.REGION, p.region());
        addKeyword(doc, IndexFields.STATUS, p.status());
        addLong(doc, IndexFields.UPDATED_AT, p.updatedAtMillis());
        long deadlineDay = deadlineDay(p.deadline());
        doc.add(new LongPoint(IndexFields.DEADLINE_DAY, deadlineDay));
        doc.add(new NumericDocValuesField(IndexFields.DEADLINE_DAY, deadlineDay));
        doc.add(new StoredField(IndexFields.DEADLINE_DAY, p.deadline() == null ? NO_DEADLINE : p.deadline().toString()));
        addSuggestion(doc, p.title());
        addVector(doc, vector);
        return doc;
    }

    static long deadlineDay(LocalDate deadline) {
        return deadline == null ? Long.MAX_VALUE : deadline.toEpochDay();
    }

    static PostingDoc fromDocument(Document doc) {
        String deadline = string(doc, IndexFields.DEADLINE_DAY);
        return new PostingDoc(
                Long.parseLong(string(doc, IndexFields.ID)),
                string(doc, IndexFields.SOURCE_REF),
                string(doc, IndexFields.KIND),
                string(doc, IndexFields.TITLE),
                string(doc, IndexFields.BODY),
                string(doc, IndexFields.DOMAIN),
                string(doc, IndexFields.ISSUER),
                longValue(doc, IndexFields.BUDGET_WAN),
                deadline.isEmpty() ? null : LocalDate.parse(deadline),
                strings(doc, IndexFields.REQUIREMENTS),
                string(doc, IndexFields.REGION),
                string(doc, IndexFields.STATUS),
                longValue(doc, IndexFields.UPDATED_AT));
    }
}
