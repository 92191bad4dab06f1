package io.gpuledger.kafka.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Picks ports on 127.0.0.1 that are free right now. The controller port must be known before the broker binds it
 * (it goes into the listeners and the quorum settings), so Kafka's own "port 0" cannot be used; the small race
 * with another process taking the port in between is handled by {@link EmbeddedKafkaBroker} retrying.
 */
final class FreePorts {

    private FreePorts() {
    }

    static int pick() {
        try (ServerSocket socket = new ServerSocket()) {
            // No SO_REUSEADDR: a port still in TIME_WAIT from a previous broker is not handed out again.
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    static int pickOtherThan(int taken) {
        for (int attempt = 0; attempt < 10; attempt++) {
            int port = pick();
            if (port != taken) {
                return port;
            }
        }
        throw new KafkaLocalException("no free port on 127.0.0.1 other than " + taken);
    }

    /** True when nothing listens on the port and it can be bound again. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
