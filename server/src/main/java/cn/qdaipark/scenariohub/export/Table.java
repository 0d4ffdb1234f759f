package cn.qdaipark.scenariohub.export;

import java.util.List;

/** Rows of text under a header: what every export writes, as CSV or as a worksheet. */
record Table(String name, List<String> header, List<List<String>> rows) {
}
