package io.jingzhun.quality;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The auditors' page: one self-contained HTML file (inline CSS and SVG, no scripts, nothing fetched), so
 * it can be mailed, archived and opened offline. Values shown are already masked.
 */
final class HtmlReport {
  private static final String CSS = """
      body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:24px;color:#1f2933;
        background:#fafbfc;max-width:1200px}
      h1{font-size:22px;margin:0 0 4px} h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d9e2ec;
        padding-bottom:4px} h3{font-size:14px;margin:14px 0 6px}
      .verdict{display:inline-block;padding:6px 14px;border-radius:4px;font-weight:600;color:#fff;margin:8px 0}
      .pass{background:#2f855a} .block{background:#c53030}
      table{border-collapse:collapse;margin:6px 0 12px;font-size:13px;background:#fff}
      th,td{border:1px solid #d9e2ec;padding:4px 8px;text-align:left;vertical-align:top}
      th{background:#f0f4f8} td.num{text-align:right;font-variant-numeric:tabular-nums}
      .error{color:#c53030;font-weight:600} .warning{color:#b7791f;font-weight:600} .ok{color:#2f855a}
      .muted{color:#627d98;font-size:12px}
      .charts{display:flex;flex-wrap:wrap;gap:12px}
      .chart{background:#fff;border:1px solid #d9e2ec;padding:8px;border-radius:4px}
      .chart .label{font-size:12px;margin-bottom:4px}
      details{margin:6px 0} summary{cursor:pointer;font-weight:600}
      """;

  private HtmlReport() {}

  static String render(QualityOutcome o) {
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<link rel=\"icon\" href=\"data:,\">")
        .append("<title>Jingzhun quality report ").append(o.runDate()).append("</title><style>").append(CSS)
        .append("</style></head><body>");
    h.append("<h1>数据质量报告 · Data quality report</h1><div class=\"muted\">run date ").append(o.runDate())
        .append("</div>");
    h.append("<div class=\"verdict ").append(o.passed() ? "pass\">PASSED: publishing allowed" : "block\">BLOCKED: nothing is published tonight")
        .append("</div>");
    long failed = o.results().stream().filter(r -> !r.passed()).count();
    long anomalous = o.anomalies().stream().filter(AnomalyResult::anomalous).count();
    h.append("<p>").append(o.results().size()).append(" rules checked, ").append(failed).append(" failed or not evaluated; ")
        .append(o.anomalies().size()).append(" metrics watched, ").append(anomalous).append(" anomalous.</p>");
    if (!o.blocking().isEmpty()) {
      h.append("<p class=\"error\">Blocking: ").append(esc(String.join("; ", o.blocking()))).append("</p>");
    }

    h.append("<h2>Failed rules</h2>");
    List<RuleResult> failedRules = o.results().stream().filter(r -> !r.passed()).toList();
    if (failedRules.isEmpty()) {
      h.append("<p class=\"ok\">Every rule passed.</p>");
    } else {
      ruleTable(h, failedRules);
      for (RuleResult r : failedRules) {
        if (!r.samples().isEmpty()) {
          h.append("<h3>").append(esc(r.table() + " · " + r.rule())).append(": sample failing rows (masked)</h3>");
          samples(h, r.samples());
        }
      }
    }

    h.append("<h2>Anomalies across nights</h2>");
    if (o.anomalies().isEmpty()) {
      h.append("<p class=\"muted\">No metric is watched.</p>");
    } else {
      h.append("<table><tr><th>table</th><th>watch</th><th>metric</th><th>group</th><th>level</th><th>strategy</th>")
          .append("<th>tonight</th><th>history judged against</th><th>verdict</th></tr>");
      for (AnomalyResult a : o.anomalies()) {
        h.append("<tr><td>").append(esc(a.table())).append("</td><td>").append(esc(a.name())).append("</td><td>")
            .append(esc(a.metric() + " of " + a.instance())).append("</td><td>").append(esc(nv(a.group())))
            .append("</td><td class=\"").append(a.level().code()).append("\">").append(a.level().code())
            .append("</td><td>").append(esc(a.strategy())).append("</td><td class=\"num\">").append(num(a.value()))
            .append("</td><td>");
        if (a.history().isEmpty()) {
          h.append("<span class=\"muted\">none</span>");
        } else {
          int from = Math.max(0, a.history().size() - 7);
          for (int i = from; i < a.history().size(); i++) {
            MetricPoint p = a.history().get(i);
            h.append(p.date()).append(": ").append(num(p.value())).append("<br>");
          }
          if (from > 0) {
            h.append("<span class=\"muted\">(").append(from).append(" earlier nights)</span>");
          }
        }
        h.append("</td><td>").append(a.anomalous()
                ? "<span class=\"" + a.level().code() + "\">ANOMALY</span> " + esc(nv(a.detail()))
                : "<span class=\"ok\">normal</span> <span class=\"muted\">" + esc(nv(a.detail())) + "</span>")
            .append("</td></tr>");
      }
      h.append("</table>");
    }

