/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverless4j.core.Invocation;
import io.serverless4j.idempotency.spi.IdempotencyRecord;
import io.serverless4j.retry.RetriesExhaustedException;
import io.serverless4j.testing.CallRecorder;
import io.serverless4j.testing.Fault;
import io.serverless4j.testing.FaultProxy;
import io.serverless4j.testing.LocalAws;
import io.serverless4j.testing.TestLambdaContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Many invocations of one key at once, against dynalite behind a {@link FaultProxy}: at most one execution,
 * whatever is injected, and a clear error rather than a hang when the store stays down. Callers run on fake-clock
 * contexts, so the store's retry waits pass at once. The {@code Timeout}s are a guard against hangs, not
 * performance assertions; the deadline itself is {@link IdempotencyDeadlineIT}'s subject.
 */
@ExtendWith(LocalAws.class)
class IdempotencyUnderFaultsIT {

    private static final int THREADS = 64;

    private final CallRecorder calls = new CallRecorder();
    private final AtomicInteger executions = new AtomicInteger();
    private FaultProxy proxy;
    private long lastRunMillis;
    private DynamoDbClient dynamoDb;
    private DynamoDbIdempotencyStore store;

    @BeforeEach
    void createTableBehindAFaultProxy() {
        proxy = FaultProxy.inFrontOf(LocalAws.dynamoDb());
        dynamoDb = proxy.configure(DynamoDbClient.builder(), calls).build();
        store = DynamoDbIdempotencyStore.builder().dynamoDbClient(dynamoDb).tableName("faults-" + UUID.randomUUID()).build();
        store.createTableIfNotExists();
        calls.reset();
    }

    @AfterEach
    void close() {
        dynamoDb.close();
        proxy.close();
    }

    /** What one concurrent caller got. */
    private enum Outcome { EXECUTED, STORED_RESULT, IN_PROGRESS, STORE_UNAVAILABLE }

