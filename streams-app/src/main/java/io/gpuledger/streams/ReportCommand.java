package io.gpuledger.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.ingest.cli.CliSupport;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code streams-app report --url http://host:8080 [rules §5 parameters]}: prints a report from a running instance,
 * the command-line face for people who used the original script. Only the parameters given are sent, so the
 * service's defaults and validation apply (rules §5).
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print a report from a running gpuledger instance (text by default).")
final class ReportCommand implements Callable<Integer> {

    @Mixin
    CliSupport.VerboseOption verbose;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "Base URL of a running instance. Default: ${DEFAULT-VALUE}")
    String url;

    @Option(names = "--user", paramLabel = "NAME",
            description = "User of the instance's --web-config (HTTP Basic); the password from --password-file or "
                    + "GPULEDGER_PASSWORD.")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File holding --user's password.")
    java.nio.file.Path passwordFile;

    @Option(names = "--token-file", paramLabel = "FILE", description = "File holding a bearer token instead of a user.")
    java.nio.file.Path tokenFile;

    @Option(names = "--type", description = "allocation (default), monthly, timeseries, gpu_model_snapshot")
    String type;

    @Option(names = "--hours-back", paramLabel = "N", description = "Window length in hours (1-8784). Default: 24")
    String hoursBack;

    @Option(names = "--end-time", paramLabel = "TIME", description = "Window end, YYYY-MM-DD HH:MM:SS. Default: latest snapshot")
    String endTime;

    @Option(names = "--host", description = "Only machines whose name contains this (case-insensitive).")
    String host;

    @Option(names = "--all-devices", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Keep old devices in the tables.")
    String allDevices;

    @Option(names = "--exclude-hosts", paramLabel = "YAML", description = "Inline exclusions document replacing the service's.")
    String excludeHosts;

    @Option(names = "--exclude-hosts-yaml", paramLabel = "FILE", description = "Exclusions file sent inline as --exclude-hosts.")
    Path excludeHostsFile;

    @Option(names = "--month", paramLabel = "YYYY-MM", description = "Month of a monthly report.")
    String month;

    @Option(names = "--snapshot-time", paramLabel = "TIME", description = "Target time of a GPU model snapshot.")
    String snapshotTime;

    @Option(names = "--window-minutes", paramLabel = "N", description = "GPU model snapshot window (0-60). Default: 5")
    String windowMinutes;

    @Option(names = "--gpu-model", paramLabel = "NAME", description = "Exact device name for a GPU model snapshot.")
    String gpuModel;

    @Option(names = "--bucket-minutes", paramLabel = "N", description = "Time series bucket width. Default: 15")
    String bucketMinutes;

    @Option(names = "--format", defaultValue = "text", description = "text (default), json, html, csv")
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path output;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("type", type);
        parameters.put("hours-back", hoursBack);
        parameters.put("end-time", endTime);
        parameters.put("host", host);
        parameters.put("all-devices", allDevices);
        parameters.put("exclude-hosts", excludeHostsFile != null ? Files.readString(excludeHostsFile) : excludeHosts);
        parameters.put("month", month);
        parameters.put("snapshot-time", snapshotTime);
        parameters.put("window-minutes", windowMinutes);
        parameters.put("gpu-model", gpuModel);
        parameters.put("bucket-minutes", bucketMinutes);
        parameters.put("format", format);
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, value) -> {
            if (value != null) {
                query.append(query.length() == 0 ? '?' : '&').append(name).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        URI uri = URI.create(url.replaceAll("/+$", "") + "/api/v1/report" + query);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).GET();
            String authorization = authorization();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException("cannot reach " + url + ": " + whyUnreachable(e), e);
        }
        if (response.statusCode() / 100 != 2) {
            System.err.println("report: " + errorMessage(response.body()) + " (HTTP " + response.statusCode() + ")");
            return response.statusCode() == 400 ? CliSupport.EXIT_USAGE : CliSupport.EXIT_FAILURE;
        }
        if (output != null) {
            Files.writeString(output, response.body(), StandardCharsets.UTF_8);
        } else {
            System.out.print(response.body());
            if (!response.body().endsWith("\n")) {
                System.out.println();
            }
        }
        return CliSupport.EXIT_OK;
    }

    /** What a person can act on, instead of the HTTP client's exception class names. */
    static String whyUnreachable(IOException failure) {
        if (failure instanceof HttpConnectTimeoutException) {
            return "no answer to the connection within 10 s (wrong host, or a firewall drops it)";
        }
        if (failure instanceof HttpTimeoutException) {
            return "connected, but no answer within 5 minutes";
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "nothing listens there (is streams-app running, and on this port?)";
            }
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return "unknown host name";
            }
            if (cause instanceof ClosedChannelException || cause instanceof EOFException) {
                return "the connection was closed before an answer came (an HTTPS port asked over http://, or the "
                        + "service is stopping)";
            }
            if (cause instanceof SSLException) {
                return "TLS failed: " + CliSupport.oneLine(cause);
            }
        }
        return CliSupport.oneLine(failure);
    }

    private static String errorMessage(String body) {
        try {
            JsonNode json = new ObjectMapper().readTree(body);
            if (json != null && json.hasNonNull("error")) {
                // A 404 for missing data names the range the history holds: the month or window to ask instead.
                return json.get("error").asText()
                        + (json.hasNonNull("history") ? "; " + json.get("history").asText() : "");
            }
        } catch (IOException e) {
            // not JSON: show the body itself
        }
        return body.strip().lines().findFirst().orElse("empty response");
    }    /** The credentials to send, read from their files (never from a flag, which {@code ps} would show). */
    private String authorization() throws IOException {
        if (tokenFile != null) {
            return "Bearer " + java.nio.file.Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        }
        if (user == null) {
            return null;
        }
        String password = passwordFile != null
                ? java.nio.file.Files.readString(passwordFile, StandardCharsets.UTF_8).strip()
                : System.getenv("GPULEDGER_PASSWORD");
        if (password == null) {
            throw new IllegalArgumentException("--user needs --password-file FILE or GPULEDGER_PASSWORD");
        }
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }


}
