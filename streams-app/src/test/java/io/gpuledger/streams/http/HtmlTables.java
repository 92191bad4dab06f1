package io.gpuledger.streams.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what a person sees in the report's HTML: the cells of a table by its id, attributes of chart elements. */
final class HtmlTables {

    private static final Pattern ROW = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<t[dh][^>]*>(.*?)</t[dh]>", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^>]+>");

    private HtmlTables() {
    }

    /** The body rows of table {@code id}, each as its cells' text. */
    static List<List<String>> rows(String html, String id) {
        int start = html.indexOf("<table id=\"" + id + "\"");
        if (start < 0) {
            throw new AssertionError("no table " + id);
        }
        int end = html.indexOf("</table>", start);
        String table = html.substring(start, end);
        int body = table.indexOf("<tbody>");
        List<List<String>> rows = new ArrayList<>();
        Matcher row = ROW.matcher(table.substring(Math.max(0, body)));
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = CELL.matcher(row.group(1));
            while (cell.find()) {
                cells.add(text(cell.group(1)));
            }
            rows.add(cells);
        }
        return rows;
    }

    /** Rows of table {@code id} by their first cell. */
    static Map<String, List<String>> rowsByLabel(String html, String id) {
        Map<String, List<String>> byLabel = new LinkedHashMap<>();
        for (List<String> row : rows(html, id)) {
            byLabel.put(row.get(0), row.subList(1, row.size()));
        }
        return byLabel;
    }

    static String text(String fragment) {
        return TAG.matcher(fragment).replaceAll("").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&").strip();
    }

    /** The value of {@code attribute} on the first element carrying {@code marker} (e.g. {@code data-series="x"}). */
    static String attribute(String html, String marker, String attribute) {
        int at = html.indexOf(marker);
        if (at < 0) {
            throw new AssertionError("no element with " + marker);
        }
        int open = html.lastIndexOf('<', at);
        int close = html.indexOf('>', at);
        Matcher value = Pattern.compile("\\s" + Pattern.quote(attribute) + "=\"([^\"]*)\"")
                .matcher(html.substring(open, close));
        if (!value.find()) {
            throw new AssertionError("no " + attribute + " on the element with " + marker);
        }
        return text(value.group(1));
    }
}
