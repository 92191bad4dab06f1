package io.gpuledger.streams.render;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The report page's navigation (last 24 h, 7 d, 30 d, last month) and parameter forms, kept out of the report body.
 *
 * <p>Links and forms send the rules §5.1 parameter names to {@code actionPath} with a GET, plus
 * {@code fixedParameters} (e.g. {@code format=html} when the page is served by {@code /api/v1/report}). A browser
 * submits every named field, so a field left empty arrives as an empty value ({@code end-time=}); the handler is
 * expected to read an empty {@code end-time}, {@code month} or {@code host} as "not given". There are two forms,
 * allocation and monthly, so a submitted form never carries a parameter that does not apply to its type (rules §5.2).
 *
 * @param actionPath      where links and forms point, e.g. {@code /}
 * @param fixedParameters sent with every link and form, in order; may be empty
 * @param current         what the page shows now, to mark the active link and prefill the forms
 */
public record PageChrome(String actionPath, Map<String, String> fixedParameters, Selection current) {

    public PageChrome {
        Objects.requireNonNull(actionPath, "actionPath");
        if (actionPath.contains("?") || actionPath.contains("#")) {
            // A GET form replaces the action's query string with its fields: fixed values go in fixedParameters.
            throw new IllegalArgumentException("actionPath must be a plain path; put parameters in fixedParameters: "
                    + actionPath);
        }
        fixedParameters = fixedParameters == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(fixedParameters));
        current = current == null ? Selection.allocation(24) : current;
    }

    /** Chrome pointing at {@code actionPath} with no fixed parameters. */
    public static PageChrome at(String actionPath, Selection current) {
        return new PageChrome(actionPath, Map.of(), current);
    }

    /**
     * The query the page answers, as the user gave it (null = not given).
     *
     * @param type       {@code allocation}, {@code monthly} or {@code timeseries}
     * @param hoursBack  allocation and time series length
     * @param endTime    {@code end-time} as given, or null
     * @param host       the host filter, {@code ""} or null for none
     * @param allDevices whether old devices are shown
     * @param month      {@code YYYY-MM} for monthly, or null
     */
    public record Selection(String type, Long hoursBack, String endTime, String host, boolean allDevices,
                            String month) {

        public static Selection allocation(long hoursBack) {
            return new Selection("allocation", hoursBack, null, null, false, null);
        }

        public static Selection lastMonth() {
            return new Selection("monthly", null, null, null, false, null);
        }
    }

    /** A navigation link: its label, its query (without fixed parameters) and whether the page shows it now. */
    record NavLink(String label, Map<String, String> query, boolean current) {
    }

    java.util.List<NavLink> navLinks() {
        boolean plainAllocation = "allocation".equals(current.type()) && current.endTime() == null
                && (current.host() == null || current.host().isEmpty()) && !current.allDevices();
        boolean plainLastMonth = "monthly".equals(current.type()) && current.month() == null
                && current.endTime() == null && !current.allDevices();
        return java.util.List.of(
                allocationLink("Last 24 hours", 24, plainAllocation),
                allocationLink("Last 7 days", 168, plainAllocation),
                allocationLink("Last 30 days", 720, plainAllocation),
                new NavLink("Last month", Map.of("type", "monthly"), plainLastMonth));
    }

    private NavLink allocationLink(String label, long hours, boolean plainAllocation) {
        return new NavLink(label, Map.of("hours-back", Long.toString(hours)),
                plainAllocation && current.hoursBack() != null && current.hoursBack() == hours);
    }

    /** {@code actionPath?fixed…&query…}, URL-encoded (not yet HTML-escaped). */
    String href(Map<String, String> query) {
        StringBuilder out = new StringBuilder(actionPath);
        char separator = '?';
        Map<String, String> all = new LinkedHashMap<>(fixedParameters);
        all.putAll(query);
        for (Map.Entry<String, String> parameter : all.entrySet()) {
            out.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        return out.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
