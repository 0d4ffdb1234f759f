package cn.qdaipark.scenariohub.demo;

import cn.qdaipark.scenariohub.image.ImageSanitizer;
import cn.qdaipark.scenariohub.image.SanitizedImage;
import cn.qdaipark.scenariohub.showcase.ScenarioRepository;
import cn.qdaipark.scenariohub.showcase.ShowcaseService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The demo's demonstration scenarios: a few calls accepted and demands landed over the past months, with the story,
 * the before/after indicators and pictures written for the demo. The pictures are drawn here with Java2D (a
 * before/after chart and a system sketch, without text: captions carry the words) and pass through the same
 * sanitizer as an upload.
 */
final class DemoScenarios {
  private static final int WIDTH = 960;
  private static final int HEIGHT = 540;
  private static final Color INK = new Color(0x1d, 0x3a, 0x5f);
  private static final Color ACCENT = new Color(0x1f, 0x7a, 0x5a);
  private static final Color MUTED = new Color(0xb8, 0xc4, 0xd4);
  private static final Color PAPER = new Color(0xf6, 0xf8, 0xfb);

  /** One indicator and the two values drawn on the chart (the higher, the better, as the chart shows it). */
  private record Indicator(String name, String before, String after, String unit, double beforeBar, double afterBar) {
  }

  private record Seed(String postingRef, String status, int monthsAgo, List<String> consortium, List<String> solutions,
                      String title, String summary, List<Indicator> indicators, int sketchNodes, String chartCaption,
                      String sketchCaption) {
  }