    h.append("<h2>Trends of key metrics</h2><div class=\"charts\">");
    for (TrendSeries t : o.trends()) {
      h.append("<div class=\"chart\"><div class=\"label\">").append(esc(t.label())).append("</div>")
          .append(svg(t.points())).append("</div>");
    }
    h.append("</div>");

    h.append("<h2>Quarantine by reason</h2>");
    if (o.quarantine().isEmpty()) {
      h.append("<p class=\"muted\">No row was set aside.</p>");
    } else {
      h.append("<table><tr><th>table</th><th>set aside by</th><th>reason</th><th>rows</th></tr>");
      for (QuarantineCount q : o.quarantine()) {
        h.append("<tr><td>").append(esc(q.table())).append("</td><td>").append(esc(q.stage())).append("</td><td>")
            .append(esc(q.reason())).append("</td><td class=\"num\">").append(q.rows()).append("</td></tr>");
      }
      h.append("</table>");
    }
    h.append("<h3>Reconciliation: rows read = staged clean + quarantined at ingest + quarantined by rules</h3>")
        .append("<table><tr><th>table</th><th>rows read</th><th>staged clean</th><th>quarantined at ingest</th>")
        .append("<th>quarantined by rules</th><th>balanced</th></tr>");
    for (Reconciliation r : o.reconciliation()) {
      h.append("<tr><td>").append(esc(r.table())).append("</td><td class=\"num\">").append(r.rowsRead())
          .append("</td><td class=\"num\">").append(r.stagedClean()).append("</td><td class=\"num\">")
          .append(r.quarantinedAtIngest()).append("</td><td class=\"num\">").append(r.quarantinedByRules())
          .append("</td><td>").append(r.balanced() ? "<span class=\"ok\">yes</span>" : "<span class=\"error\">no</span>")
          .append("</td></tr>");
    }
    h.append("</table>");

    h.append("<h2>Cross-department findings</h2>");
    if (o.findings().isEmpty()) {
      h.append("<p class=\"muted\">No findings table for this run date.</p>");
    } else {
      h.append("<table><tr><th>rule</th><th>severity</th><th>findings</th></tr>");
      for (FindingCount f : o.findings()) {
        h.append("<tr><td>").append(esc(f.ruleCode())).append("</td><td>").append(esc(f.severity()))
            .append("</td><td class=\"num\">").append(f.count()).append("</td></tr>");
      }
      h.append("</table>");
    }

    h.append("<h2>All rules</h2><details><summary>").append(o.results().size()).append(" rules</summary>");
    ruleTable(h, o.results());
    h.append("</details>");

