package io.gpuledger.ingest.parquet;

import io.gpuledger.ingest.monthly.FileCheck;
import io.gpuledger.ingest.monthly.GpuStateColumns;
import io.gpuledger.ingest.monthly.ReadOptions;
import io.gpuledger.ingest.monthly.RowProblem;
import io.gpuledger.ingest.monthly.RowSource;
import io.gpuledger.ingest.monthly.SnapshotFileException;
import io.gpuledger.ingest.snapshot.GpuIds;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.ingest.snapshot.SlotState;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.parquet.HadoopFreeReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code gpu_state_YYYY-MM.parquet} month as rows (ingest/README.md, "Parquet months"). Columns are matched by name
 * (files of different generations order them differently; the optional ones may be missing); timestamps may be
 * milli-, micro- or nanoseconds (or legacy INT96). The file is opened once: the check and the read see the same
 * version even when the collector renames a new one over it meanwhile, which is detected and logged.
 *
 * <p>A row's {@code rowid} is its position in the file, from 1. The check decodes every row once and judges it with
 * the rules of {@code docs/rules.md} §1.2, 1.3, 1.5 (types are the file's schema's to guarantee; NaN in a float column
 * counts as NULL, as SQLite stores it). The read decodes again, row group by row group, skipping row groups with
 * nothing to emit (a grown month replayed again decodes only its new tail); a file whose rows are not in timestamp
 * order is read into memory and sorted.
 */
final class ParquetRowSource implements RowSource {

    private static final Logger LOG = LoggerFactory.getLogger(ParquetRowSource.class);

    private final Path file;
    private final ReadOptions options;
    private final YearMonth month;
    private final OpenedFile opened;
    private final ParquetFileReader reader;
    private final Object openedKey;
    private final MessageType projection;
    private final Column[] columns;
    /** Column index in {@link #columns} of each {@link GpuStateColumns#ALL} entry, or -1 when the file lacks it. */
    private final int[] byCanonical;
    private final BitSet badRows = new BitSet();
    private final List<long[]> groupSpans = new ArrayList<>();

    private FileCheck check;
    private int nextGroup;
    private long nextGroupFirstRow;
    private List<SortedRow> sorted;
    private int sortedAt;
    private boolean replacementLogged;