  private static final List<Seed> SEEDS = List.of(
      new Seed("DEMO-P001", "accepted", 7, List.of("青岛锦澄声学智能有限公司", "青岛鲲算信创电子有限公司", "青岛知语大模型技术有限公司"),
          List.of("DEMO-S001", "DEMO-S002", "DEMO-S009"),
          "家电端侧离线语音交互模组国产化示范",
          "三家崂山区企业组成联合体揭榜：锦澄声学负责双麦阵列与模组整机，鲲算信创提供国产NPU主控，知语大模型将对话模型蒸馏到端侧。"
              + "攻关历时14个月，模组先后适配了洗衣机和空调两类整机，在区内两家家电企业完成小批量试产。\n"
              + "验收时专家组在断网条件下现场测试了120条口语化指令，模组在本地完成理解与执行，整机不再依赖云端识别。"
              + "主控与AI芯片全部采用国产器件，供货周期由原来的16周缩短到6周。",
          List.of(new Indicator("主控及AI芯片国产化率", "35", "96", "%", 35, 96),
              new Indicator("离线指令理解准确率", "82", "96.3", "%", 82, 96.3),
              new Indicator("5米远场唤醒率", "88", "97.1", "%", 88, 97.1),
              new Indicator("小批量试产数量", "0", "1.2", "万台", 0, 60)),
          3, "验收前后关键指标对比（芯片国产化率、离线理解准确率、远场唤醒率、试产数量）",
          "模组结构示意：双麦阵列 → 国产NPU主控 → 端侧对话模型 → 家电整机"),
      new Seed("DEMO-P005", "landed", 5, List.of("青岛澜汐视觉智能科技有限公司"), List.of("DEMO-S015"),
          "全钢子午线轮胎X光智能判读落地黄岛",
          "轮胎厂原有6台X光检测机全部靠人工看片，每班需4名质检员轮换，夜班漏判时有发生。澜汐视觉的判读系统利旧原有设备，"
              + "通过MES接口取图，先在一条产线试点两个月，再推广到全部6台设备。\n"
              + "现在系统自动判读全部胎胚图像，只有疑似缺陷交由人工复核；质检员由每班4人减为1人，转岗做缺陷复核与工艺追溯。",
          List.of(new Indicator("内部缺陷检出率", "96.5", "99.3", "%", 96.5, 99.3),
              new Indicator("人工复核比例", "100", "14", "%", 100, 14),
              new Indicator("单条轮胎判读时间", "20", "2.1", "秒", 100, 10.5)),
          4, "试点前后对比：缺陷检出率、人工复核比例、单条判读时间",
          "部署示意：X光检测机 → 边缘判读服务器 → MES → 复核工位"),
      new Seed("DEMO-P011", "landed", 3, List.of("青岛城脉数字科技有限公司"), List.of("DEMO-S033"),
          "即墨老城区供水管网漏损智能监测",
          "即墨老城区管网多为上世纪九十年代铺设，漏损率长期在20%以上。城脉数字在两个计量分区布设声学监测点，"
              + "数字孪生平台把夜间最小流量、压力与噪声数据放在同一张管网图上分析。\n"
              + "试点半年共定位暗漏17处，开挖验证的定位误差平均1.4米；两个分区的漏损率合计下降4.2个百分点，"
              + "监测数据已接入水务公司现有的SCADA与GIS系统。",
          List.of(new Indicator("漏点定位误差", "15", "1.4", "米", 100, 9),
              new Indicator("试点分区漏损率", "21.6", "17.4", "%", 100, 80),
              new Indicator("发现暗漏（半年）", "3", "17", "处", 15, 85)),
          4, "试点分区半年对比：定位误差、漏损率、发现暗漏数量",
          "监测示意：管网声学监测点 → 数据采集 → 数字孪生平台 → 维修派单"),
      new Seed("DEMO-P018", "accepted", 1, List.of("青岛深蓝舟舶智能装备有限公司", "青岛数衡数据科技有限公司"),
          List.of("DEMO-S061", "DEMO-S062", "DEMO-S063"),
          "深远海养殖网箱水下智能巡检示范",
          "深蓝舟舶牵头、数衡数据参与的联合体在两处深远海养殖平台部署了水下巡检机器人，数衡数据采集标注了3.6万张水下图像用于训练网衣破损与鱼群计数模型。\n"
              + "机器人每天定时绕网箱巡检，发现破洞后推送位置与照片；存鱼量估算让投喂与出鱼计划有了依据。"
              + "验收期间在1.8节海流下连续作业，核心装备全部国产。",
          List.of(new Indicator("网衣破洞识别率", "", "93.5", "%", 0, 93.5),
              new Indicator("存鱼量估算误差", "25", "7.8", "%", 100, 31),
              new Indicator("水下装备抗流能力", "0.8", "1.8", "节", 40, 90)),
          3, "验收前后对比：网衣破洞识别率、存鱼量估算误差、抗流能力",
          "巡检示意：水下机器人 → 岸基边缘站 → 养殖管理平台"),
      new Seed("DEMO-P017", "landed", 0, List.of("青岛雷准感知技术有限公司"), List.of("DEMO-S054"),
          "养老院失能老人夜间非接触监护",
          "颐康养老在一栋照护楼的30张床位试点雷准感知的毫米波床旁监测仪：老人不用佩戴任何设备，呼吸、心率和离床情况实时显示在护士站。\n"
              + "试点三个月，夜间离床报警平均18秒送达值班护理员，夜班巡房由每小时一次改为按需巡视，家属对夜间照护的满意度明显提高。",
          List.of(new Indicator("离床报警时延", "", "18", "秒", 0, 60),
              new Indicator("夜间定时巡房", "8", "2", "次/晚", 100, 25),
              new Indicator("试点床位", "0", "30", "张", 0, 100)),
          3, "试点前后对比：离床报警时延、夜间巡房次数、试点床位",
          "监护示意：床旁毫米波监测仪 → 护理站看板 → 值班护理员"));

  private final Vertx vertx;
  private final Pool pool;
  private final Clock clock;
  private final ImageSanitizer sanitizer = new ImageSanitizer(ShowcaseService.EDGE, ShowcaseService.THUMBNAIL_EDGE);
  private final ScenarioRepository scenarios = new ScenarioRepository();

