package io.gpuledger.streams.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.testdata.SpecExamples;
import io.gpuledger.streams.query.StoreUnavailableException;
import io.gpuledger.streams.topology.TopologyHarness;
import io.gpuledger.streams.window.QueryConfig;
import io.gpuledger.streams.window.SummarySource;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ownership, failures and the scrape cache of the allocation gauges, over rules Example A. */
class AllocationGaugesTest {

    private TopologyHarness harness;
    private PrometheusMeterRegistry registry;
    private CountingInputs inputs;

    /** Delegates to the harness, counting computations; ownership and failure are switchable. */
    private static final class CountingInputs implements GaugeInputs {
        final GaugeInputs delegate;
        final AtomicInteger liveSources = new AtomicInteger();
        final AtomicBoolean owner = new AtomicBoolean(true);
        final AtomicBoolean failing = new AtomicBoolean(false);

        CountingInputs(GaugeInputs delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean ownsRollups() {
            return owner.get();
        }

        @Override
        public long latestSnapshotMicros() {
            if (failing.get()) {
                throw new StoreUnavailableException("store bucket-rollups is not queryable here now: rebalancing");
            }
            return delegate.latestSnapshotMicros();
        }

        @Override
        public long earliestBucketMicros() {
            return delegate.earliestBucketMicros();
        }

        @Override
        public QueryConfig config() {
            return delegate.config();
        }

        @Override
        public SummarySource liveSource() {
            liveSources.incrementAndGet();
            return delegate.liveSource();
        }

        @Override
        public SummarySource historySource() {
            return delegate.historySource();
        }

        @Override
        public void forEachBucket(long fromBucket, long toBucket, LongConsumer visitor) {
            delegate.forEachBucket(fromBucket, toBucket, visitor);
        }
    }

    @BeforeEach
    void pipeExampleA() {
        harness = new TopologyHarness();
        harness.pipe(SpecExamples.exampleA().snapshots());
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        inputs = new CountingInputs(HarnessGaugeInputs.of(harness, QueryConfig.defaults()));
    }

    @AfterEach
    void close() {
        registry.close();
        harness.close();
    }

    private AllocationGauges gauges(Duration maxAge) {
        return new AllocationGauges(registry, inputs, CollectorZone.of("UTC"), Clock.systemUTC(), maxAge);
    }

    private String scrape() {
        return registry.scrape(GpuLedgerMetrics.PROMETHEUS_TEXT);
    }

    @Test
    void anInstanceThatDoesNotOwnTheRollupsExportsOnlyItsOwnerFlag() {
        inputs.owner.set(false);
        AllocationGauges gauges = gauges(Duration.ZERO);
        gauges.refresh();
        String text = scrape();
        assertThat(text).contains("gpuledger_allocation_owner 0.0");
        assertThat(text).doesNotContain("gpuledger_class_allocation_ratio{")
                .doesNotContain("gpuledger_latest_snapshot_timestamp_seconds ");
        assertThat(gauges.owner()).isFalse();

        // Ownership moves here: the families appear at the next refresh.
        inputs.owner.set(true);
        gauges.refresh();
        assertThat(scrape()).contains("gpuledger_allocation_owner 1.0")
                .contains("gpuledger_class_allocation_ratio{bucket=\"complete\",class=\"Shared\"} 0.5");
    }

    @Test
    void storesThatCannotBeQueriedRemoveTheFamiliesAndCountAFailure() {
        AllocationGauges gauges = gauges(Duration.ZERO);
        gauges.refresh();
        assertThat(scrape()).contains("gpuledger_total_allocation_ratio{bucket=\"complete\",total=\"all\"} 0.5");

        inputs.failing.set(true);
        gauges.refresh();
        String text = scrape();
        assertThat(text).doesNotContain("gpuledger_total_allocation_ratio{")
                .doesNotContain("gpuledger_complete_bucket_age_seconds ")
                .contains("gpuledger_allocation_refresh_failures_total 1.0");
    }

    @Test
    void scrapesWithinTheMaximumAgeReuseTheComputedValues() {
        AllocationGauges cached = gauges(Duration.ofHours(1));
        cached.refreshIfStale();
        cached.refreshIfStale();
        cached.refreshIfStale();
        assertThat(inputs.liveSources).hasValue(1);
    }

    @Test
    void staleValuesAreRecomputedAtTheNextScrape() {
        AllocationGauges uncached = gauges(Duration.ZERO);
        uncached.refreshIfStale();
        uncached.refreshIfStale();
        assertThat(inputs.liveSources).hasValue(2);
        assertThat(scrape()).contains("gpuledger_allocation_refresh_seconds_count 2");
    }
}
