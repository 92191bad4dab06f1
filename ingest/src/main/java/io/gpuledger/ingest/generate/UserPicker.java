package io.gpuledger.ingest.generate;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Picks users with Zipf-like weights: the first users of the list run most jobs, as in a real pool. */
final class UserPicker {

    private final List<User> users;
    private final double[] cumulative;

    UserPicker(List<User> users, double exponent) {
        this.users = List.copyOf(users);
        this.cumulative = new double[users.size()];
        double total = 0;
        for (int rank = 0; rank < users.size(); rank++) {
            total += 1 / Math.pow(rank + 1, exponent);
            cumulative[rank] = total;
        }
    }

    User pick(SplittableRandom random) {
        if (users.isEmpty()) {
            throw new IllegalStateException("no users to pick from");
        }
        double draw = random.nextDouble() * cumulative[cumulative.length - 1];
        int at = Arrays.binarySearch(cumulative, draw);
        return users.get(at >= 0 ? at : Math.min(-at - 1, users.size() - 1));
    }
}
