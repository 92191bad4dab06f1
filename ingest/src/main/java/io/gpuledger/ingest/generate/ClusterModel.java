package io.gpuledger.ingest.generate;

import java.util.List;

/**
 * The generated pool: its machines (sorted by host) and its users. Built deterministically from the settings' seed
 * and host count; the cadence and time span play no part, so two runs over different months share one pool.
 *
 * @param machines       every machine, sorted by host
 * @param users          every user who may run a job
 * @param heavyH200Users the users who fill the open-capacity H200 machines, most active first
 * @param backfillUsers  the users whose jobs run in backfill slots, most active first
 */
public record ClusterModel(List<MachineSpec> machines, List<User> users, List<User> heavyH200Users,
        List<User> backfillUsers) {

    public ClusterModel {
        machines = List.copyOf(machines);
        users = List.copyOf(users);
        heavyH200Users = List.copyOf(heavyH200Users);
        backfillUsers = List.copyOf(backfillUsers);
    }

    public static ClusterModel build(GeneratorSettings settings) {
        return new ClusterBuilder(settings.hosts(), settings.seed(), settings.cornerMachines()).build();
    }

    public int gpuCount() {
        return machines.stream().mapToInt(machine -> machine.gpus().size()).sum();
    }
}
