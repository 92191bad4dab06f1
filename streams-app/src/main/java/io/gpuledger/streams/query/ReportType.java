package io.gpuledger.streams.query;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The report types of rules §4.1, by the ids the {@code type} parameter uses. */
public enum ReportType {
    ALLOCATION("allocation"),
    MONTHLY("monthly"),
    TIMESERIES("timeseries"),
    GPU_MODEL_SNAPSHOT("gpu_model_snapshot");

    private final String id;

    ReportType(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<ReportType> byId(String id) {
        return Arrays.stream(values()).filter(type -> type.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(ReportType::id).toList();
    }
}
