package cn.qdaipark.scenariohub.index;

/** Which signals rank a match: words only, meaning only, or both plus structured priors. */
public enum MatchMode {
    BM25, VECTOR, HYBRID
}
