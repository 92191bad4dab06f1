package io.gpuledger.streams.report;

import java.util.List;

/** One class's "Usage by Device Type" sub-table (rules §4.4): TOTAL first, then devices by raw name. */
public record DeviceTable(String classId, String title, List<RatioRow> rows) {
}
