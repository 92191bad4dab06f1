package io.gpuledger.ingest.settings;

/**
 * A command whose options come from a {@link SettingsTable}: {@code CliSupport.commandLine} adds the table's options
 * (and {@code --config}, {@code --print-example-config}) before parsing.
 */
public interface Program {

    SettingsTable settingsTable();
}