  DemoScenarios(Vertx vertx, Pool pool, Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.clock = clock;
  }

  Future<Void> load() {
    return vertx.executeBlocking(this::pictures, false).compose(pictures -> pool.withTransaction(db -> {
      Future<Void> chain = Future.succeededFuture();
      for (int i = 0; i < SEEDS.size(); i++) {
        Seed seed = SEEDS.get(i);
        List<SanitizedImage> images = pictures.get(i);
        chain = chain.compose(done -> seed(db, seed, images));
      }
      return chain;
    }));
  }

  private Future<Void> seed(SqlClient db, Seed seed, List<SanitizedImage> images) {
    // a few days back at least, so the open postings stay the newest on the boards
    OffsetDateTime at = OffsetDateTime.now(clock).minusMonths(seed.monthsAgo()).minusDays(seed.monthsAgo() * 3L + 2);
    JsonArray indicators = new JsonArray();
    seed.indicators().forEach(i -> indicators.add(new JsonObject().put("name", i.name()).put("before", i.before())
        .put("after", i.after()).put("unit", i.unit())));
    Map<String, Object> p = new HashMap<>();
    p.put("ref", seed.postingRef());
    p.put("status", seed.status());
    p.put("at", at);
    p.put("orgs", seed.consortium().toArray(String[]::new));
    p.put("solutions", seed.solutions().toArray(String[]::new));
    p.put("title", seed.title());
    p.put("summary", seed.summary());
    p.put("indicators", indicators);
    return SqlTemplate.forUpdate(db, "UPDATE postings SET status = #{status}, updated_at = #{at}, version = version + 1 "
            + "WHERE source_ref = #{ref}").execute(p)
        .compose(done -> SqlTemplate.forQuery(db, "SELECT create_scenario(id, #{at}) FROM postings WHERE source_ref = #{ref}")
            .execute(p))
        .compose(done -> SqlTemplate.forQuery(db, "UPDATE scenarios s SET title = #{title}, summary = #{summary}, "
                + "indicators = #{indicators}, "
                + "consortium_ids = array(SELECT o.id FROM unnest(#{orgs}::text[]) WITH ORDINALITY AS x(name, ord) "
                + "  JOIN organizations o ON o.name = x.name ORDER BY x.ord), "
                + "solution_ids = array(SELECT so.id FROM unnest(#{solutions}::text[]) WITH ORDINALITY AS x(ref, ord) "
                + "  JOIN solutions so ON so.source_ref = x.ref ORDER BY x.ord), "
                + "tracks = array(SELECT DISTINCT so.track FROM solutions so WHERE so.source_ref = ANY(#{solutions}) ORDER BY 1) "
                + "FROM postings p WHERE p.id = s.posting_id AND p.source_ref = #{ref} RETURNING s.id")
            .execute(p))
        .compose(rows -> DemoDeliveries.seed(db, seed.postingRef(), seed.consortium(), seed.solutions(), at).map(rows))
        .compose(rows -> {
          long id = rows.iterator().next().getLong("id");
          Future<Void> chain = Future.succeededFuture();
          String[] captions = {seed.chartCaption(), seed.sketchCaption()};
          for (int i = 0; i < images.size(); i++) {
            ScenarioRepository.NewImage image = ShowcaseService.stored(captions[i], images.get(i));
            chain = chain.compose(done -> scenarios.insertImage(db, id, image, null).mapEmpty());
          }
          return chain;
        });
  }

  private List<List<SanitizedImage>> pictures() {
    List<List<SanitizedImage>> all = new ArrayList<>();
    for (int i = 0; i < SEEDS.size(); i++) {
      Seed seed = SEEDS.get(i);
      all.add(List.of(sanitizer.sanitize(png(chart(seed.indicators(), i))),
          sanitizer.sanitize(png(sketch(seed.sketchNodes(), i)))));
    }
    return all;
  }

