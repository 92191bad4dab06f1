package io.gpuledger.ingest.classify;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The CHTC-owned host list (rules §2.2). Applied at query time only, never baked into stored aggregates, so changing it
 * changes every report, past windows included, without a replay.
 *
 * @param hosts  exact, case-sensitive machine names
 * @param source where the list came from, for logs and errors
 */
public record ChtcOwnedList(Set<String> hosts, String source) {

    /** The shipped default: 7 hosts under {@code .chtc.wisc.edu}. */
    public static final List<String> SHIPPED_HOSTS = List.of(
            "blengerichgpu4000.chtc.wisc.edu",
            "ssilwalgpu4000.chtc.wisc.edu",
            "amuraligpu4000.chtc.wisc.edu",
            "btellman-jsullivangpu4000.chtc.wisc.edu",
            "mkhodakgpu4000.chtc.wisc.edu",
            "txie-dsigpu4000.chtc.wisc.edu",
            "cxiaogpu4000.chtc.wisc.edu");

    public ChtcOwnedList {
        hosts = Set.copyOf(hosts);
    }

    public static ChtcOwnedList shippedDefault() {
        return new ChtcOwnedList(new LinkedHashSet<>(SHIPPED_HOSTS), "shipped default");
    }

    public static ChtcOwnedList of(String... hosts) {
        return new ChtcOwnedList(Set.of(hosts), "inline");
    }

    /**
     * Loads a UTF-8 file: one FQDN per line, lines trimmed, blank lines and {@code #} comments skipped. A missing or
     * unreadable file is an error (the original silently used an empty list); an empty file is an empty list.
     */
    public static ChtcOwnedList load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigFileException("chtc_owned file " + file + " does not exist");
        } catch (CharacterCodingException e) {
            throw new ConfigFileException("chtc_owned file " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigFileException("chtc_owned file " + file + " cannot be read: " + e.getMessage());
        }
        return parse(lines, file.toString());
    }

    public static ChtcOwnedList parse(List<String> lines, String source) {
        Set<String> hosts = new LinkedHashSet<>();
        for (String line : lines) {
            String host = line.strip();
            if (!host.isEmpty() && !host.startsWith("#")) {
                hosts.add(host);
            }
        }
        return new ChtcOwnedList(hosts, source);
    }

    public boolean contains(String machine) {
        return hosts.contains(machine);
    }
}
