package cn.qdaipark.scenariohub.matching;

import cn.qdaipark.scenariohub.index.PostingDoc;
import cn.qdaipark.scenariohub.index.SolutionDoc;
import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.solution.Solution;

/** Records as the index library sees them. */
final class IndexDocuments {
  private IndexDocuments() {
  }

  static SolutionDoc of(Solution s) {
    return new SolutionDoc(s.id(), s.sourceRef(), s.title(), s.summary(), s.description(), s.domains(), s.track(),
        s.tags(), s.maturity(), s.provider(), s.region(), s.cases(), s.priceRange(), s.status(),
        s.updatedAt().toInstant().toEpochMilli());
  }

  static PostingDoc of(Posting p) {
    return new PostingDoc(p.id(), p.sourceRef(), p.kind(), p.title(), p.description(), p.domain(), p.issuer(),
        p.budgetWan(), p.deadline(), p.requirements(), p.region(), p.status(), p.updatedAt().toInstant().toEpochMilli());
  }
}