    private ParquetRowSource(Path file, ReadOptions options, YearMonth month, OpenedFile opened,
            ParquetFileReader reader, Object openedKey) {
        this.file = file;
        this.options = options;
        this.month = month;
        this.opened = opened;
        this.reader = reader;
        this.openedKey = openedKey;
        MessageType schema = reader.getFooter().getFileMetaData().getSchema();
        List<Type> fields = new ArrayList<>();
        List<Column> found = new ArrayList<>();
        byCanonical = new int[GpuStateColumns.ALL.size()];
        for (int c = 0; c < GpuStateColumns.ALL.size(); c++) {
            GpuStateColumns.Column canonical = GpuStateColumns.ALL.get(c);
            Type field = schema.containsField(canonical.name()) ? schema.getType(canonical.name()) : null;
            if (field == null) {
                if (canonical.required()) {
                    throw new SnapshotFileException(file, "missing required column " + canonical.name());
                }
                byCanonical[c] = -1;
                continue;
            }
            if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
                throw new SnapshotFileException(file, "column " + canonical.name() + " is " + field
                        + ", expected a single value per row");
            }
            byCanonical[c] = found.size();
            found.add(new Column(canonical.name(), converterFor(canonical.name(), field.asPrimitiveType())));
            fields.add(field);
        }
        this.projection = new MessageType(schema.getName(), fields);
        this.columns = found.toArray(Column[]::new);
        reader.setRequestedSchema(projection);
    }

    /** Opens the file and resolves its columns; structural errors name the file. */
    static ParquetRowSource open(Path file, ReadOptions options, YearMonth month) {
        OpenedFile opened;
        Object key;
        try {
            opened = new OpenedFile(file);
            key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            throw new SnapshotFileException(file, "no such file");
        } catch (IOException e) {
            throw new SnapshotFileException(file, "cannot open: " + e.getMessage(), e);
        }
        ParquetFileReader reader;
        try {
            reader = ParquetFileReader.open(opened, HadoopFreeReadOptions.with(ParquetCodecs.INSTANCE));
        } catch (IOException | RuntimeException e) {
            closeQuietly(opened);
            throw new SnapshotFileException(file, "not a readable Parquet file: " + oneLine(e), e);
        }
        try {
            return new ParquetRowSource(file, options, month, opened, reader, key);
        } catch (RuntimeException e) {
            closeQuietly(reader);
            closeQuietly(opened);
            throw e;
        }
    }

    private Converter converterFor(String name, PrimitiveType type) {
        PrimitiveTypeName physical = type.getPrimitiveTypeName();
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        switch (name) {
            case GpuStateColumns.TIMESTAMP:
                if (physical == PrimitiveTypeName.INT96) {
                    return new TimestampValue(0);
                }
                if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts
                        && ts.isAdjustedToUTC()) {
                    // An instant, not the collector's wall clock: which local time it meant is unknown.
                    throw new SnapshotFileException(file, "column timestamp is TIMESTAMP WITH TIME ZONE (an instant);"
                            + " the collector writes its local wall clock, a timestamp without time zone");
                }
                if (physical == PrimitiveTypeName.INT64
                        && logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
                    return new TimestampValue(switch (ts.getUnit()) {
                        case MILLIS -> 1000;
                        case MICROS -> 1;
                        case NANOS -> -1000;
                    });
                }
                break;
            case GpuStateColumns.MEMORY_MB:
            case GpuStateColumns.DISK:
            case GpuStateColumns.AVERAGE_USAGE:
                if (physical == PrimitiveTypeName.INT64 || physical == PrimitiveTypeName.INT32
                        || physical == PrimitiveTypeName.DOUBLE || physical == PrimitiveTypeName.FLOAT) {
                    return new NumberValue();
                }
                break;
            default:
                if (physical == PrimitiveTypeName.BINARY
                        && (logical == null || logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation)) {
                    return new TextValue();
                }
        }
        throw new SnapshotFileException(file, "column " + name + " is " + type + ", expected "
                + ParquetLayout.collector().getType(name).asPrimitiveType().toString().trim());
    }

    @Override
    public FileCheck check() {
        long started = System.nanoTime();
        List<RowProblem> problems = new ArrayList<>();
        long[] counts = new long[5]; // rows, bad, inRange, toEmit, outsideMonth
        LocalDateTime[] span = new LocalDateTime[2];
        boolean[] ordered = {true};
        LocalDateTime[] previous = new LocalDateTime[1];
        List<RowProblem> rowProblems = new ArrayList<>();
        long rowid = 0;
        int groups = reader.getRowGroups().size();
        for (int g = 0; g < groups; g++) {
            PageReadStore pages = readGroup(g);
            // Only the judged columns are decoded in the check: the others' pages stay compressed until the read.
            ColumnReader[] readers = readers(pages, JUDGED);
            long rowsInGroup = pages.getRowCount();
            LocalDateTime groupFirst = null;
            LocalDateTime groupLast = null;
            for (long r = 0; r < rowsInGroup; r++) {
                rowid++;
                advance(readers);
                rowProblems.clear();
                judge(rowid, rowProblems);
                counts[0]++;
                if (!rowProblems.isEmpty()) {
                    counts[1]++;
                    badRows.set((int) (rowid - 1));
                    if (counts[1] <= options.problemLimit()) {
                        problems.addAll(rowProblems);
                    }
                    if (options.skipBadRows() && options.rejects() != null) {
                        rowProblems.forEach(options.rejects());
                    }
                    continue;
                }
                LocalDateTime timestamp = timestamp();
                if (previous[0] != null && timestamp.isBefore(previous[0])) {
                    ordered[0] = false;
                }
                previous[0] = timestamp;
                if (span[0] == null || timestamp.isBefore(span[0])) {
                    span[0] = timestamp;
                }
                if (span[1] == null || timestamp.isAfter(span[1])) {
                    span[1] = timestamp;
                }
                if (month != null && !YearMonth.from(timestamp).equals(month)) {
                    counts[4]++;
                }
                if (options.range().contains(timestamp)) {
                    counts[2]++;
                    if (options.selects(timestamp)) {
                        counts[3]++;
                        groupFirst = groupFirst == null ? timestamp : groupFirst;
                        groupLast = timestamp;
                    }
                }
            }
            groupSpans.add(new long[] {groupFirst == null ? 0 : 1});
        }
        check = new FileCheck(file, month, counts[0], counts[1], problems, span[0], span[1], counts[2], counts[3],
                counts[4], ordered[0], (System.nanoTime() - started) / 1e9);
        noticeReplacement();
        return check;
    }

    private PageReadStore readGroup(int g) {
        try {
            PageReadStore pages = reader.readRowGroup(g);
            if (pages == null) {
                throw new SnapshotFileException(file, "row group " + g + " is missing");
            }
            return pages;
        } catch (IOException | RuntimeException e) {
            if (e instanceof SnapshotFileException s) {
                throw s;
            }
            throw new SnapshotFileException(file, "not a readable Parquet file: row group " + g + ": " + oneLine(e), e);
        }
    }

    /** The columns {@link #judge} reads. */
    private static final java.util.Set<String> JUDGED = java.util.Set.of(GpuStateColumns.NAME,
            GpuStateColumns.MACHINE, GpuStateColumns.STATE, GpuStateColumns.MEMORY_MB, GpuStateColumns.DISK,
            GpuStateColumns.TIMESTAMP);

    private ColumnReader[] readers(PageReadStore pages) {
        return readers(pages, null);
    }

    /** Readers of the projected columns; with {@code only}, null for the columns not in it (never decoded). */
    private ColumnReader[] readers(PageReadStore pages, java.util.Set<String> only) {
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, new Root(), projection,
                reader.getFooter().getFileMetaData().getCreatedBy());
        ColumnReader[] readers = new ColumnReader[columns.length];
        List<ColumnDescriptor> descriptors = projection.getColumns();
        for (int i = 0; i < columns.length; i++) {
            if (only == null || only.contains(columns[i].name())) {
                readers[i] = store.getColumnReader(descriptors.get(i));
            }
        }
        return readers;
    }

    /** Moves every column to the next row: its value into the column's converter, or null. */
    private void advance(ColumnReader[] readers) {
        try {
            for (int i = 0; i < readers.length; i++) {
                ColumnReader column = readers[i];
                if (column == null) {
                    continue;
                }
                Value value = (Value) columns[i].converter;
                if (column.getCurrentDefinitionLevel() == column.getDescriptor().getMaxDefinitionLevel()) {
                    column.writeCurrentValueToConverter();
                } else {
                    value.setNull();
                }
                column.consume();
            }
        } catch (RuntimeException e) {
            throw new SnapshotFileException(file, "not a readable Parquet file: " + oneLine(e), e);
        }
    }

    /** The rules of a row's values; problems in column order. */
    private void judge(long rowid, List<RowProblem> problems) {
        required(rowid, GpuStateColumns.NAME, problems);
        required(rowid, GpuStateColumns.MACHINE, problems);
        String state = text(GpuStateColumns.STATE);
        if (state == null) {
            problems.add(problem(rowid, GpuStateColumns.STATE, "NULL", "unknown state (NULL)"));
        } else if (!SlotState.ACCEPTED.contains(state)) {
            problems.add(problem(rowid, GpuStateColumns.STATE, RowProblem.quoted(state), "unknown state"));
        }
        whole(rowid, GpuStateColumns.MEMORY_MB, "MiB", problems);
        whole(rowid, GpuStateColumns.DISK, "KiB", problems);
        TimestampValue ts = (TimestampValue) converter(GpuStateColumns.TIMESTAMP);
        if (ts.value == null) {
            problems.add(problem(rowid, GpuStateColumns.TIMESTAMP, "NULL",
                    ts.unreadable == null ? "NULL timestamp" : ts.unreadable));
        } else {
            String why = options.bounds().problem(ts.value);
            if (why != null) {
                problems.add(problem(rowid, GpuStateColumns.TIMESTAMP,
                        RowProblem.quoted(SnapshotTime.formatSeconds(ts.value)), why));
            }
        }
    }

    private void required(long rowid, String column, List<RowProblem> problems) {
        String value = text(column);
        if (value == null) {
            problems.add(problem(rowid, column, "NULL", "NULL, a value is required"));
        } else if (value.isEmpty()) {
            problems.add(problem(rowid, column, "''", "empty, a value is required"));
        }
    }

    private void whole(long rowid, String column, String unit, List<RowProblem> problems) {
        Converter c = converter(column);
        if (c instanceof NumberValue n && n.present && n.isDouble && !Double.isNaN(n.real)) {
            if (Math.abs(n.real) >= 9.2e18) {
                problems.add(problem(rowid, column, Double.toString(n.real),
                        "out of range for a whole number of " + unit));
            } else if (n.real != Math.rint(n.real)) {
                problems.add(problem(rowid, column, Double.toString(n.real), "not a whole number of " + unit));
            }
        }
    }

    private RowProblem problem(long rowid, String column, String literal, String reason) {
        return new RowProblem(file, rowid, column, RowProblem.render(literal), reason);
    }

    private static final List<String> CANONICAL = GpuStateColumns.names();

    /* Resolved once: the per-row code asks for converters by name some fifteen times a row. */
    private final java.util.Map<String, Converter> converterByName = new java.util.HashMap<>();

    private Converter converter(String column) {
        Converter found = converterByName.get(column);
        if (found == null && !converterByName.containsKey(column)) {
            int index = byCanonical[CANONICAL.indexOf(column)];
            found = index < 0 ? null : columns[index].converter;
            converterByName.put(column, found);
        }
        return found;
    }

    private String text(String column) {
        Converter c = converter(column);
        return c == null ? null : ((TextValue) c).value;
    }

    private Long whole(String column) {
        Converter c = converter(column);
        if (!(c instanceof NumberValue n) || !n.present) {
            return null;
        }
        if (n.isDouble) {
            return Double.isNaN(n.real) ? null : (long) n.real;
        }
        return n.whole;
    }

    private Double real(String column) {
        Converter c = converter(column);
        if (!(c instanceof NumberValue n) || !n.present) {
            return null;
        }
        if (n.isDouble) {
            return Double.isNaN(n.real) ? null : n.real;
        }
        return (double) n.whole;
    }

    private LocalDateTime timestamp() {
        return ((TimestampValue) converter(GpuStateColumns.TIMESTAMP)).value;
    }

    private SlotGpuRow row() {
        String name = text(GpuStateColumns.NAME);
        return new SlotGpuRow(
                name,
                GpuIds.normalise(name, text(GpuStateColumns.ASSIGNED_GPUS)),
                text(GpuStateColumns.STATE),
                text(GpuStateColumns.DEVICE_NAME),
                whole(GpuStateColumns.MEMORY_MB),
                text(GpuStateColumns.PRIORITIZED_PROJECTS),
                real(GpuStateColumns.AVERAGE_USAGE),
                text(GpuStateColumns.REMOTE_OWNER),
                text(GpuStateColumns.GLOBAL_JOB_ID),
                text(GpuStateColumns.PREVENT_JOBS_REASON),
                whole(GpuStateColumns.DISK));
    }

    /** Every row as stored (bad ones too), in file order, the timestamp as its text: for {@code ingest convert}. */
    void forEachRecord(java.util.function.Consumer<io.gpuledger.ingest.sqlite.GpuStateRecord> consumer) {
        for (int g = 0; g < reader.getRowGroups().size(); g++) {
            PageReadStore pages = readGroup(g);
            ColumnReader[] readers = readers(pages);
            for (long r = 0; r < pages.getRowCount(); r++) {
                advance(readers);
                LocalDateTime timestamp = timestamp();
                consumer.accept(new io.gpuledger.ingest.sqlite.GpuStateRecord(
                        text(GpuStateColumns.NAME), text(GpuStateColumns.ASSIGNED_GPUS),
                        text(GpuStateColumns.AVAILABLE_GPUS), text(GpuStateColumns.STATE),
                        text(GpuStateColumns.DEVICE_NAME), whole(GpuStateColumns.MEMORY_MB),
                        text(GpuStateColumns.PRIORITIZED_PROJECTS), real(GpuStateColumns.AVERAGE_USAGE),
                        text(GpuStateColumns.MACHINE), text(GpuStateColumns.REMOTE_OWNER),
                        text(GpuStateColumns.GLOBAL_JOB_ID),
                        timestamp == null ? null : SnapshotTime.format(timestamp),
                        text(GpuStateColumns.PREVENT_JOBS_REASON), whole(GpuStateColumns.DISK)));
            }
        }
    }

    @Override
    public void start() {
        Objects.requireNonNull(check, "check() first");
        if (!check.timestampOrdered()) {
            LOG.info("{}: rows are not in timestamp order; reading the selected rows into memory, sorted", file);
            sorted = new ArrayList<>();
            while (nextGroup < groupSpans.size()) {
                readGroupInto((timestamp, machine, row) -> sorted.add(
                        new SortedRow(timestamp, sorted.size(), machine, row)));
            }
            sorted.sort(Comparator.comparing(SortedRow::timestamp).thenComparingLong(SortedRow::order));
        }
    }

    @Override
    public boolean readBatch(Sink sink) {
        if (sorted != null) {
            if (sortedAt >= sorted.size()) {
                return false;
            }
            int end = Math.min(sorted.size(), sortedAt + 4096);
            for (; sortedAt < end; sortedAt++) {
                SortedRow r = sorted.get(sortedAt);
                sink.row(r.timestamp(), r.machine(), r.row());
            }
            return true;
        }
        if (nextGroup >= groupSpans.size()) {
            return false;
        }
        readGroupInto(sink);
        return true;
    }

    /** Emits the good rows of the next row group (all of them: the reader filters the selection). */
    private void readGroupInto(Sink sink) {
        int g = nextGroup++;
        long firstRow = nextGroupFirstRow;
        long rowsInGroup = reader.getRowGroups().get(g).getRowCount();
        nextGroupFirstRow += rowsInGroup;
        if (groupSpans.get(g)[0] == 0) {
            return; // nothing selected in this row group: not decoded again
        }
        ColumnReader[] readers = readers(readGroup(g));
        for (long r = 0; r < rowsInGroup; r++) {
            advance(readers);
            if (badRows.get((int) (firstRow + r))) {
                continue;
            }
            LocalDateTime timestamp = timestamp();
            if (options.selects(timestamp)) {
                sink.row(timestamp, text(GpuStateColumns.MACHINE), row());
            }
        }
        if (nextGroup == groupSpans.size()) {
            noticeReplacement();
        }
    }

    /* The collector renames a new version over the month while we read: we read the one we opened, whole. */
    private void noticeReplacement() {
        if (replacementLogged) {
            return;
        }
        Object now;
        try {
            now = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            now = null;
        }
        if (openedKey != null && !openedKey.equals(now)) {
            replacementLogged = true;
            LOG.info("{}: replaced while being read; this read used the version it opened ({} rows), the next replay"
                    + " reads the new one", file, reader.getRecordCount());
        }
    }

    /** True when the file at the path is no longer the one this source opened. */
    boolean replacedSinceOpened() {
        noticeReplacement();
        return replacementLogged;
    }

    @Override
    public void close() {
        closeQuietly(reader);
        closeQuietly(opened);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("closing: {}", e.getMessage());
        }
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private record SortedRow(LocalDateTime timestamp, long order, String machine, SlotGpuRow row) {
    }

    private record Column(String name, Converter converter) {
    }

    /** A converter holding the current row's value of one column. */
    private interface Value {
        void setNull();
    }

    /** The root of the projection: hands each column its value holder. */
    private final class Root extends GroupConverter {
        @Override
        public Converter getConverter(int fieldIndex) {
            return columns[fieldIndex].converter;
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    }

    /** UTF-8 text; a dictionary page's entries decode once per row group. */
    private static final class TextValue extends PrimitiveConverter implements Value {
        String value;
        private Dictionary dictionary;
        private String[] decoded;

        @Override
        public boolean hasDictionarySupport() {
            return true;
        }

        @Override
        public void setDictionary(Dictionary dictionary) {
            this.dictionary = dictionary;
            this.decoded = new String[dictionary.getMaxId() + 1];
        }

        @Override
        public void addValueFromDictionary(int dictionaryId) {
            String text = decoded[dictionaryId];
            if (text == null) {
                text = dictionary.decodeToBinary(dictionaryId).toStringUsingUTF8();
                decoded[dictionaryId] = text;
            }
            value = text;
        }

        @Override
        public void addBinary(Binary binary) {
            value = binary.toStringUsingUTF8();
        }

        @Override
        public void setNull() {
            value = null;
        }
    }

    /** An integer or float column. */
    private static final class NumberValue extends PrimitiveConverter implements Value {
        boolean present;
        boolean isDouble;
        long whole;
        double real;

        @Override
        public void addLong(long v) {
            present = true;
            isDouble = false;
            whole = v;
        }

        @Override
        public void addInt(int v) {
            addLong(v);
        }

        @Override
        public void addDouble(double v) {
            present = true;
            isDouble = true;
            real = v;
        }

        @Override
        public void addFloat(float v) {
            addDouble(v);
        }

        @Override
        public void setNull() {
            present = false;
        }
    }

    /**
     * A timestamp without time zone: the collector's wall clock as naive values (rules §1.5). {@code scale} 1: micros;
     * 1000: millis; -1000: nanos (sub-microsecond digits dropped, as the text form keeps six); 0: INT96 (day and
     * nanos of day).
     */
    private static final class TimestampValue extends PrimitiveConverter implements Value {
        private final int scale;
        LocalDateTime value;
        String unreadable;
        private long lastMicros = Long.MIN_VALUE;
        private LocalDateTime last;

        TimestampValue(int scale) {
            this.scale = scale;
        }

        @Override
        public void addLong(long v) {
            long micros = switch (scale) {
                case 1 -> v;
                case 1000 -> v * 1000;
                default -> Math.floorDiv(v, 1000L);
            };
            set(micros);
        }

        @Override
        public void addBinary(Binary binary) {
            java.nio.ByteBuffer b = binary.toByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
            long nanosOfDay = b.getLong();
            int julianDay = b.getInt();
            long epochDay = julianDay - 2_440_588L;
            set(epochDay * 86_400_000_000L + nanosOfDay / 1000);
        }

        private void set(long micros) {
            unreadable = null;
            if (micros != lastMicros) {
                try {
                    last = SnapshotTime.fromMicros(micros);
                } catch (java.time.DateTimeException e) {
                    value = null;
                    unreadable = "not a representable time (" + micros + " µs)";
                    return;
                }
                lastMicros = micros;
            }
            value = last;
        }

        @Override
        public void setNull() {
            value = null;
            unreadable = null;
        }
    }
}
