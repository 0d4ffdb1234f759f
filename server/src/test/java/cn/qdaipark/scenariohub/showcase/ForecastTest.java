package cn.qdaipark.scenariohub.showcase;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ForecastTest {
  @Test
  @DisplayName("months run from the first acceptance through the current month, with empty months counted")
  void months() {
    List<Forecast.Month> months = Forecast.months(List.of(YearMonth.of(2026, 9), YearMonth.of(2026, 9),
        YearMonth.of(2026, 11)), YearMonth.of(2026, 12));
    assertThat(months).containsExactly(new Forecast.Month(YearMonth.of(2026, 9), 2, 2),
        new Forecast.Month(YearMonth.of(2026, 10), 0, 2), new Forecast.Month(YearMonth.of(2026, 11), 1, 3),
        new Forecast.Month(YearMonth.of(2026, 12), 0, 3));
    assertThat(Forecast.months(List.of(), YearMonth.of(2026, 12))).isEmpty();
  }

  @Test
  @DisplayName("no estimate with fewer than three months of data")
  void tooFewMonths() {
    assertThat(Forecast.estimate(Forecast.months(List.of(YearMonth.of(2026, 11)), YearMonth.of(2026, 12)))).isEmpty();
  }

  @Test
  @DisplayName("a steady two a month from December 2026 gives 2 × 24 more by December 2028")
  void linearGrowth() {
    List<YearMonth> accepted = new ArrayList<>();
    for (int m = 1; m <= 12; m++) {
      accepted.add(YearMonth.of(2026, m));
      accepted.add(YearMonth.of(2026, m));
    }
    Forecast.Estimate e = Forecast.estimate(Forecast.months(accepted, YearMonth.of(2026, 12))).orElseThrow();
    assertThat(e.perMonth()).isEqualTo(2.0);
    assertThat(e.monthsUsed()).isEqualTo(12);
    assertThat(e.at2028()).isEqualTo(24 + 2 * 24);
  }

  @Test
  @DisplayName("the least-squares line over the trailing 12 months only, worked by hand")
  void trailingWindow() {
    // cumulative 1, 1, 4 over three months: x̄ = 1, ȳ = 2, slope = Σ(x−x̄)(y−ȳ)/Σ(x−x̄)² = (1 + 0 + 2)/2 = 1.5,
    // intercept 0.5; December 2028 is 26 months after October 2026: 0.5 + 1.5 × 26 = 39.5 → 40
    List<YearMonth> accepted = List.of(YearMonth.of(2026, 10), YearMonth.of(2026, 12), YearMonth.of(2026, 12),
        YearMonth.of(2026, 12));
    Forecast.Estimate e = Forecast.estimate(Forecast.months(accepted, YearMonth.of(2026, 12))).orElseThrow();
    assertThat(e.perMonth()).isEqualTo(1.5);
    assertThat(e.at2028()).isEqualTo(40);
    // an old burst outside the window does not steer the line: 30 months ago, then nothing
    List<YearMonth> old = new ArrayList<>(List.of(YearMonth.of(2024, 6), YearMonth.of(2024, 6)));
    Forecast.Estimate flat = Forecast.estimate(Forecast.months(old, YearMonth.of(2026, 12))).orElseThrow();
    assertThat(flat.perMonth()).isEqualTo(0.0);
    assertThat(flat.at2028()).isEqualTo(2);
  }
}
