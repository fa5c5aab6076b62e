package dev.rightsplatform.rights.delivery.archive;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code index.html}: what the archive holds, per system and category, with record counts, the generation time, and
 * the first records of each category, in English and Chinese side by side. Self-contained: no script, no external
 * resource (its Content-Security-Policy forbids both), every value HTML-escaped.
 */
final class ArchiveIndex {

    static final String PATH = "index.html";

    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}"
            + "table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #bbb;padding:.25em .5em;"
            + "text-align:left;vertical-align:top}td{white-space:pre-wrap}th{background:#eee}.zh{color:#555}";

    private ArchiveIndex() {}

    static void write(Writer out, UUID requestId, Instant generatedAt, List<SystemContents> systems)
            throws IOException {
        out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>Your data export · 您的数据导出</title>\n<style>" + STYLE + "</style>\n</head>\n<body>\n");
        out.write("<h1>Your data export <span class=\"zh\" lang=\"zh-CN\">您的数据导出</span></h1>\n");
        out.write("<p>Request 请求: <code>" + esc(requestId.toString()) + "</code><br>\nGenerated 生成时间: <time>"
                + esc(generatedAt.truncatedTo(ChronoUnit.SECONDS).toString()) + "</time> (UTC)</p>\n");
        out.write(
                "<p>This archive holds the personal data each system keeps about you: one JSON file per system, and a "
                        + "CSV file for each category of simple records. <code>manifest.json</code> lists every file with its "
                        + "size and SHA-256 checksum. In the CSV files, a text that starts with = + - or @ has a ' before it, "
                        + "so that spreadsheets do not run it as a formula; the JSON files keep every value unchanged.</p>\n");
        out.write("<p class=\"zh\" lang=\"zh-CN\">本压缩包包含各系统保存的您的个人信息：每个系统一个 JSON 文件，简单记录的每个类别另有一个 CSV 文件。"
                + "<code>manifest.json</code> 列出每个文件的大小和 SHA-256 校验值。CSV 文件中以 = + - 或 @ 开头的文本前加了一个 '，"
                + "以免电子表格把它当作公式执行；JSON 文件中的值保持原样。</p>\n");
        contents(out, systems);
        for (SystemContents system : systems) {
            details(out, system);
        }
        out.write("</body>\n</html>\n");
        out.flush();
    }

    private static void contents(Writer out, List<SystemContents> systems) throws IOException {
        out.write("<h2>Contents <span class=\"zh\" lang=\"zh-CN\">内容</span></h2>\n<table>\n<tr><th>System 系统</th>"
                + "<th>Category 类别</th><th>Records 记录数</th><th>Files 文件</th></tr>\n");
        for (SystemContents system : systems) {
            String json = link(system.jsonPath());
            if (system.categories().isEmpty()) {
                out.write(row(esc(system.systemId()), "—", "0", json));
            }
            for (CategoryScan.Category category : system.categories()) {
                String files =
                        category.hasCsv() ? json + "<br>" + link(CsvPass.path(system.systemId(), category.name)) : json;
                out.write(row(esc(system.systemId()), esc(category.name), Long.toString(category.records), files));
            }
        }
        out.write("</table>\n");
    }

    private static void details(Writer out, SystemContents system) throws IOException {
        out.write("<h2>System 系统: " + esc(system.systemId()) + "</h2>\n");
        for (CategoryScan.Category category : system.categories()) {
            out.write("<h3>" + esc(category.name) + " — " + category.records + " records 条记录</h3>\n");
            if (category.preview.isEmpty()) {
                continue;
            }
            int shown = category.preview.size();
            out.write("<p>First " + shown + " records <span class=\"zh\" lang=\"zh-CN\">前 " + shown
                    + " 条记录</span></p>\n");
            LinkedHashSet<String> columns = new LinkedHashSet<>();
            category.preview.forEach(record -> columns.addAll(record.keySet()));
            out.write("<table>\n<tr>");
            for (String column : columns) {
                out.write("<th>" + esc(column) + "</th>");
            }
            out.write("</tr>\n");
            for (Map<String, String> record : category.preview) {
                out.write("<tr>");
                for (String column : columns) {
                    out.write("<td>" + esc(record.getOrDefault(column, "")) + "</td>");
                }
                out.write("</tr>\n");
            }
            out.write("</table>\n");
        }
    }

    private static String row(String... cells) {
        return "<tr><td>" + String.join("</td><td>", cells) + "</td></tr>\n";
    }

    private static String link(String path) {
        return "<a href=\"" + esc(path) + "\">" + esc(path) + "</a>";
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
