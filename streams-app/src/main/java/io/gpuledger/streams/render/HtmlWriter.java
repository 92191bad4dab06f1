package io.gpuledger.streams.render;

import java.util.List;

/**
 * A StringBuilder that escapes everything it is not told is markup. Report text comes partly from the pool (user
 * names, hosts, PreventJobsReason strings, project names, exclusion reasons) and must never become markup, in a
 * browser or in a mail client.
 */
final class HtmlWriter {

    private final StringBuilder out = new StringBuilder(16_384);

    /** Markup written as is: only ever string constants and output of this package. */
    HtmlWriter raw(String markup) {
        out.append(markup);
        return this;
    }

    HtmlWriter text(String text) {
        appendEscaped(out, text);
        return this;
    }

    /** {@code <tag style="…">escaped text</tag>}. */
    HtmlWriter element(String tag, String style, String text) {
        open(tag, style);
        text(text);
        return close(tag);
    }

    HtmlWriter open(String tag, String style) {
        out.append('<').append(tag);
        if (style != null && !style.isEmpty()) {
            attribute("style", style);
        }
        out.append('>');
        return this;
    }

    HtmlWriter close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** {@code  name="escaped value"}, to be called between {@code raw("<tag")} and {@code raw(">")}. */
    HtmlWriter attribute(String name, String value) {
        out.append(' ').append(name).append("=\"");
        appendEscaped(out, value);
        out.append('"');
        return this;
    }

    HtmlWriter newline() {
        out.append('\n');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text == null ? 0 : text.length() + 16);
        appendEscaped(escaped, text);
        return escaped.toString();
    }

    private static void appendEscaped(StringBuilder target, String text) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> target.append("&amp;");
                case '<' -> target.append("&lt;");
                case '>' -> target.append("&gt;");
                case '"' -> target.append("&quot;");
                case '\'' -> target.append("&#39;");
                default -> target.append(c);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tables: every table sits in a horizontally scrolling wrapper, so a phone scrolls a wide table instead of
    // squeezing its numbers onto several lines.

    static final String TABLE_WRAP = "overflow-x:auto;-webkit-overflow-scrolling:touch;margin:0 0 14px 0;";
    /*
     * Styles are repeated on every cell (mail clients keep only inline styles), so they are kept short: an e-mail
     * body over ~100 KB is clipped by some clients. Inherited properties (tabular digits) sit on the table.
     */
    static final String TABLE = "border-collapse:collapse;width:100%;font-size:14px;font-variant-numeric:tabular-nums;";
    private static final String CELL = "padding:4px 8px;border-bottom:1px solid #e4e7eb;";
    /** Headers may wrap ("Available (avg.)" over two lines) so six columns fit a laptop without scrolling. */
    private static final String HEADER = "padding:6px 8px;border-bottom:2px solid #c9d1d9;background:#f3f5f7;"
            + "vertical-align:bottom;";
    static final String TH = HEADER + "text-align:left;";
    /** {@code width:1%} shrinks number columns to their content, leaving the rest to the label column. */
    static final String TH_NUMBER = HEADER + "text-align:right;width:1%;";
    /** The label column may wrap, so a phone shows some numbers next to it before scrolling. */
    static final String TD_LABEL = CELL + "min-width:9em;";
    static final String TD = CELL + "white-space:nowrap;";
    static final String TD_NUMBER = CELL + "text-align:right;white-space:nowrap;";

    /** A table column: its header and whether its cells are numbers (right-aligned, rules §6.2). */
    record Column(String header, boolean numeric) {
        static Column text(String header) {
            return new Column(header, false);
        }

        static Column number(String header) {
            return new Column(header, true);
        }
    }

    HtmlWriter tableStart(String id, List<Column> columns) {
        raw("<div style=\"" + TABLE_WRAP + "\"><table");
        if (id != null) {
            attribute("id", id);
        }
        raw(" style=\"" + TABLE + "\"><thead><tr>");
        for (Column column : columns) {
            element("th", column.numeric() ? TH_NUMBER : TH, column.header());
        }
        return raw("</tr></thead><tbody>").newline();
    }

    HtmlWriter tableEnd() {
        return raw("</tbody></table></div>").newline();
    }

    /**
     * One row; {@code extraCellStyle} (bold for totals, an indent for a nested label) is added to every cell, and
     * {@code firstCellIndentPx} to the first cell only.
     */
    HtmlWriter row(List<Column> columns, List<String> cells, String extraCellStyle, int firstCellIndentPx) {
        raw("<tr>");
        for (int i = 0; i < cells.size(); i++) {
            String style = i == 0 ? TD_LABEL : columns.get(i).numeric() ? TD_NUMBER : TD;
            if (extraCellStyle != null) {
                style += extraCellStyle;
            }
            if (i == 0 && firstCellIndentPx > 0) {
                style += "padding-left:" + (8 + firstCellIndentPx) + "px;";
            }
            element("td", style, cells.get(i));
        }
        return raw("</tr>").newline();
    }
}