  /** Paired bars per indicator: grey before, green after, on a light grid. */
  private static BufferedImage chart(List<Indicator> indicators, int variant) {
    BufferedImage image = canvas();
    Graphics2D g = image.createGraphics();
    smooth(g);
    int left = 90;
    int bottom = HEIGHT - 70;
    int top = 60;
    g.setColor(MUTED);
    g.setStroke(new BasicStroke(1));
    for (int y = top; y <= bottom; y += (bottom - top) / 5) {
      g.drawLine(left, y, WIDTH - 60, y);
    }
    int groups = indicators.size();
    int slot = (WIDTH - 60 - left) / groups;
    int bar = slot / 4;
    for (int i = 0; i < groups; i++) {
      Indicator ind = indicators.get(i);
      int x = left + i * slot + slot / 4;
      int hb = (int) ((bottom - top) * ind.beforeBar() / 100.0);
      int ha = (int) ((bottom - top) * ind.afterBar() / 100.0);
      g.setColor(MUTED.darker());
      g.fillRoundRect(x, bottom - hb, bar, hb, 6, 6);
      g.setColor(variant % 2 == 0 ? ACCENT : INK);
      g.fillRoundRect(x + bar + 8, bottom - ha, bar, ha, 6, 6);
    }
    g.setColor(INK);
    g.setStroke(new BasicStroke(3));
    g.drawLine(left, bottom, WIDTH - 60, bottom);
    g.drawLine(left, top - 20, left, bottom);
    g.dispose();
    return image;
  }

  /** Boxes joined by arrows from left to right: the parts of the system, as its caption names them. */
  private static BufferedImage sketch(int nodes, int variant) {
    BufferedImage image = canvas();
    Graphics2D g = image.createGraphics();
    smooth(g);
    int boxWidth = 150;
    int gap = (WIDTH - 80 - nodes * boxWidth) / Math.max(1, nodes - 1);
    int y = HEIGHT / 2 - 60;
    for (int i = 0; i < nodes; i++) {
      int x = 40 + i * (boxWidth + gap);
      g.setColor(i == nodes - 1 ? ACCENT : INK);
      g.fillRoundRect(x, y, boxWidth, 120, 24, 24);
      g.setColor(PAPER);
      g.setStroke(new BasicStroke(4));
      drawIcon(g, (i + variant) % 4, x + boxWidth / 2, y + 60);
      if (i < nodes - 1) {
        g.setColor(INK);
        g.setStroke(new BasicStroke(5));
        int from = x + boxWidth + 10;
        int to = x + boxWidth + gap - 10;
        g.drawLine(from, y + 60, to, y + 60);
        g.fillPolygon(new int[] {to, to - 16, to - 16}, new int[] {y + 60, y + 50, y + 70}, 3);
      }
    }
    g.setColor(MUTED);
    g.setStroke(new BasicStroke(2, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1, new float[] {8, 8}, 0));
    g.drawRoundRect(20, y - 40, WIDTH - 40, 200, 30, 30);
    g.dispose();
    return image;
  }

  private static void drawIcon(Graphics2D g, int kind, int cx, int cy) {
    switch (kind) {
      case 0 -> g.drawOval(cx - 28, cy - 28, 56, 56);
      case 1 -> g.drawRect(cx - 30, cy - 22, 60, 44);
      case 2 -> {
        g.drawLine(cx - 30, cy + 20, cx - 10, cy - 10);
        g.drawLine(cx - 10, cy - 10, cx + 8, cy + 8);
        g.drawLine(cx + 8, cy + 8, cx + 30, cy - 24);
      }
      default -> {
        g.drawRect(cx - 26, cy - 26, 52, 52);
        g.drawLine(cx - 26, cy, cx + 26, cy);
        g.drawLine(cx, cy - 26, cx, cy + 26);
      }
    }
  }

  private static BufferedImage canvas() {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(PAPER);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.dispose();
    return image;
  }

  private static void smooth(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
  }

  private static byte[] png(BufferedImage image) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