    h.append("<h2>Column profiles</h2><details><summary>").append(o.profiles().size())
        .append(" columns (personal columns are not profiled)</summary><table><tr><th>table</th><th>column</th>")
        .append("<th>type</th><th>completeness</th><th>≈ distinct</th></tr>");
    for (ColumnSummary c : o.profiles()) {
      h.append("<tr><td>").append(esc(c.table())).append("</td><td>").append(esc(c.column())).append("</td><td>")
          .append(esc(c.dataType())).append("</td><td class=\"num\">").append(num(c.completeness()))
          .append("</td><td class=\"num\">").append(c.approxDistinct()).append("</td></tr>");
    }
    h.append("</table></details>");
    if (!o.notes().isEmpty()) {
      h.append("<h2>Notes</h2><ul>");
      o.notes().forEach(n -> h.append("<li>").append(esc(n)).append("</li>"));
      h.append("</ul>");
    }
    h.append("</body></html>\n");
    return h.toString();
  }

  private static void ruleTable(StringBuilder h, List<RuleResult> rules) {
    h.append("<table><tr><th>table</th><th>rule</th><th>kind</th><th>level</th><th>status</th><th>value</th>")
        .append("<th>expected</th><th>failing rows</th><th>quarantined</th><th>message</th></tr>");
    for (RuleResult r : rules) {
      h.append("<tr><td>").append(esc(r.table())).append("</td><td title=\"").append(esc(nv(r.description())))
          .append("\">").append(esc(r.rule())).append("</td><td>").append(esc(r.kind())).append("</td><td class=\"")
          .append(r.level().code()).append("\">").append(r.level().code()).append("</td><td class=\"")
          .append(r.passed() ? "ok" : r.level().code()).append("\">").append(esc(r.status()))
          .append("</td><td class=\"num\">").append(num(r.value())).append("</td><td>").append(esc(nv(r.expectation())))
          .append("</td><td class=\"num\">").append(r.failingRows()).append("</td><td class=\"num\">")
          .append(r.quarantinedRows()).append("</td><td>").append(esc(nv(r.message()))).append("</td></tr>");
    }
    h.append("</table>");
  }

  private static void samples(StringBuilder h, List<Map<String, String>> samples) {
    List<String> cols = List.copyOf(samples.get(0).keySet());
    h.append("<table><tr>");
    cols.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
    h.append("</tr>");
    for (Map<String, String> row : samples) {
      h.append("<tr>");
      cols.forEach(c -> h.append("<td>").append(esc(nv(row.get(c)))).append("</td>"));
      h.append("</tr>");
    }
    h.append("</table>");
  }

  /** A small line chart of a series; the last point (tonight) is highlighted. */
  static String svg(List<MetricPoint> points) {
    int w = 300;
    int ht = 90;
    int pad = 14;
    StringBuilder s = new StringBuilder();
    s.append("<svg width=\"").append(w).append("\" height=\"").append(ht + 16)
        .append("\" viewBox=\"0 0 ").append(w).append(' ').append(ht + 16).append("\" role=\"img\">");
    if (points.isEmpty()) {
      return s.append("<text x=\"10\" y=\"40\" font-size=\"12\" fill=\"#627d98\">no data</text></svg>").toString();
    }
    double min = points.stream().mapToDouble(MetricPoint::value).min().orElse(0);
    double max = points.stream().mapToDouble(MetricPoint::value).max().orElse(1);
    double span = max - min == 0 ? Math.max(Math.abs(max), 1) : max - min;
    int n = points.size();
    StringBuilder poly = new StringBuilder();
    StringBuilder dots = new StringBuilder();
    for (int i = 0; i < n; i++) {
      double x = n == 1 ? w / 2.0 : pad + (w - 2.0 * pad) * i / (n - 1);
      double y = max - min == 0 ? ht / 2.0 : pad + (ht - 2.0 * pad) * (1 - (points.get(i).value() - min) / span);
      poly.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      boolean last = i == n - 1;
      dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\"><title>%s: %s</title></circle>",
          x, y, last ? 4 : 2, last ? "#c05621" : "#2b6cb0", points.get(i).date(), num(points.get(i).value())));
    }
    s.append("<polyline fill=\"none\" stroke=\"#2b6cb0\" stroke-width=\"1.5\" points=\"").append(poly.toString().trim())
        .append("\"/>").append(dots);
    s.append("<text x=\"2\" y=\"10\" font-size=\"10\" fill=\"#627d98\">").append(num(max)).append("</text>");
    s.append("<text x=\"2\" y=\"").append(ht).append("\" font-size=\"10\" fill=\"#627d98\">").append(num(min))
        .append("</text>");
    s.append("<text x=\"2\" y=\"").append(ht + 14).append("\" font-size=\"10\" fill=\"#627d98\">")
        .append(points.get(0).date()).append(" → ").append(points.get(n - 1).date()).append(" (").append(n)
        .append(" nights)</text></svg>");
    return s.toString();
  }

  private static String num(Double v) {
    if (v == null) {
      return "–";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e12) {
      return String.valueOf(v.longValue());
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String nv(String s) {
    return s == null ? "" : s;
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
