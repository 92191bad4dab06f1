package io.gpuledger.streams.render;

/**
 * How an HTML report is wrapped. The report body is the same either way; the report page adds its chrome (navigation
 * and a parameter form) above it, and an e-mail has none, so a mail body is the page without the chrome.
 *
 * @param pageChrome navigation and form of the report page, or null for an e-mail body
 */
public record HtmlOptions(PageChrome pageChrome) {

    private static final HtmlOptions EMAIL = new HtmlOptions(null);

    /** An e-mail body (rules §6.1 "the body is the report's HTML rendering"): no links, no form. */
    public static HtmlOptions email() {
        return EMAIL;
    }

    /** The report page ({@code GET /}) with its chrome. */
    public static HtmlOptions page(PageChrome chrome) {
        return new HtmlOptions(java.util.Objects.requireNonNull(chrome, "chrome"));
    }

    public boolean hasPageChrome() {
        return pageChrome != null;
    }
}
