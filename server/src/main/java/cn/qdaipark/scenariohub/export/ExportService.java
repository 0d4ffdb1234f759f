package cn.qdaipark.scenariohub.export;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.Page;
import cn.qdaipark.scenariohub.http.PageRequest;
import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.posting.PostingService;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import cn.qdaipark.scenariohub.result.ResultService;
import cn.qdaipark.scenariohub.review.ReviewService;
import cn.qdaipark.scenariohub.showcase.Scenario;
import cn.qdaipark.scenariohub.showcase.ShowcaseService;
import cn.qdaipark.scenariohub.solution.Solution;
import cn.qdaipark.scenariohub.solution.SolutionService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.commons.csv.CSVPrinter;

/**
 * The platform's exports: open data (published solutions, public calls and demands, published results) for
 * everyone, and a call's applications with their review scores for its issuer. Rules stay in the services.
 */
public final class ExportService {
  private static final int PAGE = 100;
  private static final int FETCH = 500;
  private static final String CSV = "text/csv; charset=utf-8";
  private static final String NDJSON = "application/x-ndjson; charset=utf-8";

  private final SolutionService solutions;
  private final PostingService postings;
  private final ResultService results;
  private final ReviewService reviews;
  private final ShowcaseService showcase;
  private final String vectorModel;

  /** {@code vectorModel} names the model of the stored vectors: the one this instance embeds with. */
  public ExportService(SolutionService solutions, PostingService postings, ResultService results, ReviewService reviews,
                       ShowcaseService showcase, String vectorModel) {
    this.vectorModel = vectorModel;
    this.solutions = solutions;
    this.postings = postings;
    this.results = results;
    this.reviews = reviews;
    this.showcase = showcase;
  }

  /** A file written while its rows arrive from one cursor. */
  record Download(String name, String extension, String contentType,
                  Function<Function<RowStream<Row>, Future<Void>>, Future<Void>> rows, RowStreamResponse.Format format) {
    static Download csv(String name, List<String> header, Function<Function<RowStream<Row>, Future<Void>>, Future<Void>> rows,
                        Function<Row, List<String>> cells) {
      return new Download(name, "csv", CSV, rows, out -> {
        CSVPrinter printer = TableWriters.csvPrinter(out, header);
        return row -> TableWriters.csvRecord(printer, cells.apply(row));
      });
    }

    static Download ndjson(String name, Function<Function<RowStream<Row>, Future<Void>>, Future<Void>> rows,
                           Function<Row, JsonObject> line) {
      return new Download(name, "ndjson", NDJSON, rows, out -> row -> out.append(line.apply(row).encode()).append('\n'));
    }
  }

  Download publishedSolutions() {
    return Download.csv("solutions",
        List.of("编号", "来源编号", "方案名称", "简介", "应用场景", "赛道", "成熟度", "供应商", "供应商已认证", "地区", "标签", "价格区间", "更新时间"),
        consume -> solutions.streamPublished(FETCH, consume), row -> row(Solution.fromRow(row)));
  }

  Download publicPostings() {
    return Download.csv("postings",
        List.of("编号", "来源编号", "类型", "标题", "应用场景", "发布单位", "资金（万元）", "截止日期", "状态", "地区", "考核指标"),
        consume -> postings.streamPublic(FETCH, consume), row -> row(Posting.fromRow(row)));
  }

  Download scenarios() {
    return Download.csv("scenarios",
        List.of("编号", "榜单或需求编号", "类型", "场景名称", "应用场景", "赛道", "区县", "发布单位", "牵头单位", "联合体成员",
            "方案", "验收或落地日期", "年份", "成效指标", "简介", "页面"),
        consume -> showcase.stream(FETCH, consume), row -> row(Scenario.fromRow(row)));
  }

  /** The published solutions as import lines, with their stored vectors unless {@code vectors} is false. */
  Download solutionsForImport(boolean vectors) {
    return Download.ndjson("solutions", consume -> solutions.streamPublishedWithVectors(vectors, FETCH, consume),
        row -> ImportLines.solution(row, vectorModel));
  }

  /** The public calls and demands as import lines, with their stored vectors unless {@code vectors} is false. */
  Download postingsForImport(boolean vectors) {
    return Download.ndjson("postings", consume -> postings.streamPublicWithVectors(vectors, FETCH, consume),
        row -> ImportLines.posting(row, vectorModel));
  }

  Future<Table> publishedResults() {
    return allJson(page -> results.results(page)).map(items -> new Table("results",
        List.of("任务编号", "任务名称", "应用场景", "发布单位", "资金（万元）", "揭榜单位", "公示日期", "异议截止"),
        items.stream().map(ExportService::resultRow).toList()));
  }

