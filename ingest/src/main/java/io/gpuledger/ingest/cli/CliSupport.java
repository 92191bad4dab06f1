package io.gpuledger.ingest.cli;

import io.gpuledger.ingest.settings.Program;
import io.gpuledger.ingest.settings.SettingException;
import java.io.PrintWriter;
import java.sql.SQLException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The command-line conventions every gpuledger command shares: exit 0 ok, 1 runtime failure, 2 usage error; errors on
 * one line without a stack trace unless {@code --verbose} is given.
 */
public final class CliSupport {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    private CliSupport() {
    }

    /** Builds the command line with gpuledger's error handling; call {@code execute(args)} on the result. */
    public static CommandLine commandLine(Object command) {
        CommandLine commandLine = new CommandLine(command);
        addSettingsOptions(commandLine);
        // Wide enough that help keeps each default on its line; a terminal's own width wins when it is known.
        commandLine.setUsageHelpWidth(120);
        commandLine.setUsageHelpAutoWidth(true);
        commandLine.setExecutionExceptionHandler(CliSupport::handleExecutionException);
        commandLine.setParameterExceptionHandler(CliSupport::handleParameterException);
        // A usage error thrown by a command's own checks is still a usage error.
        commandLine.setExitCodeExceptionMapper(
                exception -> exception instanceof ParameterException ? EXIT_USAGE : EXIT_FAILURE);
        return commandLine;
    }

    /** Commands declared as a {@link Program} get their options from its settings table, subcommands too. */
    private static void addSettingsOptions(CommandLine commandLine) {
        if (commandLine.getCommand() instanceof Program program) {
            program.settingsTable().addOptions(commandLine.getCommandSpec());
        }
        commandLine.getSubcommands().values().forEach(CliSupport::addSettingsOptions);
    }

    /**
     * Makes this process log with its program's own configuration ({@code resource} on the classpath). Call first in
     * {@code main}, before any logger exists: library jars must not ship a {@code logback.xml}, which would take over
     * every program that depends on them (and make Logback print its own status lines at every start).
     */
    public static void useLoggingConfiguration(String resource) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", resource);
        }
    }

    /** Runs {@code command} with {@code args} and returns the exit code. */
    public static int execute(Object command, String... args) {
        return commandLine(command).execute(args);
    }

    private static int handleExecutionException(Exception exception, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        if (exception instanceof SettingException) {
            // A bad setting is a usage error wherever it was given (flag, environment, config file).
            err.println(qualifiedName(command) + ": " + oneLine(exception) + " (see --help)");
            err.flush();
            return EXIT_USAGE;
        }
        if (verbose(parseResult)) {
            exception.printStackTrace(err);
        } else {
            err.println(qualifiedName(command) + ": " + oneLine(exception));
        }
        err.flush();
        return EXIT_FAILURE;
    }

    /** Bad arguments: one line naming the command, a pointer to {@code --help}, exit 2. */
    private static int handleParameterException(ParameterException exception, String[] args) {
        CommandLine command = exception.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(qualifiedName(command) + ": " + oneLine(exception) + " (see --help)");
        err.flush();
        return EXIT_USAGE;
    }

    private static boolean verbose(ParseResult parseResult) {
        for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
            if (result.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static String qualifiedName(CommandLine command) {
        return command.getCommandSpec().qualifiedName();
    }

    /** The message a person needs, on one line: the exception's own message, or its type when it has none. */
    public static String oneLine(Throwable exception) {
        Throwable shown = exception;
        // Wrappers without their own message say nothing the cause does not.
        while (shown.getCause() != null && (shown.getMessage() == null
                || shown.getMessage().equals(shown.getCause().toString()))) {
            shown = shown.getCause();
        }
        String message = shown.getMessage();
        if (message == null || message.isBlank()) {
            message = shown.getClass().getSimpleName();
        }
        if (shown instanceof SQLException && !(exception instanceof SQLException)) {
            message = "SQLite: " + message;
        }
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /** Adds {@code --verbose} to a command; its presence is read by the exception handler. */
    public static final class VerboseOption {
        @CommandLine.Option(names = "--verbose", description = "Print stack traces with errors.")
        public boolean verbose;
    }
}
