package cn.qdaipark.scenariohub.page;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The fixed vocabulary in the page's language: domains, tracks, maturities and Qingdao's districts are stored in
 * Chinese (they are the API's values); English pages show their names from the bundle. Anything else (a region
 * the list does not know, a term of an older version) is shown as written.
 */
final class Terms {
  private static final String CITY = "青岛市";
  private static final Map<String, String> KEYS = Map.ofEntries(
      Map.entry("智能家居", "term_domain_home"), Map.entry("工业智能", "term_domain_industry"),
      Map.entry("智慧城市", "term_domain_city"), Map.entry("智慧金融", "term_domain_finance"),
      Map.entry("生命健康", "term_domain_health"), Map.entry("空天地海", "term_domain_aerospace"),
      Map.entry("信创硬件制造", "term_track_hardware"), Map.entry("复杂算法软件研发", "term_track_algorithms"),
      Map.entry("模型训练与数据服务", "term_track_data"),
      Map.entry("规模化应用", "term_maturity_scale"), Map.entry("试点应用", "term_maturity_pilot"),
      Map.entry("原型验证", "term_maturity_prototype"),
      Map.entry(CITY, "term_region_qingdao"), Map.entry("市南区", "term_region_shinan"),
      Map.entry("市北区", "term_region_shibei"), Map.entry("黄岛区", "term_region_huangdao"),
      Map.entry("西海岸新区", "term_region_west_coast"), Map.entry("崂山区", "term_region_laoshan"),
      Map.entry("李沧区", "term_region_licang"), Map.entry("城阳区", "term_region_chengyang"),
      Map.entry("即墨区", "term_region_jimo"), Map.entry("胶州市", "term_region_jiaozhou"),
      Map.entry("平度市", "term_region_pingdu"), Map.entry("莱西市", "term_region_laixi"));
  private static final BigDecimal MILLION_IN_WAN = BigDecimal.valueOf(100);

  private Terms() {
  }

  /** A domain, track, maturity or region in the page's language. */
  static String name(Messages m, String term) {
    if (term == null || !m.english()) {
      return term;
    }
    String key = KEYS.get(term);
    if (key != null) {
      return m.get(key);
    }
    return region(m, term);
  }

  static List<String> names(Messages m, List<String> terms) {
    return terms.stream().map(term -> name(m, term)).toList();
  }

  /** "青岛市崂山区" → "Laoshan District, Qingdao"; an unknown district stays as written. */
  private static String region(Messages m, String region) {
    if (!region.startsWith(CITY) || region.length() == CITY.length()) {
      return region;
    }
    String district = KEYS.get(region.substring(CITY.length()));
    return district == null ? region : m.format("term_region_in_city", m.get(district), m.get(KEYS.get(CITY)));
  }

  /**
   * An amount stored in 万元 (CNY 10,000): "250 万元" in Chinese; in English "CNY 2.5 million" from a million on and
   * "CNY 500,000" below.
   */
  static String wan(Messages m, long wan) {
    if (!m.english()) {
      return m.format("budget_wan", wan);
    }
    if (wan >= MILLION_IN_WAN.longValue()) {
      BigDecimal millions = BigDecimal.valueOf(wan).divide(MILLION_IN_WAN).stripTrailingZeros();
      return m.format("budget_million", millions.toPlainString());
    }
    return m.format("budget_cny", wan * 10_000);
  }
}
