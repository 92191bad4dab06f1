package io.gpuledger.streams.http;

import io.gpuledger.ingest.classify.ConfigFileException;
import io.gpuledger.ingest.classify.HostExclusions;
import io.gpuledger.streams.query.ReportQuery;
import io.gpuledger.streams.query.ReportType;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * rules §5.1's parameters and 5.2's validation: turns a query string into a {@link ReportRequest}, or an
 * {@link ApiException} 400 whose one-line message names the parameter and the value. Nothing is computed before
 * every parameter is valid.
 */
public final class ReportParameters {

    public static final String TYPE = "type";
    public static final String HOURS_BACK = "hours-back";
    public static final String END_TIME = "end-time";
    public static final String HOST = "host";
    public static final String ALL_DEVICES = "all-devices";
    public static final String EXCLUDE_HOSTS = "exclude-hosts";
    public static final String MONTH = "month";
    public static final String SNAPSHOT_TIME = "snapshot-time";
    public static final String WINDOW_MINUTES = "window-minutes";
    public static final String GPU_MODEL = "gpu-model";
    public static final String BUCKET_MINUTES = "bucket-minutes";
    public static final String FORMAT = "format";

    /** rules §5.1 "Applies to", in the table's order. */
    private static final Map<String, Set<ReportType>> APPLIES_TO = new LinkedHashMap<>();

    static {
        Set<ReportType> all = EnumSet.allOf(ReportType.class);
        APPLIES_TO.put(TYPE, all);
        APPLIES_TO.put(HOURS_BACK, EnumSet.of(ReportType.ALLOCATION, ReportType.TIMESERIES));
        APPLIES_TO.put(END_TIME, EnumSet.of(ReportType.ALLOCATION, ReportType.TIMESERIES, ReportType.MONTHLY));
        APPLIES_TO.put(HOST, EnumSet.of(ReportType.ALLOCATION, ReportType.TIMESERIES));
        APPLIES_TO.put(ALL_DEVICES, EnumSet.of(ReportType.ALLOCATION, ReportType.MONTHLY));
        APPLIES_TO.put(EXCLUDE_HOSTS, all);
        APPLIES_TO.put(MONTH, EnumSet.of(ReportType.MONTHLY));
        APPLIES_TO.put(SNAPSHOT_TIME, EnumSet.of(ReportType.GPU_MODEL_SNAPSHOT));
        APPLIES_TO.put(WINDOW_MINUTES, EnumSet.of(ReportType.GPU_MODEL_SNAPSHOT));
        APPLIES_TO.put(GPU_MODEL, EnumSet.of(ReportType.GPU_MODEL_SNAPSHOT));
        APPLIES_TO.put(BUCKET_MINUTES, EnumSet.of(ReportType.TIMESERIES));
        APPLIES_TO.put(FORMAT, all);
    }

    public static final int MAX_HOURS_BACK = 8784;
    public static final int MAX_WINDOW_MINUTES = 60;
    public static final int MAX_HOST_LENGTH = 255;
    public static final int MAX_EXCLUDE_HOSTS_LENGTH = 8 * 1024;
    private static final int MAX_PARAMETERS = 32;
    private static final int SHOWN_VALUE_LENGTH = 80;

