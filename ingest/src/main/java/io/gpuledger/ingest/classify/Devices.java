package io.gpuledger.ingest.classify;

import java.util.List;
import java.util.Map;

/** Device short names, old devices and Open Capacity tiers (rules §2.7). */
public final class Devices {

    /** NULL or blank {@code GPUs_DeviceName} is shown as this device name. */
    public static final String UNKNOWN = "Unknown";

    public static final String H200 = "NVIDIA H200";

    private static final Map<String, String> SHORT_NAMES = Map.ofEntries(
            Map.entry("NVIDIA A100-SXM4-40GB", "A100 40GB"),
            Map.entry("NVIDIA A100-SXM4-80GB", "A100 80GB"),
            Map.entry("NVIDIA A30", "A30"),
            Map.entry("NVIDIA A40", "A40"),
            Map.entry("NVIDIA GeForce GTX 1080 Ti", "GTX 1080 Ti"),
            Map.entry("NVIDIA GeForce RTX 2080 Ti", "RTX 2080 Ti"),
            Map.entry("NVIDIA H100 80GB HBM3", "H100 80GB"),
            Map.entry("NVIDIA H200", "H200"),
            Map.entry("NVIDIA L40", "L40"),
            Map.entry("NVIDIA L40S", "L40S"),
            Map.entry("Quadro RTX 6000", "Quadro RTX 6000"),
            Map.entry("Tesla P100-PCIE-16GB", "Tesla P100 16GB"));

    private static final List<String> OLD_MARKERS = List.of("GTX 1080", "P100", "Quadro", "A30", "A40");
    private static final List<String> FLAGSHIP_MARKERS = List.of("H100", "H200", "A100-SXM4-80GB", "A100 80GB");

    /** Open Capacity performance tiers; display order Flagship, Standard. */
    public enum Tier {
        FLAGSHIP("Flagship"),
        STANDARD("Standard");

        private final String label;

        Tier(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private Devices() {
    }

    /** The device name a row counts under: {@code Unknown} for NULL or blank. */
    public static String deviceName(String stored) {
        return stored == null || stored.isBlank() ? UNKNOWN : stored;
    }

    /** Short name for tables; an unmapped name is shown unchanged. */
    public static String shortName(String deviceName) {
        return SHORT_NAMES.getOrDefault(deviceName, deviceName);
    }

    /** Case-sensitive substring test, so {@code NVIDIA RTX A4000} is old (it contains {@code A40}). */
    public static boolean isOld(String deviceName) {
        for (String marker : OLD_MARKERS) {
            if (deviceName.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    public static Tier tier(String deviceName) {
        for (String marker : FLAGSHIP_MARKERS) {
            if (deviceName.contains(marker)) {
                return Tier.FLAGSHIP;
            }
        }
        return Tier.STANDARD;
    }
}
