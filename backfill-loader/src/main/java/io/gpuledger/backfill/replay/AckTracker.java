package io.gpuledger.backfill.replay;

import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Follows acknowledgements to find the contiguous acknowledged watermark: the last snapshot timestamp of a file such
 * that it and everything sent before it were acknowledged.
 *
 * <p>Records go to several partitions and are acknowledged out of order, so one acknowledgement says little on its
 * own. Sends are grouped by (file, timestamp) in send order — the reader emits every snapshot of one timestamp before
 * any later one — and a group is <em>sealed</em> once a later group starts or its file ends. {@link #advance()}
 * releases sealed groups from the front while all their records are acknowledged; a released group's timestamp is a
 * safe checkpoint.
 *
 * <p>{@link #register} and {@link #advance} run on the sending thread, {@link #acknowledged} on the producer's I/O
 * thread; one lock guards the groups (uncontended most of the time: tens of thousands of operations a second).
 */
final class AckTracker {

    /** All records of one timestamp of one file, in send order. */
    static final class Group {
        final FileTask file;
        final LocalDateTime timestamp;
        int pending;
        long rows;
        long snapshots;

        Group(FileTask file, LocalDateTime timestamp) {
            this.file = file;
            this.timestamp = timestamp;
        }
    }

    private final ArrayDeque<Group> groups = new ArrayDeque<>();
    /** The last group; it may still receive records unless its file has ended. */
    private Group open;
    private long rowsAcknowledged;
    private long snapshotsAcknowledged;
    private long recordsPending;
    private volatile Exception failure;
    /** The group of the first record that failed, or null (a failure outside any record). */
    private Group failedGroup;

    /** Counts one record about to be sent and returns its group, to be passed to {@link #acknowledged}. */
    synchronized Group register(FileTask file, LocalDateTime timestamp, int rows) {
        if (open == null || open.file != file || !open.timestamp.equals(timestamp)) {
            open = new Group(file, timestamp);
            groups.addLast(open);
        }
        open.pending++;
        open.rows += rows;
        open.snapshots++;
        recordsPending++;
        return open;
    }

    /** The broker acknowledged a record (or {@code exception} says why it never will). */
    synchronized void acknowledged(Group group, int rows, Exception exception) {
        if (exception != null) {
            if (failure == null) {
                failedGroup = group;
            }
            fail(exception);
            return;
        }
        group.pending--;
        recordsPending--;
        rowsAcknowledged += rows;
        snapshotsAcknowledged++;
        if (recordsPending == 0) {
            notifyAll();
        }
    }

    /** A record could not even be handed to the producer: its group stays pending, and the run fails. */
    synchronized void fail(Exception exception) {
        if (failure == null) {
            failure = exception;
        }
        notifyAll();
    }

    /** No more records of {@code file}: its last group is sealed. */
    synchronized void endOfFile(FileTask file) {
        if (open != null && open.file == file) {
            open = null;
        }
    }

    /** Whether a record of {@code file} at {@code timestamp} would start a new group (the open one is then whole). */
    synchronized boolean startsGroup(FileTask file, LocalDateTime timestamp) {
        return open == null || open.file != file || !open.timestamp.equals(timestamp);
    }

    /** Whether every group is sealed: no timestamp is half sent. */
    synchronized boolean allSealed() {
        return open == null;
    }

    /**
     * Seals the open group: the caller knows it is whole (a stop between two timestamps), so once acknowledged its
     * timestamp is a safe checkpoint.
     */
    synchronized void seal() {
        open = null;
    }

    /** Releases, in send order, the sealed groups whose records are all acknowledged. */
    synchronized List<Group> advance() {
        List<Group> released = new ArrayList<>();
        while (!groups.isEmpty()) {
            Group head = groups.peekFirst();
            if (head == open || head.pending > 0) {
                break;
            }
            released.add(groups.pollFirst());
        }
        return released;
    }

    /**
     * Waits until no record is pending or a record failed, at most {@code timeout} ms.
     *
     * @return true when nothing is pending
     */
    synchronized boolean awaitNonePending(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (recordsPending > 0 && failure == null) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return recordsPending == 0;
    }

    /** The file and snapshot time of the first record that failed, or null. */
    synchronized Group failedGroup() {
        return failedGroup;
    }

    /** The first delivery failure, or null. Cheap: read for every record sent. */
    Exception failure() {
        return failure;
    }

    synchronized long rowsAcknowledged() {
        return rowsAcknowledged;
    }

    synchronized long snapshotsAcknowledged() {
        return snapshotsAcknowledged;
    }

    synchronized long recordsPending() {
        return recordsPending;
    }
}
