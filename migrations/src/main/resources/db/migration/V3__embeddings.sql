-- The bge-small-zh vector of each record's match text, computed once when the record is written, so that every
-- index replica and every rebuild reuses it instead of running the model again. NULL: the indexer computes it.
ALTER TABLE solutions ADD COLUMN embedding REAL[];
ALTER TABLE postings ADD COLUMN embedding REAL[];
