package io.gpuledger.ingest.parquet;

import io.gpuledger.ingest.monthly.GpuStateColumns;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The Parquet months' columns as the original collector writes them (ingest/README.md, "Parquet months"): the SQLite
 * columns by the same names, every one optional; text as UTF-8 strings, {@code GPUs_GlobalMemoryMb} and {@code Disk}
 * int64, {@code GPUsAverageUsage} float64, {@code timestamp} a timestamp without time zone (the collector's wall
 * clock) in microseconds.
 */
public final class ParquetLayout {

    private ParquetLayout() {
    }

    /** The collector's current layout: every column, in the SQLite order, timestamps in microseconds. */
    public static MessageType collector() {
        return of(GpuStateColumns.names(), TimeUnit.MICROS);
    }

    /** A layout with exactly these columns in this order (older generations have fewer, in other orders). */
    public static MessageType of(List<String> columns, TimeUnit timestampUnit) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (String column : columns) {
            message.addField(field(column, timestampUnit));
        }
        return message.named("schema");
    }

    private static Type field(String column, TimeUnit timestampUnit) {
        return switch (column) {
            case GpuStateColumns.MEMORY_MB, GpuStateColumns.DISK ->
                    Types.optional(PrimitiveTypeName.INT64).named(column);
            case GpuStateColumns.AVERAGE_USAGE -> Types.optional(PrimitiveTypeName.DOUBLE).named(column);
            case GpuStateColumns.TIMESTAMP -> Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(false, timestampUnit)).named(column);
            default -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(column);
        };
    }
}