  /** A call's applications ranked with their scores; only its issuer (or an admin) may export them. */
  Future<Table> applications(CurrentUser user, long postingId) {
    return reviews.table(user, postingId).map(table -> {
      JsonArray criteria = table.getJsonArray("rubric", new JsonArray());
      List<String> header = new ArrayList<>(List.of("排名", "申报编号", "牵头单位", "联合体成员", "状态", "评审人数", "加权总分", "评审分歧"));
      criteria.forEach(c -> header.add(((JsonObject) c).getString("name") + "（权重" + ((JsonObject) c).getValue("weight") + "）平均分"));
      header.addAll(List.of("评分进度", "声明回避"));
      List<List<String>> rows = new ArrayList<>();
      for (Object o : table.getJsonArray("items")) {
        JsonObject item = (JsonObject) o;
        List<String> row = new ArrayList<>(List.of(text(item.getValue("rank")), text(item.getValue("applicationId")),
            item.getString("leadOrganization"), String.join("、", item.getJsonArray("partners").stream().map(String::valueOf).toList()),
            item.getString("status"), text(item.getValue("reviewerCount")), text(item.getValue("weightedTotal")),
            text(item.getValue("spread"))));
        item.getJsonArray("criteria").forEach(c -> row.add(text(((JsonObject) c).getValue("average"))));
        JsonObject progress = item.getJsonObject("progress");
        row.add(progress.getValue("scored") + "/" + progress.getValue("expected"));
        row.add(String.join("；", progress.getJsonArray("recused").stream().map(JsonObject.class::cast)
            .map(r -> r.getString("reviewer") + "：" + r.getString("reason")).toList()));
        rows.add(row);
      }
      return new Table("applications", header, rows);
    });
  }

  private static List<String> row(Solution s) {
    return List.of(text(s.id()), text(s.sourceRef()), s.title(), s.summary(), String.join("、", s.domains()), s.track(),
        s.maturity(), s.provider(), s.providerVerified() ? "是" : "否", s.region(), String.join("、", s.tags()),
        s.priceRange(), s.updatedAt().toString());
  }

  private static List<String> row(Posting p) {
    return List.of(text(p.id()), text(p.sourceRef()), "challenge".equals(p.kind()) ? "揭榜挂帅" : "场景需求", p.title(),
        p.domain(), p.issuer(), text(p.budgetWan()), text(p.deadline()), PostingStatus.label(p.kind(), p.status()),
        p.region(), String.join("；", p.requirements()));
  }

  private static List<String> row(Scenario s) {
    String indicators = String.join("；", s.indicators().stream()
        .map(i -> i.name() + "：" + i.before() + " → " + i.after() + (i.unit().isEmpty() ? "" : " " + i.unit())).toList());
    return List.of(text(s.id()), text(s.postingId()), "challenge".equals(s.kind()) ? "揭榜挂帅" : "场景需求", s.title(),
        s.domain(), String.join("、", s.tracks()), s.district(), s.issuer(),
        s.lead() == null ? "" : s.lead().name(),
        String.join("、", s.consortium().stream().skip(1).map(Scenario.Party::name).toList()),
        String.join("、", s.solutions().stream().map(Scenario.SolutionRef::title).toList()),
        s.acceptedAt().atZoneSameInstant(ShowcaseService.ZONE).toLocalDate().toString(), text(s.year()), indicators,
        s.summary(), "/showcase/" + s.id());
  }

  private static List<String> resultRow(JsonObject r) {
    List<String> winners = r.getJsonArray("winners", new JsonArray()).stream()
        .map(w -> ((JsonObject) w).getString("leadOrganization")).toList();
    return List.of(text(r.getValue("postingId")), r.getString("title"), r.getString("domain"), r.getString("issuer"),
        text(r.getValue("budgetWan")), String.join("、", winners), r.getString("publishedAt"), r.getString("objectionUntil"));
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  private static <T> Future<List<T>> all(Function<PageRequest, Future<Page<T>>> pageOf) {
    List<T> collected = new ArrayList<>();
    return collect(pageOf, 1, collected).map(collected);
  }

  private static <T> Future<Void> collect(Function<PageRequest, Future<Page<T>>> pageOf, int page, List<T> into) {
    return pageOf.apply(new PageRequest(page, PAGE)).compose(p -> {
      into.addAll(p.items());
      return p.items().size() < PAGE ? Future.succeededFuture() : collect(pageOf, page + 1, into);
    });
  }

  private static Future<List<JsonObject>> allJson(Function<PageRequest, Future<JsonObject>> pageOf) {
    return all(page -> pageOf.apply(page).map(json -> new Page<>(
        json.getJsonArray("items").stream().map(o -> (JsonObject) o).toList(), json.getLong("total", 0L))));
  }
}
