package cn.qdaipark.scenariohub.importer;

import cn.qdaipark.scenariohub.audit.AuditLog;
import cn.qdaipark.scenariohub.embedding.TextEmbeddings;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.organization.OrgKind;
import cn.qdaipark.scenariohub.organization.Organization;
import cn.qdaipark.scenariohub.organization.OrganizationRepository;
import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.posting.PostingEventRepository;
import cn.qdaipark.scenariohub.posting.PostingInput;
import cn.qdaipark.scenariohub.posting.PostingLifecycle;
import cn.qdaipark.scenariohub.posting.PostingRepository;
import cn.qdaipark.scenariohub.posting.PostingService;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import cn.qdaipark.scenariohub.solution.SolutionInput;
import cn.qdaipark.scenariohub.solution.SolutionRepository;
import cn.qdaipark.scenariohub.solution.SolutionStatus;
import cn.qdaipark.scenariohub.validation.Validator;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Bulk import of FORMAT.md records: every line is validated first and the request fails naming each
 * bad line; otherwise all records are upserted by {@code key} (kept as sourceRef) in one transaction,
 * published at once, with unknown provider/issuer organizations created on the way. An import replaces content
 * only: an existing posting keeps its status, and one past {@code open} keeps its content too. A published solution
 * whose line hashes as its last import did is left alone: no embedding, no new version, no outbox entry. A line may
 * bring its vector ({@link ImportedVectors}); only the lines without one are embedded. A key this instance's export
 * gave a record of no import updates that record ({@link cn.qdaipark.scenariohub.db.RecordKeys}).
 */
public final class ImportService {
  private static final int BATCH_SIZE = 500;
  static final String BUSY = "另一个批量导入正在进行，请在它完成后重试";
  /**
   * The longest an import's answer waits for the index to apply it (a failing index; applying 1,000 records takes
   * 1-8 s on a loaded 2-core machine).
   */
  private static final long SEARCHABLE_WAIT_MS = 30_000;
  private final Pool pool;
  private final SolutionRepository solutions;
  private final PostingRepository postings;
  private final PostingEventRepository events;
  private final OrganizationRepository organizations;
  private final AuditLog audit;
  private final TextEmbeddings embeddings;
  private final Searchable searchable;
  private final ImportedVectors vectors;
  private final WorkerExecutor reading;
  /** An import holds its whole file, parsed, until it ends: one at a time keeps that memory bounded. */
  private final AtomicBoolean running = new AtomicBoolean();

  /**
   * {@code reading} parses and checks the lines, off the event loop: 10,000 lines with their vectors are about 70 MB
   * of JSON and take seconds.
   */
  public ImportService(Pool pool, SolutionRepository solutions, PostingRepository postings, PostingEventRepository events,
                       OrganizationRepository organizations, AuditLog audit, TextEmbeddings embeddings,
                       ImportedVectors vectors, WorkerExecutor reading, Searchable searchable) {
    this.pool = pool;
    this.vectors = vectors;
    this.reading = reading;
    this.searchable = searchable;
    this.embeddings = embeddings;
    this.solutions = solutions;
    this.postings = postings;
    this.events = events;
    this.organizations = organizations;
    this.audit = audit;
  }

  private record Parsed<T>(int line, String key, String orgName, OrgKind orgKind, String region, T record,
                           String contentHash, float[] embedding) {
    Parsed<T> withEmbedding(float[] vector) {
      return new Parsed<>(line, key, orgName, orgKind, region, record, contentHash, vector);
    }
  }

  /**
   * Answers once a search finds the records written up to an outbox entry (the API promises an imported record is
   * searchable within a second of the answer, which on this instance holds from the answer on), or after
   * {@code maxMillis} at the latest.
   */
  public interface Searchable {
    /** For an import without an index to wait for (the command line: the servers' followers pick it up). */
    Searchable NOT_WAITING = (outboxId, maxMillis) -> Future.succeededFuture();

