package io.gpuledger.ingest.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.ingest.snapshot.GpuIds;
import io.gpuledger.ingest.snapshot.SlotState;
import io.gpuledger.ingest.sqlite.GpuStateRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One Startd ad → its rows, exactly as the original collector made them (rules §1.7): the GPU list is
 * {@code AvailableGPUs} for a backfill slot (each element without its leading {@code GPUs_}) and {@code AssignedGPUs}
 * otherwise; every id gets the §1.4 normalisation and {@code GPU_} → {@code GPU-}; one row per id, or one row without a
 * GPU when the list is empty. Attribute names are matched case-insensitively, as ClassAd names are.
 */
final class AdRows {

    static final String NAME = "Name";
    static final String MACHINE = "Machine";
    static final String ASSIGNED_GPUS = "AssignedGPUs";
    static final String AVAILABLE_GPUS = "AvailableGPUs";
    static final String STATE = "State";
    static final String DEVICE_NAME = "GPUs_DeviceName";
    static final String MEMORY_MB = "GPUs_GlobalMemoryMb";
    static final String PRIORITIZED_PROJECTS = "PrioritizedProjects";
    static final String AVERAGE_USAGE = "GPUsAverageUsage";
    static final String REMOTE_OWNER = "RemoteOwner";
    static final String GLOBAL_JOB_ID = "GlobalJobId";
    static final String PREVENT_JOBS_REASON = "PreventJobsReason";
    static final String DISK = "Disk";

    private static final String BACKFILL_ELEMENT_PREFIX = "GPUs_";

    private AdRows() {
    }

    /**
     * The rows of {@code ad}, all stamped {@code timestamp} (the collector's text form).
     *
     * @throws BadAdException naming the attribute when the ad cannot become rows
     */
    static List<GpuStateRecord> rows(JsonNode ad, String timestamp) {
        if (!ad.isObject()) {
            throw new BadAdException("not an ad (a JSON object): " + abbreviated(ad));
        }
        Map<String, JsonNode> attributes = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ad.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            attributes.put(field.getKey().toLowerCase(Locale.ROOT), field.getValue());
        }
        String name = required(attributes, NAME);
        String machine = required(attributes, MACHINE);
        String state = text(attributes, STATE);
        if (state == null || !SlotState.isAccepted(state)) {
            throw new BadAdException(STATE + " " + (state == null ? "missing" : "'" + state + "'")
                    + ": not an HTCondor slot state");
        }
        boolean backfill = name.contains("backfill");
        JsonNode assigned = attributes.get(key(ASSIGNED_GPUS));
        JsonNode available = attributes.get(key(AVAILABLE_GPUS));
        List<String> availableElements = AdLists.elements(AVAILABLE_GPUS, available);
        List<String> gpuIds = new ArrayList<>();
        for (String element : backfill ? availableElements : AdLists.elements(ASSIGNED_GPUS, assigned)) {
            String id = backfill && element.startsWith(BACKFILL_ELEMENT_PREFIX)
                    ? element.substring(BACKFILL_ELEMENT_PREFIX.length()) : element;
            id = GpuIds.normalise(name, id);
            gpuIds.add(id.startsWith("GPU_") ? "GPU-" + id.substring(4) : id);
        }
        JsonNode listSource = backfill ? available : assigned;
        if (gpuIds.isEmpty()) {
            // No GPU: an absent attribute stays NULL, a present empty one is "" (as the files hold them).
            gpuIds.add(listSource == null || listSource.isNull() ? null : "");
        }
        String availableText = available == null || available.isNull() ? null : String.join(",", availableElements);
        String deviceName = text(attributes, DEVICE_NAME);
        Long memoryMb = integer(attributes, MEMORY_MB);
        String prioritizedProjects = text(attributes, PRIORITIZED_PROJECTS);
        Double usage = real(attributes, AVERAGE_USAGE);
        String remoteOwner = text(attributes, REMOTE_OWNER);
        String globalJobId = text(attributes, GLOBAL_JOB_ID);
        String preventJobsReason = text(attributes, PREVENT_JOBS_REASON);
        Long disk = integer(attributes, DISK);
        List<GpuStateRecord> rows = new ArrayList<>(gpuIds.size());
        for (String id : gpuIds) {
            rows.add(new GpuStateRecord(name, id, availableText, state, deviceName, memoryMb, prioritizedProjects,
                    usage, machine, remoteOwner, globalJobId, timestamp, preventJobsReason, disk));
        }
        return rows;
    }

    /** The ad's {@code Name}, for problem lines; null when it has none. */
    static String nameOf(JsonNode ad) {
        if (!ad.isObject()) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = ad.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equalsIgnoreCase(NAME) && field.getValue().isTextual()) {
                return field.getValue().asText();
            }
        }
        return null;
    }

    private static String key(String attribute) {
        return attribute.toLowerCase(Locale.ROOT);
    }

    private static String required(Map<String, JsonNode> attributes, String attribute) {
        String value = text(attributes, attribute);
        if (value == null || value.isEmpty()) {
            throw new BadAdException("no " + attribute);
        }
        return value;
    }

    private static String text(Map<String, JsonNode> attributes, String attribute) {
        JsonNode value = attributes.get(key(attribute));
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new BadAdException(attribute + " must be text, got " + abbreviated(value));
        }
        return value.asText();
    }

    private static Long integer(Map<String, JsonNode> attributes, String attribute) {
        JsonNode value = attributes.get(key(attribute));
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new BadAdException(attribute + " must be a number, got " + abbreviated(value));
        }
        // A REAL is accepted, as in the files (rules §1.2); MiB and KiB are whole numbers.
        return value.isIntegralNumber() ? value.asLong() : Math.round(value.asDouble());
    }

    private static Double real(Map<String, JsonNode> attributes, String attribute) {
        JsonNode value = attributes.get(key(attribute));
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new BadAdException(attribute + " must be a number, got " + abbreviated(value));
        }
        return value.asDouble();
    }

    private static String abbreviated(JsonNode value) {
        String text = value.toString();
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
