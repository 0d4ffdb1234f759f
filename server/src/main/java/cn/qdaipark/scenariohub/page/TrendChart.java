package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.showcase.Forecast;
import java.util.ArrayList;
import java.util.List;

/**
 * The monthly trend of demonstration scenarios as an inline SVG drawn on the server: a bar per month for the
 * scenarios added and a line for the running total, over the last {@link #MONTHS} months.
 */
record TrendChart(List<Bar> bars, String line, List<Tick> ticks, long max, List<Forecast.Month> months) {
  static final int MONTHS = 24;
  static final int WIDTH = 640;
  static final int HEIGHT = 220;
  private static final int LEFT = 40;
  private static final int BOTTOM = 24;
  private static final int TOP = 12;

  record Bar(int x, int y, int width, int height, String month, long added, long cumulative) {
  }

  /** A label under the axis (every few months) or beside it (the scale). */
  record Tick(int x, int y, String text) {
  }

  static TrendChart of(List<Forecast.Month> all) {
    List<Forecast.Month> months = all.subList(Math.max(0, all.size() - MONTHS), all.size());
    long max = Math.max(1, months.stream().mapToLong(Forecast.Month::cumulative).max().orElse(1));
    int plotWidth = WIDTH - LEFT - 8;
    int plotHeight = HEIGHT - TOP - BOTTOM;
    int slot = months.isEmpty() ? plotWidth : plotWidth / months.size();
    List<Bar> bars = new ArrayList<>();
    List<Tick> ticks = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    int every = Math.max(1, (months.size() + 5) / 6);
    for (int i = 0; i < months.size(); i++) {
      Forecast.Month m = months.get(i);
      int x = LEFT + i * slot;
      int height = (int) Math.round(m.added() * (double) plotHeight / max);
      bars.add(new Bar(x + slot / 6, TOP + plotHeight - height, Math.max(2, slot * 2 / 3), height, m.month().toString(),
          m.added(), m.cumulative()));
      int cy = TOP + plotHeight - (int) Math.round(m.cumulative() * (double) plotHeight / max);
      line.append(line.isEmpty() ? "" : " ").append(x + slot / 2).append(',').append(cy);
      if (i % every == 0 || i == months.size() - 1) {
        ticks.add(new Tick(x + slot / 2, HEIGHT - 6, m.month().toString()));
      }
    }
    ticks.add(new Tick(LEFT - 6, TOP + 4, Long.toString(max)));
    ticks.add(new Tick(LEFT - 6, TOP + plotHeight, "0"));
    return new TrendChart(bars, line.toString(), ticks, max, months);
  }
}
