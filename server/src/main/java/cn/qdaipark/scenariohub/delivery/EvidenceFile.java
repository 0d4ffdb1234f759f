package cn.qdaipark.scenariohub.delivery;

/** An accepted evidence upload, ready to store. */
record EvidenceFile(String fileName, String contentType, byte[] bytes, String sha256) {
}
