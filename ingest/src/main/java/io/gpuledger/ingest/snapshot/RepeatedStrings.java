package io.gpuledger.ingest.snapshot;

/**
 * Returns the same String instance for the same characters, most of the time: snapshot rows repeat a handful of
 * values (slot names, devices, states, users, projects) millions of times, so reusing them saves an allocation per
 * field and lets later hash lookups use the cached hash. A direct-mapped table: a collision just replaces the slot.
 * Not thread-safe; one per thread.
 */
final class RepeatedStrings {

    private static final int SLOTS = 4096;
    private static final int LONGEST = 128;

    private final String[] slots = new String[SLOTS];

    String get(char[] chars, int offset, int length) {
        if (length > LONGEST) {
            return new String(chars, offset, length);
        }
        int hash = 0;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + chars[i];
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        String cached = slots[slot];
        if (cached != null && cached.length() == length && sameChars(cached, chars, offset)) {
            return cached;
        }
        String created = new String(chars, offset, length);
        slots[slot] = created;
        return created;
    }

    private static boolean sameChars(String cached, char[] chars, int offset) {
        for (int i = 0; i < cached.length(); i++) {
            if (cached.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
