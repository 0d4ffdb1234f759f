package cn.qdaipark.scenariohub.showcase;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The monthly count of demonstration scenarios and an estimate for the end of the target period: a straight line
 * fitted by least squares to the cumulative counts of the trailing {@link #WINDOW} months, extended to
 * {@link #TARGET_MONTH}. No estimate with fewer than {@link #MIN_MONTHS} months of data.
 */
public final class Forecast {
  public static final YearMonth TARGET_MONTH = YearMonth.of(2028, 12);
  public static final int WINDOW = 12;
  public static final int MIN_MONTHS = 3;

  /** One month: the scenarios accepted in it and all of them up to its end. */
  public record Month(YearMonth month, long added, long cumulative) {
  }

  /** The fitted line (scenarios a month, and the count it gives now) and its value at {@link #TARGET_MONTH}. */
  public record Estimate(double perMonth, long at2028, int monthsUsed) {
  }

  private Forecast() {
  }

  /** Every month from the first acceptance through {@code current}, in order (empty when nothing was accepted). */
  public static List<Month> months(List<YearMonth> accepted, YearMonth current) {
    List<Month> months = new ArrayList<>();
    if (accepted.isEmpty()) {
      return months;
    }
    YearMonth first = accepted.stream().min(YearMonth::compareTo).orElseThrow();
    YearMonth last = accepted.stream().max(YearMonth::compareTo).orElseThrow();
    YearMonth end = current.isAfter(last) ? current : last;
    long cumulative = 0;
    for (YearMonth m = first; !m.isAfter(end); m = m.plusMonths(1)) {
      YearMonth month = m;
      long added = accepted.stream().filter(month::equals).count();
      cumulative += added;
      months.add(new Month(month, added, cumulative));
    }
    return months;
  }

  /**
   * The least-squares line through the cumulative counts of the last {@link #WINDOW} months, read at the target
   * month; never below the count already reached. Empty with fewer than {@link #MIN_MONTHS} months.
   */
  public static Optional<Estimate> estimate(List<Month> months) {
    if (months.size() < MIN_MONTHS) {
      return Optional.empty();
    }
    List<Month> window = months.subList(Math.max(0, months.size() - WINDOW), months.size());
    int n = window.size();
    double meanX = (n - 1) / 2.0;
    double meanY = window.stream().mapToLong(Month::cumulative).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      sxy += (i - meanX) * (window.get(i).cumulative() - meanY);
      sxx += (i - meanX) * (i - meanX);
    }
    double slope = sxx == 0 ? 0 : sxy / sxx;
    double intercept = meanY - slope * meanX;
    YearMonth start = window.get(0).month();
    long x = (TARGET_MONTH.getYear() - start.getYear()) * 12L + TARGET_MONTH.getMonthValue() - start.getMonthValue();
    long reached = window.get(n - 1).cumulative();
    long value = Math.max(reached, Math.round(intercept + slope * x));
    return Optional.of(new Estimate(slope, value, n));
  }
}
