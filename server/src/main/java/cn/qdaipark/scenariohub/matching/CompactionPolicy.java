package cn.qdaipark.scenariohub.matching;

/**
 * When the index merges itself into one segment per side besides after a rebuild: once {@code afterChanges} records
 * were applied since the last merge and no change came for {@code quietMillis}. A bulk import leaves a segment per
 * batch, and every match visits the terms and k-NN graph of each one (at 10,000 solutions, 11 segments made a match
 * cost 1.6 times what it costs on one); merging while the import still runs would rewrite the index once per batch.
 */
public record CompactionPolicy(int afterChanges, long quietMillis) {
}
