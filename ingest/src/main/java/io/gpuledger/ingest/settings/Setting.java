package io.gpuledger.ingest.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One setting of a gpuledger program, declared once: its key (the flag without dashes, the config-file key and, upper
 * case, the environment variable {@code GPULEDGER_<KEY>}), what it holds, its default, its help text and its
 * validation. Programs list their settings in a {@link SettingsTable}, which makes the flags, reads the environment
 * and the config file, prints the values at startup and writes the example config file, all from this declaration.
 *
 * <p>Create settings with the factories ({@link #text}, {@link #integer}, {@link #flag}, ...) and refine them with
 * {@link #defaultsTo}, {@link #derivedDefault} and {@link #secret()}; a setting is immutable.
 *
 * @param <T> the type of its value
 */
public final class Setting<T> {

    /** How a setting appears on the command line. */
    public enum Shape {
        /** {@code --key VALUE}. */
        VALUE,
        /** {@code --key} alone means true; {@code --key=false} is allowed. */
        SWITCH,
        /** {@code --key VALUE}, repeatable; a comma-separated list in the environment and the config file. */
        REPEATABLE,
        /** {@code --key NAME=VALUE}, repeatable; {@code key.NAME=VALUE} in the config file (see {@link #properties}). */
        NAMED_VALUES
    }

    /** Property names whose values are credentials: printed as {@code (secret)}. */
    private static final java.util.regex.Pattern SENSITIVE_NAME =
            java.util.regex.Pattern.compile("(?i)password|secret|jaas|token|credential|(^|\\.)key$");

    private final String key;
    private final String label;
    private final String help;
    private final Shape shape;
    private final Function<String, T> parser;
    private final Function<T, String> printer;
    private final Function<SettingValues, T> defaultValue;
    private final String defaultShown;
    private final boolean secret;
    private final List<String> aliases;

    private Setting(String key, String label, String help, Shape shape, Function<String, T> parser,
                    Function<T, String> printer, Function<SettingValues, T> defaultValue, String defaultShown,
                    boolean secret) {
        this(key, label, help, shape, parser, printer, defaultValue, defaultShown, secret, List.of());
    }

    private Setting(String key, String label, String help, Shape shape, Function<String, T> parser,
                    Function<T, String> printer, Function<SettingValues, T> defaultValue, String defaultShown,
                    boolean secret, List<String> aliases) {
        if (!key.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("setting keys are lower-case words joined by '-': " + key);
        }
        this.key = key;
        this.label = label;
        this.help = Objects.requireNonNull(help, "help");
        this.shape = shape;
        this.parser = parser;
        this.printer = printer;
        this.defaultValue = defaultValue;
        this.defaultShown = defaultShown;
        this.secret = secret;
        this.aliases = List.copyOf(aliases);
    }

    private static <T> Setting<T> of(String key, String label, String help, Shape shape, Function<String, T> parser) {
        return new Setting<>(key, label, help, shape, parser, String::valueOf, values -> null, null, false);
    }

    /** Free text; blank counts as not given. */
    public static Setting<String> text(String key, String label, String help) {
        return of(key, label, help, Shape.VALUE, raw -> raw);
    }

    /** A whole number between {@code min} and {@code max}, both included. */
    public static Setting<Integer> integer(String key, String label, String help, int min, int max) {
        return of(key, label, help, Shape.VALUE, raw -> {
            int value;
            try {
                value = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number");
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return value;
        });
    }

    /** A whole number of something (bytes, rows per second) between {@code min} and {@code max}. */
    public static Setting<Long> longInteger(String key, String label, String help, long min, long max) {
        return of(key, label, help, Shape.VALUE, raw -> {
            long value;
            try {
                value = Long.parseLong(raw);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number");
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return value;
        });
    }

    /** A switch, false unless given: {@code --key}, {@code --key=true|false}, {@code yes/no}, {@code on/off}, 1/0. */
    public static Setting<Boolean> flag(String key, String help) {
        return new Setting<>(key, "BOOL", help, Shape.SWITCH, Setting::parseBoolean, String::valueOf,
                values -> false, null, false);
    }

    /** A file or directory path (not checked here: the program says what is wrong with it when it uses it). */
    public static Setting<Path> path(String key, String label, String help) {
        return of(key, label, help, Shape.VALUE, Path::of);
    }

    /** A duration written as a number of {@code unit}s (e.g. days, milliseconds), between {@code min} and {@code max}. */
    public static Setting<Duration> duration(String key, String label, String help, java.time.temporal.ChronoUnit unit,
                                             long min, long max) {
        Setting<Long> number = longInteger(key, label, help, min, max);
        return new Setting<>(key, label, help, Shape.VALUE, raw -> Duration.of(number.parse(raw), unit),
                value -> String.valueOf(value.toMillis() / unit.getDuration().toMillis()), values -> null, null, false);
    }

    /** A duration written like {@code 90s}, {@code 5m}, {@code 2h}, {@code 1d} or {@code 250ms}, at least {@code min}. */
    public static Setting<Duration> interval(String key, String label, String help, Duration min) {
        return new Setting<>(key, label, help, Shape.VALUE, raw -> {
            Duration value = Intervals.parse(raw);
            if (value.compareTo(min) < 0) {
                throw new IllegalArgumentException("must be at least " + Intervals.format(min));
            }
            return value;
        }, Intervals::format, values -> null, null, false);
    }

    /** A time zone id such as {@code America/Chicago} or {@code UTC}. */
    public static Setting<ZoneId> zone(String key, String label, String help) {
        return new Setting<>(key, label, help, Shape.VALUE, ZoneId::of, ZoneId::getId, values -> null, null, false);
    }

    /** One of the constants of {@code type}, written in lower case with '-' for '_'. */
    public static <E extends Enum<E>> Setting<E> choice(String key, String help, Class<E> type) {
        E[] constants = type.getEnumConstants();
        String names = Arrays.stream(constants).map(Setting::choiceName).collect(Collectors.joining("|"));
        return new Setting<>(key, names, help, Shape.VALUE, raw -> {
            for (E constant : constants) {
                if (choiceName(constant).equals(raw.toLowerCase(Locale.ROOT).replace('_', '-'))) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("expected one of " + names.replace("|", ", "));
        }, Setting::choiceName, values -> null, null, false);
    }

    /**
     * Repeatable {@code NAME=VALUE} pairs (Kafka client properties, say): {@code --key NAME=VALUE} per pair on the
     * command line, {@code key.NAME=VALUE} lines in the config file, and {@code GPULEDGER_<KEY>_<NAME>} in the
     * environment with the name upper case and '_' for '.' ({@code GPULEDGER_KAFKA_PROPERTY_SECURITY_PROTOCOL}).
     */
    public static Setting<Map<String, String>> properties(String key, String label, String help) {
        return new Setting<>(key, label, help, Shape.NAMED_VALUES, raw -> parseProperties(List.of(raw)),
                value -> value.entrySet().stream()
                        .map(e -> e.getKey() + "=" + (isSensitiveName(e.getKey()) ? "(secret)" : e.getValue()))
                        .collect(Collectors.joining(",")),
                values -> Map.of(), null, false);
    }

    /**
     * A value of a program's own type (a schedule expression, say): {@code parser} validates, its exception's
     * message says what was expected; {@code printer} writes what {@code parser} reads.
     */
    public static <T> Setting<T> parsed(String key, String label, String help, Function<String, T> parser,
            Function<T, String> printer) {
        return new Setting<>(key, label, help, Shape.VALUE, parser, printer, values -> null, null, false);
    }

    /** Repeatable values: {@code --key A --key B}, or a comma-separated list ({@code A,B}) anywhere. */
    public static Setting<List<String>> list(String key, String label, String help) {
        return new Setting<>(key, label, help, Shape.REPEATABLE, Setting::splitList,
                value -> String.join(",", value), values -> List.of(), null, false);
    }

    /** Whether a property name holds a credential ({@code sasl.jaas.config}, {@code ssl.keystore.password}, ...). */
    public static boolean isSensitiveName(String name) {
        return SENSITIVE_NAME.matcher(name).find();
    }

    /** The same setting with a fixed default, shown in help as its printed value. */
    public Setting<T> defaultsTo(T value) {
        return new Setting<>(key, label, help, shape, parser, printer, values -> value, printer.apply(value), secret,
                aliases);
    }

    /** The same setting with a fixed default shown in help as {@code shown}. */
    public Setting<T> defaultsTo(T value, String shown) {
        return new Setting<>(key, label, help, shape, parser, printer, values -> value, shown, secret, aliases);
    }

    /** The same setting with a default that depends on other settings (e.g. a folder under the data folder). */
    public Setting<T> derivedDefault(Function<SettingValues, T> derive, String shown) {
        return new Setting<>(key, label, help, shape, parser, printer, derive, shown, secret, aliases);
    }

    /** The same setting, never printed: startup lines and {@code describe()} show only whether it is set. */
    public Setting<T> secret() {
        return new Setting<>(key, label, help, shape, parser, printer, defaultValue, defaultShown, true, aliases);
    }

    /** The same setting with another help text (a program that uses a shared setting in its own way). */
    public Setting<T> withHelp(String newHelp) {
        return new Setting<>(key, label, newHelp, shape, parser, printer, defaultValue, defaultShown, secret, aliases);
    }

    /**
     * The same setting, also accepted on the command line as {@code --alias} (only there: the environment variable
     * and the config-file key stay those of {@link #key()}). For flag names that users' scripts already carry, such
     * as the original report tool's {@code --smtp-server}.
     */
    public Setting<T> alsoKnownAs(String... flagNames) {
        List<String> all = new ArrayList<>(aliases);
        for (String name : flagNames) {
            if (!name.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*") || name.equals(key)) {
                throw new IllegalArgumentException("an alias of '" + key + "' must be another lower-case key: " + name);
            }
            all.add(name);
        }
        return new Setting<>(key, label, help, shape, parser, printer, defaultValue, defaultShown, secret, all);
    }

    /** The key and then the aliases: every name the command line accepts, without dashes. */
    public List<String> flagNames() {
        List<String> names = new ArrayList<>();
        names.add(key);
        names.addAll(aliases);
        return names;
    }

    /** The other command-line names of this setting, without dashes (see {@link #alsoKnownAs}). */
    public List<String> aliases() {
        return aliases;
    }

    public String key() {
        return key;
    }

    public String flagName() {
        return "--" + key;
    }

    public String environmentVariable() {
        return "GPULEDGER_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    public String label() {
        return label;
    }

    public String help() {
        return help;
    }

    public Shape shape() {
        return shape;
    }

    public boolean isSecret() {
        return secret;
    }

    /** The default as help shows it, or null when there is none worth showing. */
    public String defaultShown() {
        return defaultShown;
    }

    /** Parses and validates one raw value; the message of the exception says what was expected. */
    public T parse(String raw) {
        return parser.apply(raw);
    }

    /** A value written the way {@link #parse} reads it. */
    public String print(T value) {
        return value == null ? "" : printer.apply(value);
    }

    T defaultValue(SettingValues values) {
        return defaultValue.apply(values);
    }

    @Override
    public String toString() {
        return flagName();
    }

    private static String choiceName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static boolean parseBoolean(String raw) {
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    static List<String> splitList(String raw) {
        List<String> values = new ArrayList<>();
        for (String part : raw.split(",")) {
            if (!part.isBlank()) {
                values.add(part.strip());
            }
        }
        return List.copyOf(values);
    }

    /** {@code NAME=VALUE} pairs in order; a later pair of the same name wins. */
    static Map<String, String> parseProperties(List<String> pairs) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("expected NAME=VALUE, got '" + pair + "'");
            }
            properties.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
        }
        return java.util.Collections.unmodifiableMap(properties);
    }
}
