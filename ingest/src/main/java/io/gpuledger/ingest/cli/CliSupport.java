package io.gpuledger.ingest.cli;

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
        commandLine.setExecutionExceptionHandler(CliSupport::handleExecutionException);
        commandLine.setParameterExceptionHandler(CliSupport::handleParameterException);
        // A usage error thrown by a command's own checks is still a usage error.
        commandLine.setExitCodeExceptionMapper(
                exception -> exception instanceof ParameterException ? EXIT_USAGE : EXIT_FAILURE);
        return commandLine;
    }

    /** Runs {@code command} with {@code args} and returns the exit code. */
    public static int execute(Object command, String... args) {
        return commandLine(command).execute(args);
    }

    private static int handleExecutionException(Exception exception, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
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
