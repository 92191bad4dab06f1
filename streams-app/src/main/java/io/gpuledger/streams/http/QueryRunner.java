package io.gpuledger.streams.http;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Computes reports on a few threads of their own, so that long reports cannot take every HTTP thread: a full queue
 * is a 503 with {@code Retry-After}, a report over the time limit a 504. Internal fan-out requests never wait here
 * (they run on the HTTP thread), so two instances computing reports that need each other cannot block each other.
 */
final class QueryRunner implements AutoCloseable {

    private final ThreadPoolExecutor executor;
    private final Duration timeout;

    QueryRunner(int threads, int queued, Duration timeout) {
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                queued == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(queued),
                runnable -> {
                    Thread thread = new Thread(runnable, "gpuledger-report-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.timeout = timeout;
    }

    /** Runs {@code report} and waits for it; exceptions it throws come out unchanged. */
    <T> T run(Callable<T> report) throws Exception {
        Future<T> future;
        try {
            future = executor.submit(report);
        } catch (RejectedExecutionException e) {
            throw ApiException.unavailable("too many reports in progress (" + executor.getActiveCount()
                    + " running, " + executor.getQueue().size() + " waiting); try again shortly", 2);
        }
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw ApiException.of(504, "the report took longer than " + timeout.toSeconds()
                    + " s and was abandoned; ask for a shorter window");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw (Error) cause;
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("the server is stopping", 5);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
