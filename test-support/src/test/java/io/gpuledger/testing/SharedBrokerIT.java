package io.gpuledger.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A second test class, registered the long way: it gets the same broker, not a second one. */
@ExtendWith(KafkaBrokerExtension.class)
class SharedBrokerIT {

    @Test
    void secondClassReusesTheBrokerOfTheJvm(KafkaBroker broker) throws Exception {
        assertThat(KafkaBrokerExtension.startCount()).isEqualTo(1);
        assertThat(System.getProperty(KafkaBrokerExtension.DESCRIPTION_PROPERTY)).isEqualTo(broker.description());
        try (Admin admin = broker.newAdmin()) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        }
    }
}
