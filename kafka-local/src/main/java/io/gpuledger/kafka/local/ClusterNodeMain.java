package io.gpuledger.kafka.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * One node of the three-node cluster as its own process, so a fault test can {@code kill -9} a broker:
 * {@code java -cp kafka-local.jar io.gpuledger.kafka.local.ClusterNodeMain --data-dir DIR --node 1|2|3}. The three
 * processes share DIR: the first writes the layout ({@value KafkaLocalCluster#LAYOUT_FILE_NAME}: cluster id and
 * ports), every node keeps its log under {@code DIR/node-N}. Prints {@code bootstrap=127.0.0.1:PORT} (this node) once
 * started; runs until SIGTERM or SIGINT. Exit codes: 1 when the node cannot start, 2 for bad arguments.
 */
public final class ClusterNodeMain {

    private static final String USAGE = "usage: ClusterNodeMain --data-dir DIR --node 1|2|3";

    private ClusterNodeMain() {
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "io/gpuledger/kafka/local/kafka-local-logback.xml");
        }
        Path dataDir = null;
        int node = -1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(args[i + 1]).toAbsolutePath();
                case "--node" -> node = parseNode(args[i + 1]);
                default -> node = -2;
            }
        }
        if (dataDir == null || node < 0 || args.length % 2 != 0) {
            System.err.println("error: bad arguments");
            System.err.println(USAGE);
            System.exit(2);
        }
        KafkaLocalCluster cluster = KafkaLocalCluster.open(dataDir, Duration.ofMinutes(2));
        int index = node - 1;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cluster.stopNode(index);
            } finally {
                stopped.countDown();
            }
        }, "kafka-local-node-shutdown"));
        String bootstrap;
        try {
            bootstrap = cluster.startOneNode(index);
        } catch (RuntimeException e) {
            System.err.println("error: node " + node + " did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println(KafkaLocalMain.BOOTSTRAP_PREFIX + bootstrap);
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int parseNode(String text) {
        try {
            int node = Integer.parseInt(text.trim());
            return node >= 1 && node <= KafkaLocalCluster.NODES ? node : -2;
        } catch (NumberFormatException e) {
            return -2;
        }
    }
}
