package io.gpuledger.ingest.settings;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values of one program's settings, resolved from flags, then {@code GPULEDGER_*} environment variables, then
 * the config file, then defaults (see {@link SettingsTable#load}). Immutable: {@link #with} gives a copy with one
 * value replaced, which is how library callers (a replay started by the service, a test) set what differs.
 */
public final class SettingValues {

    /** Where a value came from, for the startup line and for error messages. */
    public enum Source {
        FLAG, ENVIRONMENT, CONFIG_FILE, PROGRAM, DEFAULT
    }

    private final SettingsTable table;
    private final Map<String, Object> values;
    private final Map<String, Source> sources;

    SettingValues(SettingsTable table, Map<String, Object> values, Map<String, Source> sources) {
        this.table = table;
        this.values = Map.copyOf(values);
        this.sources = Map.copyOf(sources);
    }

    /** The value of {@code setting}: the one given, else its default (which may depend on other values). */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        Setting<?> declared = table.declared(setting.key());
        if (values.containsKey(setting.key())) {
            return (T) values.get(setting.key());
        }
        return (T) declared.defaultValue(this);
    }

    /** Whether a value was given (anywhere) instead of the default. */
    public boolean isGiven(Setting<?> setting) {
        table.declared(setting.key());
        return values.containsKey(setting.key());
    }

    public Source sourceOf(Setting<?> setting) {
        table.declared(setting.key());
        return sources.getOrDefault(setting.key(), Source.DEFAULT);
    }

    /** A copy with {@code setting} set to {@code value} by the program itself ({@code null}: back to the default). */
    public <T> SettingValues with(Setting<T> setting, T value) {
        table.declared(setting.key());
        Map<String, Object> copy = new HashMap<>(values);
        Map<String, Source> copySources = new HashMap<>(sources);
        if (value == null) {
            copy.remove(setting.key());
            copySources.remove(setting.key());
        } else {
            copy.put(setting.key(), value);
            copySources.put(setting.key(), Source.PROGRAM);
        }
        return new SettingValues(table, copy, copySources);
    }

    public SettingsTable table() {
        return table;
    }

    /**
     * Every setting and its value in table order, for the startup line: secrets show only whether they are set; a
     * value from the environment or the config file says so.
     */
    public Map<String, String> describe() {
        Map<String, String> shown = new LinkedHashMap<>();
        for (Setting<?> setting : table.settings()) {
            shown.put(setting.key(), shown(setting));
        }
        return shown;
    }

    private <T> String shown(Setting<T> setting) {
        T value = get(setting);
        String text;
        if (setting.isSecret()) {
            text = value == null || setting.print(value).isEmpty() ? "(not set)" : "(set)";
        } else if (value == null) {
            text = setting.defaultShown() == null ? "(none)" : setting.defaultShown();
        } else {
            text = setting.print(value);
            if (text.isEmpty()) {
                text = "(none)";
            }
        }
        return switch (sourceOf(setting)) {
            case ENVIRONMENT -> text + " (from " + setting.environmentVariable() + ")";
            case CONFIG_FILE -> text + " (from config file)";
            default -> text;
        };
    }

    /** The startup line's form: {@code key=value, key=value, ...}. */
    public String describeOnOneLine() {
        StringBuilder line = new StringBuilder();
        describe().forEach((key, value) -> {
            if (line.length() > 0) {
                line.append(", ");
            }
            line.append(key).append('=').append(value);
        });
        return line.toString();
    }
}
