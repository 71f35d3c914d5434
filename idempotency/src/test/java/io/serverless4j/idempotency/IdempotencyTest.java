/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serverless4j.Serverless4jException;
import io.serverless4j.idempotency.spi.IdempotencyRecord;
import io.serverless4j.idempotency.spi.IdempotencyRecord.Status;
import io.serverless4j.idempotency.spi.IdempotencyStore;
import io.serverless4j.testing.TestLambdaContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The behaviour of {@link Idempotency} on the in-memory store. */
class IdempotencyTest {

    record Order(String orderId, int amount) {}

    record Receipt(String orderId, int charged) {}

    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
    private final MutableClock clock = MutableClock.startingNow();
    private final AtomicInteger executions = new AtomicInteger();

    private Idempotency.Builder builder() {
        return Idempotency.builder().store(store).keyPrefix("orders").clock(clock);
    }

    /** Counts down when a waiter first polls the store for a holder's result. */
    private final CountDownLatch polled = new CountDownLatch(1);

    /** The in-memory store, telling the test when a waiter polls it (no sleeping to let the waiter get there). */
    private IdempotencyStore observed() {
        return new IdempotencyStore() {
            @Override
            public java.util.Optional<IdempotencyRecord> putInProgress(IdempotencyRecord record, Instant now,
                    io.serverless4j.core.Invocation invocation) {
                return store.putInProgress(record, now, invocation);
            }

            @Override
            public void complete(IdempotencyRecord record, io.serverless4j.core.Invocation invocation) {
                store.complete(record, invocation);
            }

            @Override
            public void delete(String id, io.serverless4j.core.Invocation invocation) {
                store.delete(id, invocation);
            }

            @Override
            public java.util.Optional<IdempotencyRecord> get(String id, io.serverless4j.core.Invocation invocation) {
                java.util.Optional<IdempotencyRecord> found = store.get(id, invocation);
                polled.countDown();
                return found;
            }
        };
    }

    private Receipt charge(Order order) {
        executions.incrementAndGet();
        return new Receipt(order.orderId(), order.amount());
    }

    private Receipt execute(Idempotency idempotency, Order order) {
        return idempotency.execute(order.orderId(), order, null, Receipt.class, () -> charge(order));
    }

    @Test
    void theFirstCallRunsTheWorkAndARepeatGetsTheStoredResultWithoutRunningIt() {
        Idempotency idempotency = builder().localCacheMaxEntries(0).build();
        Order order = new Order("o-1", 42);

        Receipt first = execute(idempotency, order);
        Receipt repeat = execute(idempotency, order);

        assertThat(first).isEqualTo(new Receipt("o-1", 42));
        assertThat(repeat).isEqualTo(first);
        assertThat(executions).hasValue(1);
        IdempotencyRecord stored = store.record(idempotency.hashedKey("o-1")).orElseThrow();
        assertThat(stored.status()).isEqualTo(Status.COMPLETED);
        assertThat(stored.data()).isEqualTo("{\"orderId\":\"o-1\",\"charged\":42}");
        assertThat(stored.inProgressExpiration()).isNull();
    }

