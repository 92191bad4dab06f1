package io.gpuledger.ingest.parquet;

import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.ingest.sqlite.GpuStateRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Writes one whole monthly Parquet file the way the original collector does: zstd pages, the whole month rewritten
 * through a dot-prefixed temporary {@code .gpu_state_YYYY-MM.parquet.tmp} in the same directory, then renamed over the
 * month's name. A reader never sees a half-written month: it has the old file or the new one, and readers skip
 * dot-files.
 *
 * <pre>{@code
 * try (ParquetMonthWriter writer = ParquetMonthWriter.replacing(dir.resolve("gpu_state_2026-06.parquet"))) {
 *     rows.forEach(writer::append);
 *     writer.commit();           // rename over the month; without it, close() deletes the temporary
 * }
 * }</pre>
 *
 * <p>Values are {@link GpuStateRecord}s as the SQLite writer takes them: timestamps as text or {@link LocalDateTime};
 * a value that Parquet's typed column cannot hold (text in a numeric column) is an {@link IllegalArgumentException}.
 * Not thread-safe.
 */
public final class ParquetMonthWriter implements AutoCloseable {

    private final Path target;
    private final Path temporary;
    private final ParquetWriter<GpuStateRecord> writer;
    private long rows;
    private boolean committed;
    private boolean closed;

    private ParquetMonthWriter(Path target, Path temporary, ParquetWriter<GpuStateRecord> writer) {
        this.target = target;
        this.temporary = temporary;
        this.writer = writer;
    }

    /** A writer of the collector's current layout that will replace {@code file} on {@link #commit()}. */
    public static ParquetMonthWriter replacing(Path file) {
        return replacing(file, ParquetLayout.collector());
    }

    /**
     * A writer of exactly these columns in this order, timestamps in {@code unit}: the older generations' files
     * (pandas wrote nanoseconds, and lacked the later columns).
     */
    public static ParquetMonthWriter replacing(Path file, List<String> columns, TimeUnit unit) {
        return replacing(file, ParquetLayout.of(columns, unit));
    }

    private static ParquetMonthWriter replacing(Path file, MessageType schema) {
        Path absolute = file.toAbsolutePath();
        Path temporary = temporaryFor(absolute);
        try {
            Files.createDirectories(absolute.getParent());
            Files.deleteIfExists(temporary);
            ParquetWriter<GpuStateRecord> writer = new Builder(new LocalOutputFile(temporary), schema)
                    .withConf(new PlainParquetConfiguration())
                    .withCodecFactory(ParquetCodecs.INSTANCE)
                    .withCompressionCodec(CompressionCodecName.ZSTD)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .withDictionaryEncoding(true)
                    .build();
            return new ParquetMonthWriter(absolute, temporary, writer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + temporary + ": " + e.getMessage(), e);
        }
    }

    /** {@link #replacing(Path)}, for callers that handle {@link IOException}s (they are unchecked here). */
    public static ParquetMonthWriter create(Path target) throws IOException {
        return replacing(target);
    }

    /** A writer of exactly these columns in this order, timestamps in microseconds (an older generation). */
    public static ParquetMonthWriter create(Path target, List<String> columns) throws IOException {
        return replacing(target, columns, TimeUnit.MICROS);
    }

    /** {@link #commit()}: finishes the file and renames it over the month's name. */
    public void finish() throws IOException {
        commit();
    }

    /** {@code dir/.gpu_state_2026-06.parquet.tmp} for {@code dir/gpu_state_2026-06.parquet}. */
    public static Path temporaryFor(Path file) {
        return file.resolveSibling("." + file.getFileName() + ".tmp");
    }

    /** Appends one row. */
    public void append(GpuStateRecord record) throws IOException {
        writer.write(record);
        rows++;
    }

    /** Rows appended so far. */
    public long rows() {
        return rows;
    }

    /** Finishes the file and renames it over the month's name (atomically where the file system can). */
    public void commit() {
        if (committed || closed) {
            throw new IllegalStateException(target + ": already committed or closed");
        }
        try {
            writer.close();
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + target + ": " + e.getMessage(), e);
        } finally {
            closed = true;
        }
    }

    /** Without {@link #commit()}: discards the temporary file; the month's file is left as it was. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writer.close();
        } catch (IOException e) {
            // discarded anyway
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // a leftover dot-file is ignored by every reader and overwritten by the next writer
            }
        }
    }

    private static final class Builder extends ParquetWriter.Builder<GpuStateRecord, Builder> {
        private final MessageType schema;

        Builder(LocalOutputFile file, MessageType schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<GpuStateRecord> getWriteSupport(Configuration conf) {
            return new RecordWriteSupport(schema);
        }

        @Override
        protected WriteSupport<GpuStateRecord> getWriteSupport(ParquetConfiguration conf) {
            return new RecordWriteSupport(schema);
        }
    }

    /** Writes each present column of a record by name; null values are left out (Parquet's null). */
    private static final class RecordWriteSupport extends WriteSupport<GpuStateRecord> {
        private final MessageType schema;
        /** For each schema field, its index in {@link GpuStateColumns#ALL}. */
        private final int[] components;
        private final TimeUnit timestampUnit;
        private RecordConsumer consumer;

        RecordWriteSupport(MessageType schema) {
            this.schema = schema;
            List<String> names = GpuStateColumns.names();
            this.components = schema.getFields().stream().mapToInt(f -> names.indexOf(f.getName())).toArray();
            TimeUnit unit = TimeUnit.MICROS;
            if (schema.containsField(GpuStateColumns.TIMESTAMP)) {
                LogicalTypeAnnotation annotation = schema.getType(GpuStateColumns.TIMESTAMP).getLogicalTypeAnnotation();
                unit = ((LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) annotation).getUnit();
            }
            this.timestampUnit = unit;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, new HashMap<>());
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, Map.of("writer", "gpuledger"));
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(GpuStateRecord record) {
            consumer.startMessage();
            for (int field = 0; field < components.length; field++) {
                Object value = components[field] < 0 ? null : record.component(components[field]);
                if (value == null) {
                    continue;
                }
                PrimitiveType type = schema.getType(field).asPrimitiveType();
                String name = type.getName();
                consumer.startField(name, field);
                if (name.equals(GpuStateColumns.TIMESTAMP)) {
                    consumer.addLong(timestampValue(value));
                } else {
                    switch (type.getPrimitiveTypeName()) {
                        case INT64 -> consumer.addLong(number(name, value).longValue());
                        case DOUBLE -> consumer.addDouble(number(name, value).doubleValue());
                        default -> consumer.addBinary(Binary.fromString(text(name, value)));
                    }
                }
                consumer.endField(name, field);
            }
            consumer.endMessage();
        }

        private long timestampValue(Object value) {
            LocalDateTime timestamp = value instanceof LocalDateTime t ? t : SnapshotTime.parse(value.toString());
            long micros = SnapshotTime.toMicros(timestamp);
            return switch (timestampUnit) {
                case MILLIS -> Math.floorDiv(micros, 1000);
                case MICROS -> micros;
                case NANOS -> Math.multiplyExact(micros, 1000L);
            };
        }

        private static Number number(String column, Object value) {
            if (value instanceof Number n) {
                return n;
            }
            throw new IllegalArgumentException(column + ": a Parquet number column cannot hold " + value);
        }

        private static String text(String column, Object value) {
            if (value instanceof String s) {
                return s;
            }
            throw new IllegalArgumentException(column + ": a Parquet string column cannot hold " + value);
        }

    }
}
