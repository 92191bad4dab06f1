package io.gpuledger.streams.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The report pool's limits: 504 past the time limit, 503 with Retry-After when full, exceptions passed through. */
class QueryRunnerTest {

    @Test
    void aReportOverTheTimeLimitIs504() {
        CountDownLatch release = new CountDownLatch(1);
        try (QueryRunner runner = new QueryRunner(1, 1, Duration.ofMillis(200))) {
            ApiException error = catchThrowableOfType(ApiException.class,
                    () -> runner.run(() -> release.await(30, TimeUnit.SECONDS)));
            assertThat(error.status()).isEqualTo(504);
            assertThat(error.getMessage()).contains("longer than");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aFullPoolIs503WithRetryAfter() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (QueryRunner runner = new QueryRunner(1, 0, Duration.ofSeconds(30))) {
            CompletableFuture<Object> busy = CompletableFuture.supplyAsync(() -> {
                try {
                    return runner.run(() -> {
                        started.countDown();
                        return release.await(30, TimeUnit.SECONDS);
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            ApiException error = catchThrowableOfType(ApiException.class, () -> runner.run(() -> "second"));
            assertThat(error.status()).isEqualTo(503);
            assertThat(error.retryAfterSeconds()).isEqualTo(2L);
            release.countDown();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(busy::isDone);
            assertThat(busy.get()).isEqualTo(true);
        }
    }

    @Test
    void exceptionsOfTheReportComeOutUnchanged() {
        try (QueryRunner runner = new QueryRunner(1, 1, Duration.ofSeconds(5))) {
            IllegalStateException error = catchThrowableOfType(IllegalStateException.class,
                    () -> runner.run(() -> {
                        throw new IllegalStateException("from the report");
                    }));
            assertThat(error).hasMessage("from the report");
        }
    }
}