    /**
     * Runs {@link #THREADS} callers of one key at once, each with its own {@link Idempotency} (as separate
     * execution environments would have) on the shared store.
     */
    private List<Outcome> invokeConcurrently(Function<Integer, Idempotency> idempotencyOfCaller, long workMillis)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long start = System.nanoTime();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                Idempotency idempotency = idempotencyOfCaller.apply(i);
                futures.add(pool.submit(() -> {
                    go.await();
                    return outcomeOf(idempotency, workMillis);
                }));
            }
            go.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get(120, TimeUnit.SECONDS));
            }
            lastRunMillis = (System.nanoTime() - start) / 1_000_000;
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private Outcome outcomeOf(Idempotency idempotency, long workMillis) {
        AtomicInteger ranHere = new AtomicInteger();
        try {
            String result = idempotency.execute("order-7", Map.of("amount", 42),
                    TestLambdaContext.onFakeClock(Duration.ofSeconds(60)), String.class, () -> {
                        ranHere.incrementAndGet();
                        executions.incrementAndGet();
                        Waits.sleep(workMillis);
                        return "charged";
                    });
            assertThat(result).isEqualTo("charged");
            return ranHere.get() == 1 ? Outcome.EXECUTED : Outcome.STORED_RESULT;
        } catch (IdempotencyInProgressException e) {
            return Outcome.IN_PROGRESS;
        } catch (IdempotencyStoreException e) {
            return Outcome.STORE_UNAVAILABLE;
        }
    }

    private void report(TestReporter report, List<Outcome> outcomes) {
        Map<Outcome, Long> counts = new java.util.EnumMap<>(Outcome.class);
        outcomes.forEach(o -> counts.merge(o, 1L, Long::sum));
        String line = "outcomes " + counts + ", executions " + executions.get() + ", faults injected "
                + proxy.injectedFaults() + ", PutItem calls/attempts " + calls.calls("PutItem") + "/"
                + calls.attempts("PutItem") + ", UpdateItem calls/attempts " + calls.calls("UpdateItem") + "/"
                + calls.attempts("UpdateItem") + ", GetItem calls " + calls.calls("GetItem") + ", all callers done in "
                + lastRunMillis + " ms";
        report.publishEntry("summary", line);
        System.out.println("[IdempotencyUnderFaultsIT] " + line);
    }

    private Idempotency.Builder builder() {
        return Idempotency.builder().store(store).keyPrefix("orders");
    }

    @Test
    @Timeout(120)
    void sixtyFourCallersOfOneKeyRunTheWorkExactlyOnce(TestReporter report) throws Exception {
        List<Outcome> outcomes = invokeConcurrently(i -> builder().build(), 300);
        report(report, outcomes);

        assertThat(executions).hasValue(1);
        assertThat(outcomes).filteredOn(Outcome.EXECUTED::equals).hasSize(1);
        assertThat(outcomes).doesNotContain(Outcome.STORE_UNAVAILABLE);
        assertThat(outcomes).filteredOn(o -> o == Outcome.IN_PROGRESS || o == Outcome.STORED_RESULT)
                .hasSize(THREADS - 1);
        assertThat(calls.calls("PutItem")).isEqualTo(THREADS);
        assertThat(calls.calls("UpdateItem")).isEqualTo(1);
    }

    @Test
    @Timeout(120)
    void throttlingServerErrorsAndResetsOnPutAndUpdateNeverAllowASecondExecution(TestReporter report)
            throws Exception {
        proxy.failNext("PutItem", 40, Fault.throttling())
                .failNext("PutItem", 40, Fault.serverError())
                .failNext("PutItem", 20, Fault.connectionReset())
                .failNext("UpdateItem", 1, Fault.throttling())
                .failNext("UpdateItem", 1, Fault.serverError())
                .failNext("UpdateItem", 1, Fault.connectionReset());

        List<Outcome> outcomes = invokeConcurrently(i -> builder().build(), 300);
        report(report, outcomes);

        assertThat(executions.get()).as("never two successful executions").isLessThanOrEqualTo(1);
        assertThat(outcomes).filteredOn(Outcome.EXECUTED::equals).hasSizeLessThanOrEqualTo(1);
        assertThat(proxy.injectedFaults()).isGreaterThan(0);
        // Once the faults are used up, the key settles: one more call gets the result or a clear in-progress error.
        proxy.clearFaults();
        Outcome after = outcomeOf(builder().build(), 0);
        assertThat(executions.get()).isLessThanOrEqualTo(1);
        assertThat(after).isIn(Outcome.STORED_RESULT, Outcome.IN_PROGRESS, Outcome.EXECUTED);
    }

    @Test
    @Timeout(120)
    void whenTheStoreStaysDownEveryCallerGetsAClearErrorAfterThePolicysAttemptsAndNothingRuns(TestReporter report)
            throws Exception {
        proxy.failNext("PutItem", 100_000, Fault.serverError());

        List<Outcome> outcomes = invokeConcurrently(i -> builder().build(), 0);
        report(report, outcomes);

        assertThat(outcomes).containsOnly(Outcome.STORE_UNAVAILABLE);
        assertThat(executions).hasValue(0);
        assertThat(calls.calls("PutItem")).as("3 attempts each, by the store's RetryPolicy").isEqualTo(THREADS * 3);
        assertThat(calls.attempts("PutItem")).as("the SDK client's own retries are off").isEqualTo(THREADS * 3);
        assertThatThrownBy(() -> builder().build().execute("order-7", "p", null, String.class, () -> "never"))
                .isInstanceOfSatisfying(IdempotencyStoreException.class, e -> {
                    assertThat(e).isNotInstanceOf(IdempotencyDeadlineException.class);
                    assertThat(e.getMessage()).contains("PutItem").contains("HTTP 500").contains("after 3 attempts")
                            .contains("orders#");
                    assertThat(e.getCause()).isInstanceOf(RetriesExhaustedException.class);
                    assertThat(e.workRan()).isFalse();
                });
    }

    @Test
    @Timeout(120)
    void aStoreThatStaysThrottledIsReportedAsThrottlingAfterThePolicysAttempts() {
        proxy.failNext("PutItem", 100_000, Fault.throttling());
        Idempotency idempotency = builder().build();

        assertThatThrownBy(() -> idempotency.execute("order-7", "p", TestLambdaContext.onFakeClock(Duration.ofMinutes(1)),
                String.class, () -> "never"))
                .isInstanceOfSatisfying(IdempotencyStoreException.class,
                        e -> assertThat(e.getMessage()).contains("throttled").contains("capacity"));
        assertThat(calls.attempts("PutItem")).isEqualTo(3);
        assertThat(executions).hasValue(0);
    }

    @Test
    @Timeout(120)
    void aResultThatCannotBeSavedLetsARetryRunOnlyAfterTheInProgressExpiry() {
        MutableClock clock = MutableClock.startingNow();
        Idempotency holder = builder().clock(clock).build();
        // The holder's UpdateItem never gets through: its result is not saved and the record stays IN_PROGRESS,
        // exactly as if the invocation had died after the work; the holder is told so.
        proxy.failNext("UpdateItem", 1_000, Fault.connectionReset());
        assertThatThrownBy(() -> holder.execute("order-7", "p", TestLambdaContext.onFakeClock(Duration.ofSeconds(3)),
                String.class, () -> "charged-" + executions.incrementAndGet()))
                .isInstanceOfSatisfying(IdempotencyStoreException.class, e -> {
                    assertThat(e.workRan()).isTrue();
                    assertThat(e.getMessage()).contains("ran").contains("IN_PROGRESS");
                });
        proxy.clearFaults();
        assertThat(executions).hasValue(1);
        IdempotencyRecord stuck = store.get(holder.hashedKey("order-7"), Invocation.none()).orElseThrow();
        assertThat(stuck.status()).isEqualTo(IdempotencyRecord.Status.IN_PROGRESS);

        Idempotency retrier = builder().clock(clock).build();
        clock.advance(Duration.ofMillis(2_900));
        assertThatThrownBy(() -> retrier.execute("order-7", "p", TestLambdaContext.onFakeClock(Duration.ofSeconds(3)),
                String.class, () -> "charged-" + executions.incrementAndGet()))
                .isInstanceOf(IdempotencyInProgressException.class);
        assertThat(executions).hasValue(1);

        clock.advance(Duration.ofMillis(101));
        String retried = retrier.execute("order-7", "p", TestLambdaContext.onFakeClock(Duration.ofSeconds(3)),
                String.class, () -> "charged-" + executions.incrementAndGet());
        assertThat(retried).isEqualTo("charged-2");
        assertThat(store.get(holder.hashedKey("order-7"), Invocation.none()).orElseThrow().status())
                .isEqualTo(IdempotencyRecord.Status.COMPLETED);
    }
}