    Future<Void> upTo(long outboxId, long maxMillis);
  }

  /** What a transaction stored, and the last outbox entry it wrote (none when it stored nothing). */
  private record Stored(ImportReport report, Long lastOutboxId) {
  }

  private Future<ImportReport> searchable(Stored stored) {
    return stored.lastOutboxId() == null ? Future.succeededFuture(stored.report())
        : searchable.upTo(stored.lastOutboxId(), SEARCHABLE_WAIT_MS).map(stored.report());
  }

  private static Future<Stored> stored(SqlClient db, int imported, int unchanged) {
    ImportReport report = new ImportReport(imported, unchanged);
    return imported == 0 ? Future.succeededFuture(new Stored(report, null))
        : ImportOutbox.last(db).map(id -> new Stored(report, id));
  }

  /** Hears how far a long import got: first computing vectors, then storing batches. */
  public interface Progress {
    Progress NONE = (phase, done, total) -> { };

    void reached(String phase, int done, int total);
  }

  public Future<ImportReport> importSolutions(Long actorId, String ndjson) {
    return importSolutions(actorId, ndjson, Progress.NONE);
  }

  public Future<ImportReport> importPostings(Long actorId, String ndjson) {
    return importPostings(actorId, ndjson, Progress.NONE);
  }

  /** Whether an import runs now: a route may refuse another one before reading its body. */
  public boolean busy() {
    return running.get();
  }

  /** Runs one import, or answers 503 while another one runs. */
  private Future<ImportReport> alone(Supplier<Future<ImportReport>> work) {
    if (!running.compareAndSet(false, true)) {
      return Future.failedFuture(ApiException.unavailable(BUSY));
    }
    try {
      return work.get().andThen(done -> running.set(false));
    } catch (RuntimeException e) {
      running.set(false);
      return Future.failedFuture(e);
    }
  }

  public Future<ImportReport> importSolutions(Long actorId, String ndjson, Progress progress) {
    return alone(() -> validated(ndjson, (v) -> {
      SolutionInput input = SolutionInput.read(v);
      String provider = v.name("provider", true, 2, 100);
      return new Parsed<>(0, null, provider, OrgKind.PROVIDER, input.region(), input, ContentHash.of(provider, input),
          null);
    }).compose(records -> changedSolutions(records).compose(changed -> withEmbeddings(changed, SolutionInput::matchText,
        progress).compose(embedded -> pool.withTransaction(db -> organizations(db, embedded)
            .compose(orgs -> solutions.claimOwnKeys(db, embedded.stream().map(Parsed::key).toList()).map(orgs))
            .compose(orgs -> inBatches(embedded, progress, batch -> solutions.upsertAllBySourceRef(db, batch.stream()
                .map(r -> new SolutionRepository.Imported(r.key(), orgs.get(r.orgName()).id(), r.record(), r.embedding(),
                    r.contentHash()))
                .toList(), SolutionStatus.PUBLISHED)))
            .compose(done -> audit.record(db, actorId, "import.solutions", "solution", null,
                new JsonObject().put("count", embedded.size()).put("unchanged", records.size() - embedded.size())))
            .compose(done -> stored(db, embedded.size(), records.size() - embedded.size())))))
        .compose(this::searchable)));
  }

  /**
   * The records whose line says something else than their last import stored: new ones, changed ones, and those
   * changed or unpublished since (their hash is gone or their status is not published) or whose provider was renamed.
   */
  private Future<List<Parsed<SolutionInput>>> changedSolutions(List<Parsed<SolutionInput>> records) {
    return solutions.importedStates(pool, records.stream().map(Parsed::key).toList())
        .map(stored -> records.stream().filter(r -> {
          SolutionRepository.ImportedState state = stored.get(r.key());
          return state == null || !state.contentHash().equals(r.contentHash()) || !state.provider().equals(r.orgName());
        }).toList());
  }

