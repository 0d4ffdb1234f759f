package cn.qdaipark.scenariohub.page;

import java.util.ArrayList;
import java.util.List;

/** Page links around the current page, each keeping the list's filters. */
record Pager(String prev, String next, List<Link> pages, boolean visible) {
  record Link(int number, String href, boolean current) {
  }

  static Pager of(Query query, String path, int page, int pageSize, long total) {
    int last = (int) Math.max(1, (total + pageSize - 1) / pageSize);
    List<Link> pages = new ArrayList<>();
    for (int n = Math.max(1, page - 3); n <= Math.min(last, page + 3); n++) {
      pages.add(new Link(n, query.with("page", n == 1 ? null : n).link(path), n == page));
    }
    return new Pager(page > 1 ? query.with("page", page == 2 ? null : page - 1).link(path) : null,
        page < last ? query.with("page", page + 1).link(path) : null, pages, last > 1);
  }

  static int number(String raw) {
    try {
      return raw == null ? 1 : Math.max(1, Math.min(500, Integer.parseInt(raw.trim())));
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
