package cn.qdaipark.scenariohub.vocabulary;

import java.util.List;
import java.util.Map;

/** The exact strings of DESIGN.md's vocabulary, with the aliases accepted on input. */
public final class Vocabulary {
  public static final List<String> DOMAINS = List.of("智能家居", "工业智能", "智慧城市", "智慧金融", "生命健康", "空天地海");
  public static final Map<String, String> DOMAIN_ALIASES = Map.of("智慧家居", "智能家居", "金融科技", "智慧金融");
  public static final List<String> TRACKS = List.of("信创硬件制造", "复杂算法软件研发", "模型训练与数据服务");
  public static final List<String> MATURITIES = List.of("规模化应用", "试点应用", "原型验证");
  public static final List<String> POSTING_KINDS = List.of("challenge", "demand");

  private Vocabulary() {
  }
}