  public Future<ImportReport> importPostings(Long actorId, String ndjson, Progress progress) {
    return alone(() -> validated(ndjson, (v) -> {
      String kind = PostingInput.readKind(v);
      PostingInput input = PostingInput.read(v);
      OrgKind orgKind = "challenge".equals(kind) ? OrgKind.GOVERNMENT : OrgKind.ENTERPRISE;
      return new Parsed<>(0, null, v.name("issuer", true, 2, 100), orgKind, input.region(), new PostingLine(kind, input),
          null, null);
    }).compose(records -> withEmbeddings(records, p -> p.input().matchText(), progress)).compose(embedded -> pool.withTransaction(db ->
        organizations(db, embedded)
            .compose(orgs -> postings.claimOwnKeys(db, embedded.stream().map(Parsed::key).toList()).map(orgs))
            .compose(orgs -> postings.lockBySourceRefs(db, embedded.stream().map(Parsed::key).toList())
                .compose(existing -> storable(embedded, orgs, existing))
                .compose(toStore -> inBatches(toStore, progress, batch -> postings.upsertAllBySourceRef(db, batch.stream()
                    .map(r -> new PostingRepository.Imported(r.key(), r.record().kind(), orgs.get(r.orgName()).id(),
                        r.record().input(), r.embedding()))
                    .toList(), PostingStatus.OPEN)
                    .compose(created -> events.recordAll(db, created, null, PostingStatus.OPEN, actorId,
                        actorId == null ? PostingLifecycle.Actor.SYSTEM : PostingLifecycle.Actor.ADMIN, "批量导入")))
                    .map(toStore.size())))
            .compose(stored -> audit.record(db, actorId, "import.postings", "posting", null,
                    new JsonObject().put("count", stored).put("unchanged", embedded.size() - stored))
                .compose(done -> stored(db, stored, embedded.size() - stored)))))
        .compose(this::searchable));
  }

  private record PostingLine(String kind, PostingInput input) {
  }

  /**
   * The records to store, or a failed future naming every line the stored data refuses: a kind of posting its
   * issuer may not file, or new content for a posting past {@code open}. Such a posting given unchanged is left
   * alone, so that a whole catalogue can be imported again.
   */
  private static Future<List<Parsed<PostingLine>>> storable(List<Parsed<PostingLine>> records,
                                                           Map<String, Organization> orgs, Map<String, Posting> existing) {
    JsonArray errors = new JsonArray();
    List<Parsed<PostingLine>> out = new ArrayList<>();
    for (Parsed<PostingLine> r : records) {
      Organization org = orgs.get(r.orgName());
      String kind = r.record().kind();
      Posting current = existing.get(r.key());
      if (!PostingService.mayIssue(org.kind(), kind)) {
        errors.add(lineError(r.line(), "issuer：" + PostingService.issuerRefusal(kind) + "，「" + org.name() + "」登记为"
            + kindName(org.kind())));
      } else if (current == null || PostingStatus.UP_TO_OPEN.contains(current.status())) {
        out.add(r);
      } else if (!current.kind().equals(kind) || current.organizationId() != org.id()
          || !current.content().equals(r.record().input())) {
        errors.add(lineError(r.line(), "key：" + r.key() + " 已处于「" + PostingStatus.label(current.kind(), current.status())
            + "」，导入不能再修改其内容"));
      }
    }
    return errors.isEmpty() ? Future.succeededFuture(out) : Future.failedFuture(lineErrors(errors));
  }

  /** The records, or a failed future naming every bad line: callers compose, nothing is thrown at them. */
  private <T> Future<List<Parsed<T>>> validated(String ndjson, Function<Validator, Parsed<T>> reader) {
    return reading.executeBlocking(() -> validate(ndjson, reader), false);
  }

