package io.gpuledger.ingest.testdata;

import io.gpuledger.ingest.snapshot.GpuIds;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import io.gpuledger.ingest.snapshot.SlotGpuRow;
import io.gpuledger.ingest.snapshot.SlotState;
import io.gpuledger.ingest.snapshot.SnapshotTime;
import io.gpuledger.ingest.sqlite.GpuStateRecord;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Test rows of the {@code gpu_state} table, built so that the tables of rules §7 transcribe almost literally.
 *
 * <p>One {@link Row} is one slot ad × one GPU id × one snapshot (rules §1.3). A fluent {@link Cursor} carries the context
 * a table row leaves implicit, and every state call ({@link Cursor#unclaimed}, {@link Cursor#claimed},
 * {@link Cursor#drained}, {@link Cursor#state}) appends one row per GPU id given:
 *
 * <pre>{@code
 * Rows rows = Rows.at("2025-11-03 10:00:05.123456")
 *         .on("alabgpu4000.chtc.wisc.edu").device("NVIDIA L40S", 46068).pp("ALab")
 *         .slot("slot1").unclaimed("GPU-r1", "GPU-r2", "GPU-r3", "GPU-r4")
 *         .slot("slot1_1").claimed("alice@chtc.wisc.edu", "GPU-r1")
 *         .slot("backfill2").unclaimed("GPU-r2", "GPU-r3")
 *         .at("2025-11-03 10:15:04.987654")
 *         .slot("slot1").drained("GPU-r1")
 *         .rows();
 * }</pre>
 *
 * <p>Context rules, chosen so that a forgotten setting fails loudly instead of leaking from the previous machine:
 * <ul>
 *   <li><b>Time</b> ({@link Cursor#at}) is kept until changed, across machines and slots: one collector run stamps all
 *       its rows alike. Changing the time keeps the machine and the slot, so a table whose columns are snapshots
 *       (Example A) is written one slot at a time: {@code .slot("slot1").at(t1).unclaimed(..).at(t2).drained(..)}.</li>
 *   <li><b>Machine-level</b> settings ({@link Cursor#device}, {@link Cursor#pp}, {@link Cursor#backfillPp}) are kept
 *       until changed. {@link Cursor#on} switches to the settings that machine's last row used in this row set, so
 *       a machine's hardware is written once even when its rows come back at a later snapshot; a machine seen for the
 *       first time has none. The device and the primary PP <em>must</em> be set before its first row (use
 *       {@code device(null)} or {@code pp(null)} for NULL), because NULL and {@code ""} PP mean different things
 *       (rules §2.1).</li>
 *   <li>Backfill slots ({@code Name} contains {@code backfill}) take {@link Cursor#backfillPp}, which is {@code ""} unless
 *       set: real backfill rows carry {@code ""} even on researcher machines (rules §2.5), and every rules example says
 *       so. Primary slots take {@link Cursor#pp}.</li>
 *   <li><b>Slot-level</b> settings ({@link Cursor#prevented}, {@link Cursor#remoteOwner}, {@link Cursor#job},
 *       {@link Cursor#usage}, {@link Cursor#disk}) apply to the current slot only: {@link Cursor#slot} and
 *       {@link Cursor#on} clear them, {@link Cursor#at} keeps them.</li>
 * </ul>
 *
 * <p>Defaults for columns the rules tables leave out: {@code AvailableGPUs} is {@code ""} (rules §1.2: read and ignored);
 * {@code RemoteOwner} is NULL except on Claimed rows, which take the owner given; {@code GlobalJobId},
 * {@code GPUsAverageUsage}, {@code PreventJobsReason} and {@code Disk} are NULL.
 *
 * <p>Two views: {@link #records()} is the stored form for {@link io.gpuledger.ingest.sqlite.GpuStateWriter} (timestamp
 * text as given, ids as stored); {@link #snapshots()} is the topic form, one {@link HostSnapshot} per (machine,
 * timestamp value) with ids normalised by {@link GpuIds#normalise}. {@link GpuStateFiles} writes records into monthly
 * files.
 *
 * <p>A {@code Rows} is mutable while cursors append to it; hand out fresh instances (as {@link SpecExamples} does).
 */
public final class Rows {

    /** The id of a row that lists no GPU, stored as {@code AssignedGPUs = ""} (rules §1.4). */
    public static final String NO_GPU = "";

    /** The id of a row whose {@code AssignedGPUs} is NULL (rules §1.4): also no GPU. */
    public static final String NULL_GPU = null;

    private final List<Row> rows = new ArrayList<>();

    /** The machine-level settings each machine's last row used, for {@link Cursor#on}. */
    private final Map<String, MachineSettings> machines = new HashMap<>();

    private record MachineSettings(Object deviceName, Long memoryMb, Object pp, String backfillPp) {
    }

    /**
     * One stored row. {@code machine} and {@code timestamp} repeat on every row, as in the table.
     *
     * @param timestamp    stored text, exactly as given (rules §1.5)
     * @param name         full slot name {@code <slot>@<machine>}
     * @param assignedGpus the id as stored: backfill ids may still hold {@code _} (rules §1.4)
     */
    public record Row(
            String timestamp,
            String machine,
            String name,
            String assignedGpus,
            String state,
            String deviceName,
            Long memoryMb,
            String prioritizedProjects,
            Double gpusAverageUsage,
            String remoteOwner,
            String globalJobId,
            String preventJobsReason,
            Long disk) {

        /** The parsed snapshot time. */
        public LocalDateTime time() {
            return SnapshotTime.parse(timestamp);
        }

        /** The normalised GPU id (rules §1.4), as carried in the topic. */
        public String gpuId() {
            return GpuIds.normalise(name, assignedGpus);
        }

        /** The topic form of this row (normalised id; machine and time live on the snapshot). */
        public SlotGpuRow toSlotGpuRow() {
            return new SlotGpuRow(name, gpuId(), state, deviceName, memoryMb, prioritizedProjects, gpusAverageUsage,
                    remoteOwner, globalJobId, preventJobsReason, disk);
        }

        /** The stored form of this row. */
        public GpuStateRecord toRecord() {
            return new GpuStateRecord(name, assignedGpus, "", state, deviceName, memoryMb, prioritizedProjects,
                    gpusAverageUsage, machine, remoteOwner, globalJobId, timestamp, preventJobsReason, disk);
        }
    }

    /** An empty row set; continue with {@link #thenAt(String)}. */
    public static Rows empty() {
        return new Rows();
    }

    /** Starts a new row set at this snapshot timestamp (stored text, e.g. {@code 2025-11-03 10:00:05.123456}). */
    public static Cursor at(String timestamp) {
        return new Rows().thenAt(timestamp);
    }

    /** Continues this row set at a timestamp, with no machine chosen yet. */
    public Cursor thenAt(String timestamp) {
        return Cursor.start(this, timestamp);
    }

    /** This row set followed by the rows of {@code other}, as a new row set. */
    public Rows plus(Rows other) {
        Rows sum = new Rows();
        sum.rows.addAll(rows);
        sum.rows.addAll(other.rows);
        sum.machines.putAll(machines);
        sum.machines.putAll(other.machines);
        return sum;
    }

    /** The rows matching {@code keep}, as a new row set, in order. */
    public Rows filter(Predicate<Row> keep) {
        Rows kept = new Rows();
        rows.stream().filter(keep).forEach(kept.rows::add);
        kept.machines.putAll(machines);
        return kept;
    }

    /**
     * The same rows stably sorted by timestamp value, as a new row set: the rowid order of a collector's file, where
     * snapshots are appended one after the other. Write tables column by column, or call this.
     */
    public Rows inTimeOrder() {
        Rows sorted = new Rows();
        rows.stream().sorted(Comparator.comparing(Row::time)).forEach(sorted.rows::add);
        sorted.machines.putAll(machines);
        return sorted;
    }

    /** Every row in the order it was added. */
    public List<Row> all() {
        return Collections.unmodifiableList(new ArrayList<>(rows));
    }

    public int size() {
        return rows.size();
    }

    /** The stored form, in the order rows were added: what a monthly file holds in rowid order. */
    public List<GpuStateRecord> records() {
        return rows.stream().map(Row::toRecord).toList();
    }

    /**
     * The topic form: one snapshot per (machine, timestamp value), sorted by time then machine; inside a snapshot rows
     * keep the order they were added. Timestamps are grouped by value, so {@code 10:00:00} and {@code 10:00:00.000000}
     * are one snapshot (rules §1.5).
     */
    public List<HostSnapshot> snapshots() {
        record Key(LocalDateTime time, String machine) {
        }
        Map<Key, List<SlotGpuRow>> grouped = new LinkedHashMap<>();
        for (Row row : rows) {
            grouped.computeIfAbsent(new Key(row.time(), row.machine()), key -> new ArrayList<>())
                    .add(row.toSlotGpuRow());
        }
        return grouped.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(
                        Comparator.comparing(Key::time).thenComparing(Key::machine)))
                .map(entry -> new HostSnapshot(entry.getKey().machine(), entry.getKey().time(), entry.getValue()))
                .toList();
    }

    /** The latest timestamp value of any row: the default report {@code end} (rules §3.1). */
    public LocalDateTime latestTime() {
        return rows.stream().map(Row::time).max(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalStateException("no rows"));
    }

    @Override
    public String toString() {
        return "Rows" + rows;
    }

    /**
     * Where the next rows go: time, machine, slot and their settings. Immutable: every setter returns a new cursor on
     * the same row set; state calls append rows and return this cursor so the chain goes on.
     */
    public static final class Cursor {

        /** Marks a machine-level setting that the chain has not given since the last {@link #on}. */
        private static final Object UNSET = new Object();

        private final Rows sink;
        private final String timestamp;
        private final String machine;
        private final Object deviceName;
        private final Long memoryMb;
        private final Object pp;
        private final String backfillPp;
        private final String slot;
        private final String reason;
        private final String remoteOwner;
        private final String globalJobId;
        private final Double usage;
        private final Long disk;

        private Cursor(Rows sink, String timestamp, String machine, Object deviceName, Long memoryMb, Object pp,
                String backfillPp, String slot, String reason, String remoteOwner, String globalJobId, Double usage,
                Long disk) {
            this.sink = sink;
            this.timestamp = timestamp;
            this.machine = machine;
            this.deviceName = deviceName;
            this.memoryMb = memoryMb;
            this.pp = pp;
            this.backfillPp = backfillPp;
            this.slot = slot;
            this.reason = reason;
            this.remoteOwner = remoteOwner;
            this.globalJobId = globalJobId;
            this.usage = usage;
            this.disk = disk;
        }

        private static Cursor start(Rows sink, String timestamp) {
            return new Cursor(sink, Objects.requireNonNull(timestamp, "timestamp"), null, UNSET, null, UNSET, "", null,
                    null, null, null, null, null);
        }

        /**
         * The snapshot timestamp of the following rows, stored exactly as given. Machine, slot and their settings are
         * kept. The text is not checked here, so malformed timestamps can be stored for reader tests; only
         * {@link Rows#snapshots()} parses it.
         */
        public Cursor at(String newTimestamp) {
            return new Cursor(sink, Objects.requireNonNull(newTimestamp, "timestamp"), machine, deviceName, memoryMb,
                    pp, backfillPp, slot, reason, remoteOwner, globalJobId, usage, disk);
        }

        /**
         * The machine (FQDN) of the following rows. Its device and PPs are those its last row in this row set used
         * (none for a new machine); the slot and its settings are cleared.
         */
        public Cursor on(String newMachine) {
            Objects.requireNonNull(newMachine, "machine");
            MachineSettings known = sink.machines.getOrDefault(newMachine, new MachineSettings(UNSET, null, UNSET, ""));
            return new Cursor(sink, timestamp, newMachine, known.deviceName(), known.memoryMb(), known.pp(),
                    known.backfillPp(), null, null, null, null, null, null);
        }

        /** {@code GPUs_DeviceName} and {@code GPUs_GlobalMemoryMb} of this machine's rows. */
        public Cursor device(String name, long memoryMb) {
            return device(name, Long.valueOf(memoryMb));
        }

        /** A device with NULL memory, or (name null) a NULL device name. */
        public Cursor device(String name) {
            return device(name, (Long) null);
        }

        /** A device whose memory may be NULL. */
        public Cursor device(String name, Long memory) {
            return new Cursor(sink, timestamp, machine, name, memory, pp, backfillPp, slot, reason, remoteOwner,
                    globalJobId, usage, disk);
        }

        /** {@code PrioritizedProjects} of this machine's primary slots: null for NULL, {@code ""} for shared. */
        public Cursor pp(String prioritizedProjects) {
            return new Cursor(sink, timestamp, machine, deviceName, memoryMb, prioritizedProjects, backfillPp, slot,
                    reason, remoteOwner, globalJobId, usage, disk);
        }

        /** {@code PrioritizedProjects} of this machine's backfill slots; {@code ""} unless set. */
        public Cursor backfillPp(String prioritizedProjects) {
            return new Cursor(sink, timestamp, machine, deviceName, memoryMb, pp, prioritizedProjects, slot, reason,
                    remoteOwner, globalJobId, usage, disk);
        }

        /**
         * The slot of the following rows: {@code slot1} becomes {@code slot1@<machine>}; a name that already holds
         * {@code @} is used as is. Clears the slot-level settings.
         */
        public Cursor slot(String slotName) {
            Objects.requireNonNull(slotName, "slot");
            return new Cursor(sink, timestamp, machine, deviceName, memoryMb, pp, backfillPp, slotName, null, null,
                    null, null, null);
        }

        /** {@code PreventJobsReason} of this slot's rows, stored as given (even blank, for rules §7.5 E6). */
        public Cursor prevented(String preventJobsReason) {
            return new Cursor(sink, timestamp, machine, deviceName, memoryMb, pp, backfillPp, slot, preventJobsReason,
                    remoteOwner, globalJobId, usage, disk);
        }

        /**
         * {@code RemoteOwner} of this slot's non-Claimed rows (NULL unless set): Example C stores {@code ""} on its
         * Unclaimed rows. Claimed rows take the owner given to {@link #claimed}.
         */
        public Cursor remoteOwner(String owner) {
            return new Cursor(sink, timestamp, machine, deviceName, memoryMb, pp, backfillPp, slot, reason, owner,
                    globalJobId, usage, disk);
        }

        /** {@code GlobalJobId} of this slot's rows, e.g. {@code submit1#123.0#1762180000}. */
        public Cursor job(String jobId) {
            return new Cursor(sink, timestamp, machine, deviceName, memoryMb, pp, backfillPp, slot, reason,
                    remoteOwner, jobId, usage, disk);
        }

        /** {@code GPUsAverageUsage} (busy fraction 0–1) of this slot's rows. */
        public Cursor usage(double busyFraction) {
            return new Cursor(sink, timestamp, machine, deviceName, memoryMb, pp, backfillPp, slot, reason,
                    remoteOwner, globalJobId, busyFraction, disk);
        }

        /** {@code Disk} (KiB) of this slot's rows. */
        public Cursor disk(long kib) {
            return new Cursor(sink, timestamp, machine, deviceName, memoryMb, pp, backfillPp, slot, reason,
                    remoteOwner, globalJobId, usage, kib);
        }

        /** One {@code Unclaimed} row per id. */
        public Cursor unclaimed(String... gpuIds) {
            return state(SlotState.UNCLAIMED, gpuIds);
        }

        /** One {@code Drained} row per id. */
        public Cursor drained(String... gpuIds) {
            return state(SlotState.DRAINED, gpuIds);
        }

        /** One {@code Claimed} row per id, owned by {@code owner} (null for a NULL {@code RemoteOwner}). */
        public Cursor claimed(String owner, String... gpuIds) {
            return append(SlotState.CLAIMED, owner, gpuIds);
        }

        /**
         * One row per id in any state, stored as given (so invalid states can be written for reader tests). Use
         * {@link #NO_GPU} or {@link #NULL_GPU} for a row that lists no GPU.
         */
        public Cursor state(String state, String... gpuIds) {
            return append(state, remoteOwner, gpuIds);
        }

        private Cursor append(String state, String owner, String... gpuIds) {
            if (machine == null) {
                throw new IllegalStateException("no machine: call on(...) before adding rows");
            }
            if (slot == null) {
                throw new IllegalStateException("no slot on " + machine + ": call slot(...) before adding rows");
            }
            if (deviceName == UNSET) {
                throw new IllegalStateException("no device for " + machine + ": call device(...), device(null) for NULL");
            }
            if (pp == UNSET) {
                throw new IllegalStateException("no PrioritizedProjects for " + machine + ": call pp(...), pp(null) for NULL");
            }
            if (gpuIds == null || gpuIds.length == 0) {
                throw new IllegalArgumentException("no GPU id for " + slot + ": pass Rows.NO_GPU for a row without a GPU");
            }
            String name = slot.contains("@") ? slot : slot + "@" + machine;
            String slotPp = name.contains("backfill") ? backfillPp : (String) pp;
            sink.machines.put(machine, new MachineSettings(deviceName, memoryMb, pp, backfillPp));
            for (String id : gpuIds) {
                sink.rows.add(new Row(timestamp, machine, name, id, state, (String) deviceName, memoryMb, slotPp,
                        usage, owner, globalJobId, reason, disk));
            }
            return this;
        }

        /** The row set this cursor appends to. */
        public Rows rows() {
            return sink;
        }
    }
}
