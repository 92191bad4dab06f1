package io.gpuledger.streams.window;

import java.util.Arrays;
import java.util.Collection;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dense ids for machine names, shared by every summary of the process, so that a window's machine sets (researcher
 * machines, machines with a claimed primary GPU) are bit sets: a report ORs a few words per bucket instead of hashing
 * a hundred names. Ids live only in memory and are never written anywhere; a pool has a few hundred machines.
 */
final class MachineIndex {

    private static final ConcurrentHashMap<String, Integer> IDS = new ConcurrentHashMap<>();
    private static volatile String[] names = new String[256];

    private MachineIndex() {
    }

    static int idOf(String machine) {
        Integer id = IDS.get(machine);
        return id != null ? id : register(machine);
    }

    private static synchronized int register(String machine) {
        Integer id = IDS.get(machine);
        if (id != null) {
            return id;
        }
        int next = IDS.size();
        String[] current = names;
        if (next == current.length) {
            current = Arrays.copyOf(current, current.length * 2);
        }
        current[next] = machine;
        // Published before the id: a reader holding the id always finds the name.
        names = current;
        IDS.put(machine, next);
        return next;
    }

    static String name(int id) {
        return names[id];
    }

    /** The bit set of {@code machines}' ids. */
    static long[] bits(Collection<String> machines) {
        long[] bits = new long[0];
        for (String machine : machines) {
            bits = set(bits, idOf(machine));
        }
        return bits;
    }

    /** {@code bits} with {@code id} set, grown when needed. */
    static long[] set(long[] bits, int id) {
        int word = id >>> 6;
        long[] result = word < bits.length ? bits : Arrays.copyOf(bits, word + 1);
        result[word] |= 1L << id;
        return result;
    }

    /** {@code into} OR {@code more}, grown when needed. */
    static long[] or(long[] into, long[] more) {
        long[] result = more.length <= into.length ? into : Arrays.copyOf(into, more.length);
        for (int word = 0; word < more.length; word++) {
            result[word] |= more[word];
        }
        return result;
    }

    static boolean contains(long[] bits, int id) {
        int word = id >>> 6;
        return word < bits.length && (bits[word] & (1L << id)) != 0;
    }

    /** The machine names of {@code bits}, sorted. */
    static TreeSet<String> names(long[] bits) {
        TreeSet<String> machines = new TreeSet<>();
        for (int word = 0; word < bits.length; word++) {
            long remaining = bits[word];
            while (remaining != 0) {
                machines.add(name(word * 64 + Long.numberOfTrailingZeros(remaining)));
                remaining &= remaining - 1;
            }
        }
        return machines;
    }
}