  private <T> List<Parsed<T>> validate(String ndjson, Function<Validator, Parsed<T>> reader) {
    NdjsonRecords parsed = NdjsonRecords.parse(ndjson);
    List<Parsed<T>> records = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (NdjsonRecords.Line line : parsed.lines()) {
      Validator v = new Validator(line.json());
      String key = v.line("key", true, 1, 100);
      Parsed<T> record = reader.apply(v);
      float[] vector = vectors.read(v, line.json());
      v.check(key.isEmpty() || keys.add(key), "key", "与前面的行重复：" + key);
      if (v.errors().isEmpty()) {
        records.add(new Parsed<>(line.number(), key, record.orgName(), record.orgKind(), record.region(), record.record(),
            record.contentHash(), vector));
      } else {
        parsed.error(line.number(), describe(v.errors()));
      }
    }
    if (parsed.lines().isEmpty() && !parsed.hasErrors()) {
      throw ApiException.badRequest("导入内容为空：每行应是一条 JSON 记录");
    }
    if (parsed.hasErrors()) {
      throw lineErrors(parsed.errors());
    }
    return records;
  }

  private static String kindName(OrgKind kind) {
    return switch (kind) {
      case PROVIDER -> "服务商";
      case GOVERNMENT -> "政府部门";
      case ENTERPRISE -> "企业";
    };
  }

  private static ApiException lineErrors(JsonArray errors) {
    return new ApiException(400, "validation_failed", "有 " + errors.size() + " 行数据有误，未导入任何记录",
        Map.of(), errors);
  }

  private static JsonObject lineError(int line, String message) {
    return new JsonObject().put("line", line).put("message", message);
  }

  private static String describe(Map<String, String> errors) {
    return errors.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "：" + e.getValue()).collect(Collectors.joining("；"));
  }

  /**
   * Computes the vector of every record whose line brought none, before the transaction opens, so the model never
   * holds a connection; the records keep their order.
   */
  private <T> Future<List<Parsed<T>>> withEmbeddings(List<Parsed<T>> records, Function<T, String> text, Progress progress) {
    List<Parsed<T>> missing = records.stream().filter(r -> r.embedding() == null).toList();
    return embeddings.embedAll(missing.stream().map(r -> text.apply(r.record())).toList(),
        done -> progress.reached("vectors", done, missing.size())).map(computed -> {
      Map<Parsed<T>, float[]> byRecord = new IdentityHashMap<>();
      for (int i = 0; i < missing.size(); i++) {
        byRecord.put(missing.get(i), computed.get(i));
      }
      return records.stream().map(r -> r.embedding() != null ? r : r.withEmbedding(byRecord.get(r))).toList();
    });
  }

  private static <T> Future<Void> inBatches(List<T> records, Progress progress, Function<List<T>, Future<Void>> store) {
    Future<Void> chain = Future.succeededFuture();
    for (int from = 0; from < records.size(); from += BATCH_SIZE) {
      int to = Math.min(records.size(), from + BATCH_SIZE);
      List<T> batch = records.subList(from, to);
      chain = chain.compose(done -> store.apply(batch)).onSuccess(done -> progress.reached("stored", to, records.size()));
    }
    return chain;
  }

  /**
   * Resolves each distinct organization name once, creating the missing ones as the first record naming them
   * asks, or as government bodies if any of their records is a challenge (which only those may issue).
   */
  private <T> Future<Map<String, Organization>> organizations(SqlClient db, List<Parsed<T>> records) {
    Map<String, Parsed<T>> firstByName = new LinkedHashMap<>();
    records.forEach(r -> firstByName.merge(r.orgName(), r,
        (first, later) -> later.orgKind() == OrgKind.GOVERNMENT ? later : first));
    Map<String, Organization> found = new HashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (Parsed<T> r : firstByName.values()) {
      chain = chain.compose(done -> organizations.findOrCreate(db, r.orgName(), r.orgKind(), r.region())
          .map(org -> {
            found.put(r.orgName(), org);
            return null;
          }));
    }
    return chain.map(found);
  }
}
