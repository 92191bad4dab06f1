package io.gpuledger.streams.report;

/** {@code (a / b) × 100}, dividing first; {@code x / 0} is 0.0 so no report shows NaN or Infinity (rules §0, 3.4). */
public final class Percent {

    private Percent() {
    }

    public static double of(double numerator, double denominator) {
        return denominator == 0 ? 0.0 : numerator / denominator * 100.0;
    }

    public static double ratio(double numerator, double denominator) {
        return denominator == 0 ? 0.0 : numerator / denominator;
    }
}