    /** {@code YYYY-MM-DD HH:MM[:SS[.ffffff]]}, with a space or a {@code T}. */
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[ T](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,6}))?)?");
    private static final Pattern MONTH_FORM = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");

    private ReportParameters() {
    }

    /** A validated request: what to compute and how to render it. */
    public record ReportRequest(ReportQuery query, ReportFormat format) {
    }

    /** The parameter names, in rules §5.1's order. */
    public static List<String> names() {
        return List.copyOf(APPLIES_TO.keySet());
    }

    /**
     * Validates the API's parameters (rules §5.2): an empty value is a value, checked like any other.
     *
     * @param parameters every query parameter, in order, with all values each was given
     */
    public static ReportRequest parse(Map<String, List<String>> parameters) {
        return parse(parameters, false, ReportFormat.JSON);
    }

    /**
     * @param emptyMeansAbsent read an empty value as "not given" (the report page: a browser form sends its empty
     *                         fields too)
     * @param defaultFormat    the format when none is given
     */
    public static ReportRequest parse(Map<String, List<String>> parameters, boolean emptyMeansAbsent,
                                      ReportFormat defaultFormat) {
        if (parameters.size() > MAX_PARAMETERS) {
            throw ApiException.of(400, "too many parameters: " + parameters.size());
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (!APPLIES_TO.containsKey(name)) {
                throw ApiException.badParameter(name, null, "unknown parameter '" + shown(name) + "'; parameters are "
                        + String.join(", ", APPLIES_TO.keySet()));
            }
            List<String> values = parameter.getValue();
            if (values.size() > 1) {
                throw ApiException.badParameter(name, null, "parameter '" + name + "' is given " + values.size()
                        + " times: give it once");
            }
            String value = values.isEmpty() ? "" : values.get(0);
            if (emptyMeansAbsent && value.isEmpty()) {
                continue;
            }
            given.put(name, value);
        }

        ReportType type = ReportType.ALLOCATION;
        if (given.containsKey(TYPE)) {
            String value = given.get(TYPE);
            type = ReportType.byId(value).orElseThrow(() -> ApiException.badParameter(TYPE, value,
                    "type must be one of " + String.join(", ", ReportType.ids()) + ": got '" + shown(value) + "'"));
        }
        for (String name : given.keySet()) {
            if (!APPLIES_TO.get(name).contains(type)) {
                throw ApiException.badParameter(name, given.get(name),
                        "parameter '" + name + "' does not apply to report '" + type.id() + "'");
            }
        }

        ReportFormat format = defaultFormat;
        if (given.containsKey(FORMAT)) {
            String value = given.get(FORMAT);
            format = ReportFormat.byId(value).orElseThrow(() -> ApiException.badParameter(FORMAT, value,
                    "format must be one of " + String.join(", ", ReportFormat.ids()) + ": got '" + shown(value)
                            + "'"));
        }
        if (type == ReportType.GPU_MODEL_SNAPSHOT && (format == ReportFormat.HTML || format == ReportFormat.CSV)) {
            throw ApiException.badParameter(FORMAT, format.id(), "format '" + format.id()
                    + "' is not available for report 'gpu_model_snapshot': use json or text");
        }
        if (given.containsKey(MONTH) && given.containsKey(END_TIME)) {
            throw ApiException.badParameter(MONTH, given.get(MONTH), "use either month or end-time, not both");
        }

        int hoursBack = integer(given, HOURS_BACK, ReportQuery.DEFAULT_HOURS_BACK, 1, MAX_HOURS_BACK);
        LocalDateTime endTime = given.containsKey(END_TIME) ? dateTime(END_TIME, given.get(END_TIME)) : null;
        String host = given.getOrDefault(HOST, "");
        if (host.length() > MAX_HOST_LENGTH) {
            throw ApiException.badParameter(HOST, shown(host), "host must be at most " + MAX_HOST_LENGTH
                    + " characters: got " + host.length());
        }
        boolean allDevices = bool(given, ALL_DEVICES);
        HostExclusions exclusions = given.containsKey(EXCLUDE_HOSTS) ? exclusions(given.get(EXCLUDE_HOSTS)) : null;
        YearMonth month = given.containsKey(MONTH) ? month(given.get(MONTH)) : null;
        LocalDateTime snapshotTime = given.containsKey(SNAPSHOT_TIME)
                ? dateTime(SNAPSHOT_TIME, given.get(SNAPSHOT_TIME)) : null;
        if (type == ReportType.GPU_MODEL_SNAPSHOT && snapshotTime == null) {
            throw ApiException.badParameter(SNAPSHOT_TIME, null, "snapshot-time is required for gpu_model_snapshot");
        }
        int windowMinutes = integer(given, WINDOW_MINUTES, ReportQuery.DEFAULT_WINDOW_MINUTES, 0,
                MAX_WINDOW_MINUTES);
        String gpuModel = null;
        if (given.containsKey(GPU_MODEL)) {
            gpuModel = given.get(GPU_MODEL);
            if (gpuModel.isEmpty() || gpuModel.length() > MAX_HOST_LENGTH) {
                throw ApiException.badParameter(GPU_MODEL, shown(gpuModel), "gpu-model must be a device name of 1 to "
                        + MAX_HOST_LENGTH + " characters: got '" + shown(gpuModel) + "'");
            }
        }
        int bucketMinutes = bucketMinutes(given);
        return new ReportRequest(new ReportQuery(type, hoursBack, endTime, host, allDevices, exclusions, month,
                snapshotTime, windowMinutes, gpuModel, bucketMinutes), format);
    }

    private static int integer(Map<String, String> given, String name, int defaultValue, int min, int max) {
        String value = given.get(name);
        if (value == null) {
            return defaultValue;
        }
        int parsed = DIGITS.matcher(value).matches() ? Integer.parseInt(value) : -1;
        if (parsed < min || parsed > max) {
            throw ApiException.badParameter(name, shown(value), name + " must be an integer between " + min + " and "
                    + max + ": got '" + shown(value) + "'");
        }
        return parsed;
    }

    private static int bucketMinutes(Map<String, String> given) {
        String value = given.get(BUCKET_MINUTES);
        if (value == null) {
            return ReportQuery.DEFAULT_BUCKET_MINUTES;
        }
        int parsed = DIGITS.matcher(value).matches() ? Integer.parseInt(value) : -1;
        if (parsed < 15 || parsed % 15 != 0 || 1440 % parsed != 0) {
            throw ApiException.badParameter(BUCKET_MINUTES, shown(value), "bucket-minutes must be a multiple of 15 "
                    + "that divides 1440 (15, 30, 45, 60, 90, 120, ..., 1440): got '" + shown(value) + "'");
        }
        return parsed;
    }

    /** rules §5.1: {@code YYYY-MM-DD HH:MM:SS} or with a {@code T}; seconds and a fraction optional; a real date. */
    static LocalDateTime dateTime(String name, String value) {
        Matcher match = DATE_TIME.matcher(value);
        if (match.matches()) {
            try {
                int micros = 0;
                if (match.group(7) != null) {
                    String fraction = (match.group(7) + "00000").substring(0, 6);
                    micros = Integer.parseInt(fraction);
                }
                return LocalDateTime.of(Integer.parseInt(match.group(1)), Integer.parseInt(match.group(2)),
                        Integer.parseInt(match.group(3)), Integer.parseInt(match.group(4)),
                        Integer.parseInt(match.group(5)), match.group(6) == null ? 0 : Integer.parseInt(match.group(6)),
                        micros * 1000);
            } catch (DateTimeException e) {
                // an impossible date or time: reported below like any other bad form
            }
        }
        throw ApiException.badParameter(name, shown(value), name + " must be YYYY-MM-DD HH:MM:SS: got '"
                + shown(value) + "'");
    }

    private static YearMonth month(String value) {
        Matcher match = MONTH_FORM.matcher(value);
        if (match.matches()) {
            int month = Integer.parseInt(match.group(2));
            if (month >= 1 && month <= 12) {
                return YearMonth.of(Integer.parseInt(match.group(1)), month);
            }
        }
        throw ApiException.badParameter(MONTH, shown(value), "month must be YYYY-MM: got '" + shown(value) + "'");
    }

    private static boolean bool(Map<String, String> given, String name) {
        String value = given.get(name);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ApiException.badParameter(name, shown(value), name + " must be true or false: got '" + shown(value)
                + "'");
    }

    private static HostExclusions exclusions(String document) {
        if (document.length() > MAX_EXCLUDE_HOSTS_LENGTH) {
            throw ApiException.badParameter(EXCLUDE_HOSTS, null, "exclude-hosts must be at most "
                    + MAX_EXCLUDE_HOSTS_LENGTH + " characters: got " + document.length());
        }
        try {
            return HostExclusions.parse(document, EXCLUDE_HOSTS);
        } catch (ConfigFileException e) {
            throw ApiException.badParameter(EXCLUDE_HOSTS, shown(document), oneLine(e.getMessage()));
        }
    }

    /** A value as it may appear in a one-line message: control characters escaped, long values cut. */
    static String shown(String value) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (; i < value.length() && out.length() < SHOWN_VALUE_LENGTH; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return i < value.length() ? out + "..." : out.toString();
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }
}
