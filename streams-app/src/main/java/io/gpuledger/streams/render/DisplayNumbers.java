package io.gpuledger.streams.render;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How numbers and times are shown in text, HTML and e-mail (rules §3.8). Reports hold unrounded doubles; rounding
 * happens here and nowhere else.
 *
 * <p>Rounding is HALF_EVEN on the <em>exact</em> binary value of the double ({@code new BigDecimal(double)}, never
 * {@code BigDecimal.valueOf}, which rounds through the shortest decimal string first): 0.35 is stored as
 * 0.34999…, so it shows {@code 0.3}, while {@code String.format("%.1f")} gives {@code 0.4} for it, and {@code 0.3}
 * for 0.25 where the rules want {@code 0.2}.
 */
public final class DisplayNumbers {

    /** Shown in the Prevented column when the average is below {@link #PREVENTED_THRESHOLD} (rules §4.2). */
    public static final String NO_PREVENTED = "\u2014";

    private static final double PREVENTED_THRESHOLD = 0.05;

    private DisplayNumbers() {
    }

    /** One decimal: averages, GPU-hours, percentages without the sign. */
    public static String oneDecimal(double value) {
        return fixed(value, 1);
    }

    /** Two decimals: draining hours only. */
    public static String twoDecimals(double value) {
        return fixed(value, 2);
    }

    /** {@code 43.8%}. */
    public static String percent(double value) {
        return oneDecimal(value) + "%";
    }

    /** The Prevented cell: {@code —} below 0.05 (which would read {@code 0.0} or {@code 0.1}), else one decimal. */
    public static String prevented(double value) {
        return value < PREVENTED_THRESHOLD ? NO_PREVENTED : oneDecimal(value);
    }

    private static String fixed(double value, int decimals) {
        if (!Double.isFinite(value)) {
            // Reports never hold NaN or Infinity (rules §0); showing it beats throwing inside a renderer.
            return Double.toString(value);
        }
        String text = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        // -0.04 rounds to "-0.0"; a minus sign on a zero only confuses readers.
        return isNegativeZero(text) ? text.substring(1) : text;
    }

    private static boolean isNegativeZero(String text) {
        if (text.charAt(0) != '-') {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '0' && c != '.') {
                return false;
            }
        }
        return true;
    }

    /**
     * A stored timestamp ({@code 2025-11-03 10:00:05.123456}) truncated to seconds: {@code 2025-11-03 10:00:05}.
     * Null stays null so callers can decide what an absent time reads as.
     */
    public static String seconds(String timestamp) {
        return truncate(timestamp, 19);
    }

    /** Truncated to minutes: {@code 2025-11-03 10:00}. */
    public static String minutes(String timestamp) {
        return truncate(timestamp, 16);
    }

    /** The time-series trend form: {@code 11-03 10:00}. */
    public static String trendTime(String timestamp) {
        String minutes = minutes(timestamp);
        return minutes == null || minutes.length() < 16 ? minutes : minutes.substring(5);
    }

    private static String truncate(String timestamp, int length) {
        if (timestamp == null) {
            return null;
        }
        return timestamp.length() <= length ? timestamp : timestamp.substring(0, length);
    }

    /**
     * The HTML footer's runtime (rules §6.2): {@code 0.42 seconds} below a minute, {@code 2m 5.3s} from 60 s on. The
     * total is rounded once before splitting, so 119.97 s reads {@code 2m 0.0s}, never {@code 1m 60.0s}.
     */
    public static String runtime(double seconds) {
        double safe = Double.isFinite(seconds) && seconds > 0 ? seconds : 0.0;
        String underAMinute = twoDecimals(safe);
        if (new BigDecimal(underAMinute).compareTo(BigDecimal.valueOf(60)) < 0) {
            return underAMinute + " seconds";
        }
        BigDecimal tenths = new BigDecimal(safe).setScale(1, RoundingMode.HALF_EVEN);
        BigDecimal[] minutesAndRest = tenths.divideAndRemainder(BigDecimal.valueOf(60));
        return minutesAndRest[0].toBigInteger() + "m " + minutesAndRest[1].setScale(1, RoundingMode.UNNECESSARY)
                .toPlainString() + "s";
    }
}
