package io.gpuledger.ingest.classify;

import java.util.Locale;

/** The report host filter {@code hostMatch(h)} (rules §2.8): empty, or {@code Machine} contains it case-insensitively. */
public record HostFilter(String fragment) {

    public static final HostFilter NONE = new HostFilter("");

    public HostFilter {
        fragment = fragment == null ? "" : fragment;
    }

    public boolean isNone() {
        return fragment.isEmpty();
    }

    public boolean matches(String machine) {
        return fragment.isEmpty() || machine.toLowerCase(Locale.ROOT).contains(fragment.toLowerCase(Locale.ROOT));
    }
}