    @Test
    void differentKeysRunSeparately() {
        Idempotency idempotency = builder().build();
        execute(idempotency, new Order("o-1", 1));
        execute(idempotency, new Order("o-2", 2));
        assertThat(executions).hasValue(2);
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void theHashedKeyIsThePrefixAndTheSha256OfTheCanonicalKeyAndNeverTheRawKey() {
        Idempotency idempotency = builder().build();
        assertThat(idempotency.hashedKey("o-1"))
                .matches("orders#[0-9a-f]{64}")
                .doesNotContain("o-1");
        assertThat(idempotency.hashedKey(Map.of("b", 2, "a", 1)))
                .as("non-string keys hash as canonical JSON, properties sorted")
                .isEqualTo(idempotency.hashedKey("{\"a\":1,\"b\":2}"));
        assertThat(idempotency.hashedKey(List.of("bucket", "key", "v1"))).isEqualTo(
                idempotency.hashedKey("[\"bucket\",\"key\",\"v1\"]"));
        assertThat(idempotency.toBuilder().keyPrefix("other").build().hashedKey("o-1"))
                .isNotEqualTo(idempotency.hashedKey("o-1"));
    }

    @Test
    void theHashIsSha256OfTheKeyInHex() throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest("o-1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(builder().build().hashedKey("o-1"))
                .isEqualTo("orders#" + java.util.HexFormat.of().formatHex(digest));
    }

    @Test
    void aReusedKeyWithAnotherPayloadIsRejectedWithATypedErrorNamingTheHashedKey() {
        Idempotency idempotency = builder().localCacheMaxEntries(0).build();
        execute(idempotency, new Order("o-1", 42));

        assertThatThrownBy(() -> execute(idempotency, new Order("o-1", 43)))
                .isInstanceOfSatisfying(IdempotencyPayloadMismatchException.class, e -> {
                    assertThat(e.hashedKey()).contains(idempotency.hashedKey("o-1"));
                    assertThat(e.getMessage()).contains(idempotency.hashedKey("o-1")).doesNotContain("o-1\"")
                            .contains("new key");
                })
                .isInstanceOf(IdempotencyException.class)
                .isInstanceOf(Serverless4jException.class);
        assertThat(executions).hasValue(1);
    }

    @Test
    void theMismatchIsAlsoCaughtOnALocalCacheHit() {
        Idempotency idempotency = builder().build();
        execute(idempotency, new Order("o-1", 42));
        assertThatThrownBy(() -> execute(idempotency, new Order("o-1", 43)))
                .isInstanceOf(IdempotencyPayloadMismatchException.class);
    }

    @Test
    void withoutPayloadValidationAReusedKeyReturnsTheStoredResultWhateverThePayload() {
        Idempotency idempotency = builder().payloadValidation(PayloadValidation.none()).build();
        Receipt first = execute(idempotency, new Order("o-1", 42));
        Receipt second = execute(idempotency, new Order("o-1", 43));
        assertThat(second).isEqualTo(first);
        assertThat(store.record(idempotency.hashedKey("o-1")).orElseThrow().payloadHash()).isNull();
    }

    @Test
    void payloadValidationByJsonPointerIgnoresTheRestOfThePayload() {
        Idempotency idempotency = builder().payloadValidation(PayloadValidation.jsonPointer("/body"))
                .localCacheMaxEntries(0).build();
        Map<String, Object> delivery1 = Map.of("receiptHandle", "r1", "body", "{\"amount\":42}");
        Map<String, Object> delivery2 = Map.of("receiptHandle", "r2", "body", "{\"amount\":42}");
        Map<String, Object> changed = Map.of("receiptHandle", "r3", "body", "{\"amount\":43}");

        String a = idempotency.execute("m-1", delivery1, null, String.class, () -> "ok-" + executions.incrementAndGet());
        String b = idempotency.execute("m-1", delivery2, null, String.class, () -> "ok-" + executions.incrementAndGet());

        assertThat(a).isEqualTo("ok-1");
        assertThat(b).isEqualTo("ok-1");
        assertThatThrownBy(() -> idempotency.execute("m-1", changed, null, String.class, () -> "never"))
                .isInstanceOf(IdempotencyPayloadMismatchException.class);
    }

    @Test
    void aMissingKeyIsAnErrorByDefaultAndNothingRuns() {
        Idempotency idempotency = builder().build();
        for (Object missing : new Object[] {null, "", "  ", List.of(), Map.of()}) {
            assertThatThrownBy(() -> idempotency.execute(missing, "payload", null, String.class,
                    () -> "ran-" + executions.incrementAndGet()))
                    .isInstanceOfSatisfying(IdempotencyKeyMissingException.class, e -> {
                        assertThat(e.hashedKey()).isEmpty();
                        assertThat(e.getMessage()).contains("'orders'").contains("RUN_WITHOUT_IDEMPOTENCY");
                    });
        }
        assertThat(executions).hasValue(0);
        assertThat(store.size()).isZero();
    }

    @Test
    void aMissingKeyCanBeConfiguredToRunWithoutIdempotency() {
        Idempotency idempotency = builder().missingKey(MissingKeyPolicy.RUN_WITHOUT_IDEMPOTENCY).build();
        String first = idempotency.execute(null, "p", null, String.class, () -> "ran-" + executions.incrementAndGet());
        String second = idempotency.execute(null, "p", null, String.class, () -> "ran-" + executions.incrementAndGet());
        assertThat(List.of(first, second)).containsExactly("ran-1", "ran-2");
        assertThat(store.size()).isZero();
    }

    @Test
    void whenTheWorkThrowsTheRecordIsDeletedAndTheSameKeyRunsAgain() {
        Idempotency idempotency = builder().build();
        Order order = new Order("o-1", 42);
        IllegalStateException boom = new IllegalStateException("card declined");

        assertThatThrownBy(() -> idempotency.execute("o-1", order, null, Receipt.class, () -> {
            executions.incrementAndGet();
            throw boom;
        })).isSameAs(boom);
        assertThat(store.record(idempotency.hashedKey("o-1"))).isEmpty();

        assertThat(execute(idempotency, order)).isEqualTo(new Receipt("o-1", 42));
        assertThat(executions).hasValue(2);
    }

    @Test
    void aCheckedExceptionThrownSneakilyByTheWorkAlsoReleasesTheKeyAndReachesTheCaller() {
        Idempotency idempotency = builder().build();
        java.io.IOException checked = new java.io.IOException("disk");

        assertThatThrownBy(() -> idempotency.execute("k", "p", null, String.class, () -> sneaky(checked)))
                .isSameAs(checked);
        assertThat(store.record(idempotency.hashedKey("k"))).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static <T, E extends Throwable> T sneaky(Throwable t) throws E {
        throw (E) t;
    }

    @Test
    void failuresChosenByKeepRecordWhenKeepTheLockUntilItsInProgressExpiry() {
        class AmbiguousTimeout extends RuntimeException {
            private static final long serialVersionUID = 1L;
        }
        Idempotency idempotency = builder().keepRecordWhen(AmbiguousTimeout.class::isInstance).build();
        Order order = new Order("o-1", 42);
        TestLambdaContext context = TestLambdaContext.onFakeClock(Duration.ofSeconds(30));

        assertThatThrownBy(() -> idempotency.execute("o-1", order, context, Receipt.class, () -> {
            throw new AmbiguousTimeout();
        })).isInstanceOf(AmbiguousTimeout.class);
        IdempotencyRecord kept = store.record(idempotency.hashedKey("o-1")).orElseThrow();
        assertThat(kept.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(kept.inProgressExpiration()).isEqualTo(clock.instant().plusSeconds(30).truncatedTo(
                java.time.temporal.ChronoUnit.MILLIS));

        assertThatThrownBy(() -> execute(idempotency, order)).isInstanceOf(IdempotencyInProgressException.class);
        clock.advance(Duration.ofSeconds(31));
        assertThat(execute(idempotency, order)).isEqualTo(new Receipt("o-1", 42));
        assertThat(executions).hasValue(1);

        // Other failures still delete.
        assertThatThrownBy(() -> idempotency.execute("o-2", order, null, Receipt.class, () -> {
            throw new IllegalArgumentException();
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.record(idempotency.hashedKey("o-2"))).isEmpty();
    }

    @Test
    void aRepeatInTheSameEnvironmentIsServedFromTheLocalCacheWithoutTheStore() {
        Idempotency idempotency = builder().build();
        Order order = new Order("o-1", 42);
        execute(idempotency, order);
        store.clear();

        assertThat(execute(idempotency, order)).isEqualTo(new Receipt("o-1", 42));
        assertThat(executions).hasValue(1);
        assertThat(store.size()).as("the store was not called").isZero();
    }

    @Test
    void theLocalCacheIsBoundedAndEvictsTheLeastRecentlyUsed() {
        Idempotency idempotency = builder().localCacheMaxEntries(2).build();
        execute(idempotency, new Order("a", 1));
        execute(idempotency, new Order("b", 2));
        execute(idempotency, new Order("a", 1));
        execute(idempotency, new Order("c", 3));
        store.clear();

        execute(idempotency, new Order("a", 1));
        execute(idempotency, new Order("c", 3));
        assertThat(executions).as("a and c were cached").hasValue(3);
        execute(idempotency, new Order("b", 2));
        assertThat(executions).as("b was evicted, and its record cleared").hasValue(4);
    }

    @Test
    void aCompletedRecordExpiresAfterTheExpiryAndTheKeyRunsAgain() {
        Idempotency idempotency = builder().expiry(Duration.ofMinutes(10)).build();
        Order order = new Order("o-1", 42);
        execute(idempotency, order);

        clock.advance(Duration.ofMinutes(10));
        execute(idempotency, order);
        assertThat(executions).as("still within the expiry (to the second)").hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        execute(idempotency, order);
        assertThat(executions).as("expired: cache and store both let it run").hasValue(2);
    }

    @Test
    void aCallWhileAnotherHoldsTheKeyGetsInProgressAtOnceByDefault() throws Exception {
        Idempotency idempotency = builder().build();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> holder = pool.submit(() -> idempotency.execute("k", "p",
                    TestLambdaContext.onFakeClock(Duration.ofSeconds(20)), String.class, () -> {
                        started.countDown();
                        await(release);
                        return "first";
                    }));
            started.await();
            assertThatThrownBy(() -> idempotency.execute("k", "p", null, String.class, () -> "second"))
                    .isInstanceOfSatisfying(IdempotencyInProgressException.class, e -> {
                        assertThat(e.inProgressUntil()).isEqualTo(clock.instant().plusSeconds(20)
                                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
                        assertThat(e.getMessage()).contains(idempotency.hashedKey("k")).contains("retry");
                    });
            release.countDown();
            assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(idempotency.execute("k", "p", null, String.class, () -> "third")).isEqualTo("first");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whenConfiguredAConcurrentDuplicateWaitsForTheFirstResult() throws Exception {
        Idempotency idempotency = builder().store(observed()).waitForInProgress(Duration.ofSeconds(20)).build();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> holder = pool.submit(() -> idempotency.execute("k", "p", null, String.class, () -> {
                started.countDown();
                await(release);
                return "first";
            }));
            started.await();
            // Real time: the holder is released in real time, so the waiter's polls must wait in real time too.
            Future<String> waiter = pool.submit(() -> idempotency.execute("k", "p",
                    TestLambdaContext.withRemainingTime(Duration.ofSeconds(30)), String.class, () -> "second"));
            assertThat(polled.await(10, TimeUnit.SECONDS)).as("the waiter polls the store for the holder's result")
                    .isTrue();
            assertThat(waiter).isNotDone();
            release.countDown();
            assertThat(waiter.get(10, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWaiterTakesTheKeyOverWhenTheHolderFails() throws Exception {
        Idempotency idempotency = builder().store(observed()).waitForInProgress(Duration.ofSeconds(20)).build();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> holder = pool.submit(() -> idempotency.execute("k", "p", null, String.class, () -> {
                started.countDown();
                await(release);
                throw new IllegalStateException("holder failed");
            }));
            started.await();
            Future<String> waiter = pool.submit(() -> idempotency.execute("k", "p", null, String.class,
                    () -> "waiter ran"));
            assertThat(polled.await(10, TimeUnit.SECONDS)).as("the waiter is waiting for the holder").isTrue();
            release.countDown();
            assertThat(waiter.get(10, TimeUnit.SECONDS)).isEqualTo("waiter ran");
            assertThatThrownBy(() -> holder.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theWaitIsBoundedByTheLambdasRemainingTime() throws Exception {
        Idempotency idempotency = builder().waitForInProgress(Duration.ofMinutes(5)).build();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            pool.submit(() -> idempotency.execute("k", "p", null, String.class, () -> {
                started.countDown();
                await(release);
                return "first";
            }));
            started.await();
            // 600 ms left: the waiter gives up after 300 ms (half kept as a margin), not after the 5 minutes configured.
            long start = System.nanoTime();
            assertThatThrownBy(() -> idempotency.execute("k", "p", TestLambdaContext.onFakeClock(Duration.ofMillis(600)),
                    String.class, () -> "second")).isInstanceOf(IdempotencyInProgressException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void sixtyFourConcurrentCallsOfOneKeyRunTheWorkOnce() throws Exception {
        Idempotency idempotency = builder().build();
        int threads = 64;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        return idempotency.execute("hot", "p", null, String.class, () -> {
                            executions.incrementAndGet();
                            sleep(50);
                            return "result";
                        });
                    } catch (IdempotencyInProgressException e) {
                        return e;
                    }
                }));
            }
            go.countDown();
            for (Future<Object> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).satisfiesAnyOf(
                        r -> assertThat(r).isEqualTo("result"),
                        r -> assertThat(r).isInstanceOf(IdempotencyInProgressException.class));
            }
            assertThat(executions).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void resultsRoundTripThroughJacksonForClassesAndTypeReferences() {
        Idempotency idempotency = builder().localCacheMaxEntries(0).build();
        TypeReference<List<Receipt>> receipts = new TypeReference<>() {};
        List<Receipt> first = idempotency.execute("batch", "p", null, receipts,
                () -> List.of(new Receipt("a", 1), new Receipt("b", 2)));
        List<Receipt> repeat = idempotency.execute("batch", "p", null, receipts, List::of);

        assertThat(repeat).isEqualTo(first).containsExactly(new Receipt("a", 1), new Receipt("b", 2));

        assertThat(idempotency.execute("nothing", "p", null, Void.class, () -> null)).isNull();
        assertThat(idempotency.execute("nothing", "p", null, Void.class, () -> {
            throw new AssertionError("must not run");
        })).isNull();
    }

    @Test
    void aStoredResultThatDoesNotFitTheRequestedTypeIsATypedError() {
        Idempotency idempotency = builder().localCacheMaxEntries(0).build();
        idempotency.execute("k", "p", null, String.class, () -> "text");
        assertThatThrownBy(() -> idempotency.execute("k", "p", null, Receipt.class, () -> new Receipt("x", 1)))
                .isInstanceOfSatisfying(IdempotencyResultException.class,
                        e -> assertThat(e.getMessage()).contains(idempotency.hashedKey("k")).contains("Receipt"));
    }

    @Test
    void aResultThatCannotBeSerializedAfterTheWorkRanIsATypedErrorAndKeepsTheLockUntilTheDeadline() {
        Idempotency idempotency = builder().build();
        Object unserializable = new Object();
        assertThatThrownBy(() -> idempotency.execute("k", "p", TestLambdaContext.onFakeClock(Duration.ofSeconds(20)),
                Object.class, () -> unserializable))
                .isInstanceOfSatisfying(IdempotencyResultException.class, e -> assertThat(e.workRan()).isTrue());
        IdempotencyRecord lock = store.record(idempotency.hashedKey("k")).orElseThrow();
        assertThat(lock.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(lock.inProgressExpiration()).isEqualTo(clock.instant().plusSeconds(20)
                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    @Test
    void theLockLastsTheLambdasRemainingTimeAndTheRecordAtLeastAsLong() {
        Idempotency idempotency = builder().expiry(Duration.ofSeconds(5)).keepRecordWhen(e -> true).build();
        assertThatThrownBy(() -> idempotency.execute("k", "p", TestLambdaContext.onFakeClock(Duration.ofSeconds(90)),
                String.class, () -> {
                    throw new IllegalStateException();
                })).isInstanceOf(IllegalStateException.class);
        IdempotencyRecord lock = store.record(idempotency.hashedKey("k")).orElseThrow();
        Instant now = clock.instant();
        assertThat(lock.inProgressExpiration()).isEqualTo(now.plusSeconds(90).truncatedTo(
                java.time.temporal.ChronoUnit.MILLIS));
        assertThat(lock.expiration()).isAfter(lock.inProgressExpiration());
    }

    @Test
    void withoutAContextTheLockLastsTheDefaultRemainingTime() {
        Idempotency idempotency = builder().defaultRemainingTime(Duration.ofMinutes(2)).keepRecordWhen(e -> true)
                .build();
        assertThatThrownBy(() -> idempotency.execute("k", "p", null, String.class, () -> {
            throw new IllegalStateException();
        })).isInstanceOf(IllegalStateException.class);
        assertThat(store.record(idempotency.hashedKey("k")).orElseThrow().inProgressExpiration())
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(2)).truncatedTo(
                        java.time.temporal.ChronoUnit.MILLIS));
    }

    @Test
    void aContextWithNoTimeLeftGetsTheDeadlineErrorNotTheDefaultLock() {
        Idempotency idempotency = builder().defaultRemainingTime(Duration.ofMinutes(2)).build();
        for (TestLambdaContext late : new TestLambdaContext[] {TestLambdaContext.onFakeClock(Duration.ZERO),
                TestLambdaContext.onFakeClock(Duration.ofMillis(400))}) {
            assertThatThrownBy(() -> idempotency.execute("k", "p", late, String.class,
                    () -> "ran-" + executions.incrementAndGet()))
                    .isInstanceOfSatisfying(IdempotencyDeadlineException.class, e -> {
                        assertThat(e.workRan()).isFalse();
                        assertThat(e.getCause()).isInstanceOf(io.serverless4j.retry.DeadlineExceededException.class);
                    });
        }
        assertThat(executions).hasValue(0);
        assertThat(store.size()).isZero();
    }

    @Test
    void aDecoratedFunctionTakesItsKeyFromTheInputByFunction() {
        Idempotency idempotency = builder().build();
        IdempotentFunction<Order, Receipt> charge = idempotency.decorate(KeyExtractor.of(Order::orderId),
                Receipt.class, this::charge);

        assertThat(charge.apply(new Order("o-1", 5))).isEqualTo(new Receipt("o-1", 5));
        assertThat(charge.apply(new Order("o-1", 5), TestLambdaContext.onFakeClock(Duration.ofSeconds(3))))
                .isEqualTo(new Receipt("o-1", 5));
        assertThat(executions).hasValue(1);
        assertThatThrownBy(() -> charge.apply(new Order(null, 5)))
                .isInstanceOfSatisfying(IdempotencyKeyMissingException.class,
                        e -> assertThat(e.getMessage()).contains("the key function"));
    }

    @Test
    void aDecoratedFunctionTakesItsKeyFromAJsonPointerIntoAJsonStringBody() {
        Idempotency idempotency = builder().payloadValidation(PayloadValidation.jsonPointer("/body")).build();
        ObjectMapper mapper = new ObjectMapper();
        IdempotentFunction<Object, String> handler = idempotency.decorate(KeyExtractor.jsonPointer("/body/orderId"),
                String.class, event -> "handled-" + executions.incrementAndGet());
        Map<String, Object> event = Map.of("requestContext", Map.of("requestId", "r1"),
                "body", "{\"orderId\":\"o-9\",\"amount\":3}");
        Map<String, Object> retry = Map.of("requestContext", Map.of("requestId", "r2"),
                "body", "{\"amount\":3,\"orderId\":\"o-9\"}");

        assertThat(handler.apply(event)).isEqualTo("handled-1");
        assertThat(handler.apply(mapper.valueToTree(retry))).isEqualTo("handled-1");
        assertThat(idempotency.hashedKey("o-9")).isEqualTo(store.record(idempotency.hashedKey("o-9")).orElseThrow().id());
        assertThatThrownBy(() -> handler.apply(Map.of("body", "{\"amount\":3}")))
                .isInstanceOfSatisfying(IdempotencyKeyMissingException.class,
                        e -> assertThat(e.getMessage()).contains("JSON pointer /body/orderId"));
    }

    @Test
    void buildersValidateAtOnceAndInBuild() {
        assertThatThrownBy(() -> Idempotency.builder().store(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Idempotency.builder().keyPrefix("has space"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Idempotency.builder().keyPrefix("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Idempotency.builder().expiry(Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Idempotency.builder().localCacheMaxEntries(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Idempotency.builder().waitForInProgress(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Idempotency.builder().defaultRemainingTime(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Idempotency.builder().keyPrefix("p").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("store");
        assertThatThrownBy(() -> Idempotency.builder().store(store).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("keyPrefix");
        assertThatThrownBy(() -> KeyExtractor.jsonPointer("no-slash")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyExtractor.jsonPointer("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PayloadValidation.jsonPointer("body")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toBuilderDerivesAVariantWithoutChangingTheOriginal() {
        Idempotency original = builder().expiry(Duration.ofMinutes(1)).build();
        Idempotency variant = original.toBuilder().keyPrefix("variant").build();
        assertThat(original.hashedKey("k")).startsWith("orders#");
        assertThat(variant.hashedKey("k")).startsWith("variant#");
        assertThat(variant.toString()).contains("expiry=PT1M");
    }

    @Test
    void primingWritesNothingToTheStore() {
        Idempotency idempotency = builder().build();
        idempotency.prime();
        idempotency.prime(Map.of("orderId", "x"), new Receipt("x", 1));
        assertThat(store.size()).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
