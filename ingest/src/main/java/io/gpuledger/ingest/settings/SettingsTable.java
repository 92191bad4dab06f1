package io.gpuledger.ingest.settings;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The settings of one program, in the order its help lists them. Everything a program does with its settings comes
 * from here: the command-line options ({@link #addOptions}), reading flags, then {@code GPULEDGER_*} environment
 * variables, then a {@code --config} properties file, then defaults ({@link #load}), the startup line
 * ({@link SettingValues#describe}) and the example config file ({@link #exampleConfig}).
 */
public final class SettingsTable {

    /** The config file's own setting: a flag or environment variable only. */
    public static final Setting<Path> CONFIG = Setting.path("config", "FILE",
            "Properties file with settings (keys = option names without the dashes).");

    private final String program;
    private final Map<String, Setting<?>> settings = new LinkedHashMap<>();

    private SettingsTable(String program, Collection<? extends Setting<?>> declared) {
        this.program = program;
        java.util.Set<String> flagNames = new java.util.HashSet<>();
        for (Setting<?> setting : declared) {
            if (settings.putIfAbsent(setting.key(), setting) != null) {
                throw new IllegalArgumentException(program + " declares setting '" + setting.key() + "' twice");
            }
            for (String name : setting.flagNames()) {
                if (!flagNames.add(name)) {
                    throw new IllegalArgumentException(program + " declares flag '--" + name + "' twice");
                }
            }
        }
    }

    /** @param groups the program's settings, in help order (shared groups first, say) */
    @SafeVarargs
    public static SettingsTable of(String program, List<? extends Setting<?>>... groups) {
        List<Setting<?>> all = new ArrayList<>();
        for (List<? extends Setting<?>> group : groups) {
            all.addAll(group);
        }
        return new SettingsTable(program, all);
    }

    public String program() {
        return program;
    }

    public Collection<Setting<?>> settings() {
        return settings.values();
    }

    Setting<?> declared(String key) {
        Setting<?> setting = settings.get(key);
        if (setting == null) {
            throw new IllegalArgumentException(program + " has no setting '" + key + "'");
        }
        return setting;
    }

    /** The option that prints {@link #exampleConfig()} and exits. */
    public static final String PRINT_EXAMPLE_CONFIG = "--print-example-config";

    /** Adds {@code --config}, one option per setting and {@value #PRINT_EXAMPLE_CONFIG} to a picocli command. */
    public void addOptions(CommandSpec spec) {
        spec.addOption(option(CONFIG));
        settings.values().forEach(setting -> spec.addOption(option(setting)));
        spec.addOption(OptionSpec.builder(PRINT_EXAMPLE_CONFIG).arity("0").type(boolean.class)
                .description("Print an example config file with every setting, its help and default, and exit.")
                .build());
    }

    /** When {@value #PRINT_EXAMPLE_CONFIG} was given, prints the example config file and returns true. */
    public boolean printExampleConfigIfAsked(ParseResult parsed, java.io.PrintWriter out) {
        if (!parsed.hasMatchedOption(PRINT_EXAMPLE_CONFIG)) {
            return false;
        }
        out.print(exampleConfig());
        out.flush();
        return true;
    }

    private static OptionSpec option(Setting<?> setting) {
        List<String> description = new ArrayList<>();
        // picocli expands ${...} in descriptions: keep help texts that show such placeholders literal.
        description.add(setting.help().replace("${", "$${"));
        if (setting.defaultShown() != null && !setting.defaultShown().isEmpty()) {
            // On a line of its own, so help never wraps a value such as ./data or http://host:8080 apart.
            description.add("Default: " + setting.defaultShown());
        }
        // The key first: givenFlags maps a matched option back to its setting by its first name.
        OptionSpec.Builder builder = OptionSpec.builder(setting.flagNames().stream().map(name -> "--" + name)
                        .toArray(String[]::new))
                .paramLabel(setting.label())
                .description(description.toArray(String[]::new));
        switch (setting.shape()) {
            case SWITCH -> builder.arity("0..1").fallbackValue("true").type(String.class);
            case REPEATABLE, NAMED_VALUES -> builder.arity("1").type(List.class).auxiliaryTypes(String.class);
            default -> builder.arity("1").type(String.class);
        }
        return builder.build();
    }

    /** The raw values of the flags given on a parsed command line, keyed by setting key (plus {@code config}). */
    public static Map<String, List<String>> givenFlags(ParseResult parsed) {
        Map<String, List<String>> given = new LinkedHashMap<>();
        for (OptionSpec option : parsed.matchedOptions()) {
            String name = option.names()[0].startsWith("--") ? option.names()[0] : option.longestName();
            if (!name.startsWith("--")) {
                continue;
            }
            Object value = option.getValue();
            List<String> raw = new ArrayList<>();
            if (value instanceof List<?> list) {
                list.forEach(item -> raw.add(String.valueOf(item)));
            } else if (value != null) {
                raw.add(String.valueOf(value));
            }
            given.put(name.substring(2), raw);
        }
        return given;
    }

    /** Loads the settings of a parsed command line: its flags, the process environment and its {@code --config}. */
    public SettingValues load(ParseResult parsed) {
        return load(givenFlags(parsed), System.getenv());
    }

    /**
     * Resolves every setting: a flag wins over the environment, the environment over the config file (named by the
     * {@code config} flag or {@code GPULEDGER_CONFIG}), the file over the default. Blank values count as not given.
     *
     * @param flags       raw flag values by setting key; settings that may be repeated have several
     * @param environment the process environment
     * @throws SettingException naming the setting, the bad value and where it came from
     */
    public SettingValues load(Map<String, List<String>> flags, Map<String, String> environment) {
        Properties file = readConfigFile(flags, environment);
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, SettingValues.Source> sources = new LinkedHashMap<>();
        for (Setting<?> setting : settings.values()) {
            resolve(setting, flags, environment, file, values, sources);
        }
        return new SettingValues(this, values, sources);
    }

    /** Settings given by a program or a test as flag-like text ({@code "http-port" -> "0"}); no environment, no file. */
    public SettingValues load(Map<String, String> flags) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        flags.forEach((key, value) -> {
            declared(key);
            lists.put(key, List.of(value));
        });
        return load(lists, Map.of());
    }

    /** Every setting at its default. */
    public SettingValues defaults() {
        return new SettingValues(this, Map.of(), Map.of());
    }

    private void resolve(Setting<?> setting, Map<String, List<String>> flags, Map<String, String> environment,
                         Properties file, Map<String, Object> values, Map<String, SettingValues.Source> sources) {
        List<String> fromFlags = nonBlank(flags.getOrDefault(setting.key(), List.of()));
        if (!fromFlags.isEmpty()) {
            values.put(setting.key(), parse(setting, fromFlags, "flag " + setting.flagName()));
            sources.put(setting.key(), SettingValues.Source.FLAG);
            return;
        }
        List<String> fromEnvironment = fromEnvironment(setting, environment);
        if (!fromEnvironment.isEmpty()) {
            values.put(setting.key(), parse(setting, fromEnvironment, "environment " + setting.environmentVariable()));
            sources.put(setting.key(), SettingValues.Source.ENVIRONMENT);
            return;
        }
        List<String> fromFile = fromFile(setting, file);
        if (!fromFile.isEmpty()) {
            values.put(setting.key(), parse(setting, fromFile, "config file key " + setting.key()));
            sources.put(setting.key(), SettingValues.Source.CONFIG_FILE);
        }
    }

    private static Object parse(Setting<?> setting, List<String> raw, String where) {
        String shown = setting.isSecret() ? "(secret)" : "'" + String.join(",", raw) + "'";
        try {
            return switch (setting.shape()) {
                case NAMED_VALUES -> Setting.parseProperties(raw);
                case REPEATABLE -> setting.parse(String.join(",", raw));
                default -> setting.parse(raw.get(raw.size() - 1).strip());
            };
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new SettingException(setting.key() + ": invalid value " + shown + " from " + where + ": " + reason);
        }
    }

    private static List<String> fromEnvironment(Setting<?> setting, Map<String, String> environment) {
        if (setting.shape() == Setting.Shape.NAMED_VALUES) {
            String prefix = setting.environmentVariable() + "_";
            List<String> pairs = new ArrayList<>();
            new TreeMap<>(environment).forEach((name, value) -> {
                if (name.startsWith(prefix) && name.length() > prefix.length() && value != null && !value.isBlank()) {
                    pairs.add(name.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '.') + "=" + value);
                }
            });
            return pairs;
        }
        String value = environment.get(setting.environmentVariable());
        return value == null || value.isBlank() ? List.of() : List.of(value);
    }

    private static List<String> fromFile(Setting<?> setting, Properties file) {
        if (setting.shape() == Setting.Shape.NAMED_VALUES) {
            String prefix = setting.key() + ".";
            List<String> pairs = new ArrayList<>();
            new TreeMap<>(file).forEach((name, value) -> {
                String key = String.valueOf(name);
                if (key.startsWith(prefix) && key.length() > prefix.length() && !String.valueOf(value).isBlank()) {
                    pairs.add(key.substring(prefix.length()) + "=" + value);
                }
            });
            return pairs;
        }
        String value = file.getProperty(setting.key());
        return value == null || value.isBlank() ? List.of() : List.of(value);
    }

    private static List<String> nonBlank(List<String> raw) {
        return raw.stream().filter(value -> value != null && !value.isBlank()).toList();
    }

    private Properties readConfigFile(Map<String, List<String>> flags, Map<String, String> environment) {
        List<String> named = nonBlank(flags.getOrDefault(CONFIG.key(), List.of()));
        String path = named.isEmpty() ? environment.get(CONFIG.environmentVariable()) : named.get(named.size() - 1);
        Properties file = new Properties();
        if (path == null || path.isBlank()) {
            return file;
        }
        Path configFile = Path.of(path.strip());
        try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
            file.load(reader);
        } catch (NoSuchFileException e) {
            throw new SettingException("config file " + configFile + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new SettingException("config file " + configFile + " cannot be read: " + e.getMessage());
        }
        for (String key : file.stringPropertyNames()) {
            if (!knownFileKey(key)) {
                throw new SettingException("config file " + configFile + ": unknown setting '" + key + "' for "
                        + program + " (see --help for the settings)");
            }
        }
        return file;
    }

    private boolean knownFileKey(String key) {
        if (settings.containsKey(key)) {
            return true;
        }
        int dot = key.indexOf('.');
        return dot > 0 && settings.containsKey(key.substring(0, dot))
                && settings.get(key.substring(0, dot)).shape() == Setting.Shape.NAMED_VALUES;
    }

    /**
     * An example config file: every setting with its help, flag and environment variable, its default commented
     * out. Written to {@code deploy/config/<program>.properties} and checked against this table by a test.
     */
    public String exampleConfig() {
        StringBuilder text = new StringBuilder();
        text.append("# Settings of ").append(program).append(", generated from its settings table (run ")
                .append(program).append(" --print-example-config to regenerate).\n");
        text.append("# Use with --config FILE (or GPULEDGER_CONFIG=FILE). A command-line flag wins over a\n");
        text.append("# GPULEDGER_* environment variable, which wins over this file. Each line shows the default.\n");
        for (Setting<?> setting : settings.values()) {
            text.append('\n');
            text.append("# ").append(setting.help()).append('\n');
            text.append("# flag ").append(setting.flagName()).append(' ').append(setting.label())
                    .append(", environment ").append(setting.environmentVariable())
                    .append(setting.shape() == Setting.Shape.NAMED_VALUES ? "_<NAME>" : "")
                    .append(setting.isSecret() ? " (secret: never printed)" : "").append('\n');
            String shown = setting.defaultShown() == null ? "" : setting.defaultShown();
            if (setting.shape() == Setting.Shape.NAMED_VALUES) {
                text.append('#').append(setting.key()).append(".NAME=VALUE\n");
            } else {
                text.append('#').append(setting.key()).append('=').append(shown).append('\n');
            }
        }
        return text.toString();
    }
}
