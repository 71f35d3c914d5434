/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverless4j.core.Invocation;
import io.serverless4j.idempotency.IdempotencyDeadlineException;
import io.serverless4j.idempotency.spi.IdempotencyRecord.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link IdempotencyStore} must have, as an abstract JUnit 5 test: extend it, implement
 * {@link #newStore()}, and run it. Both shipped stores pass it (the DynamoDB one against dynalite). Calls are made
 * with {@link Invocation#none()} (no deadline), except in the deadline tests: there an invocation whose deadline
 * has passed must make every operation throw {@link IdempotencyDeadlineException} and change nothing.
 *
 * <p>It lives in this module's test jar ({@code serverless4j-idempotency}, classifier {@code tests}), not in
 * {@code serverless4j-testing}: see docs/idempotency.md, "Testing your own store", for why.
 */
public abstract class IdempotencyStoreContract {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00.123Z");
    private static final Invocation NONE = Invocation.none();

    /** An invocation whose deadline is now: no store call may start in it. */
    private static Invocation noTimeLeft() {
        return Invocation.none().withTimeLimit(Duration.ZERO);
    }

    private IdempotencyStore store;

    /**
     * A new, empty store (or one whose records cannot collide with other tests').
     *
     * @return the store under test
     */
    protected abstract IdempotencyStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private static String newId() {
        return "contract#" + UUID.randomUUID().toString().replace("-", "") + "0".repeat(32);
    }

    private static IdempotencyRecord lock(String id, Instant now) {
        return IdempotencyRecord.inProgress(id, now.plus(Duration.ofHours(1)), now.plus(Duration.ofMinutes(5)),
                "hash-1");
    }

    @Test
    void theFirstPutOfAKeyTakesItAndStoresTheRecord() {
        String id = newId();
        IdempotencyRecord record = lock(id, NOW);

        assertThat(store.putInProgress(record, NOW, NONE)).isEmpty();
        assertThat(store.get(id, NONE)).contains(record);
    }

    @Test
    void aSecondPutIsRefusedWithTheStoredRecord() {
        String id = newId();
        IdempotencyRecord first = lock(id, NOW);
        store.putInProgress(first, NOW, NONE);

        Optional<IdempotencyRecord> refused = store.putInProgress(lock(id, NOW.plusMillis(10)), NOW.plusMillis(10),
                NONE);

        assertThat(refused).contains(first);
        assertThat(store.get(id, NONE)).contains(first);
    }

    @Test
    void aCompletedRecordRefusesPutsAndCarriesTheResult() {
        String id = newId();
        IdempotencyRecord first = lock(id, NOW);
        store.putInProgress(first, NOW, NONE);
        IdempotencyRecord completed = first.completed("{\"total\":42}", NOW.plus(Duration.ofHours(2)));
        store.complete(completed, NONE);

        Optional<IdempotencyRecord> refused = store.putInProgress(lock(id, NOW.plusSeconds(1)), NOW.plusSeconds(1),
                NONE);

        assertThat(refused).contains(completed);
        assertThat(refused.get().status()).isEqualTo(Status.COMPLETED);
        assertThat(refused.get().inProgressExpiration()).isNull();
        assertThat(refused.get().data()).isEqualTo("{\"total\":42}");
        assertThat(refused.get().payloadHash()).isEqualTo("hash-1");
    }

    @Test
    void anExpiredCompletedRecordIsReplaced() {
        String id = newId();
        store.putInProgress(lock(id, NOW), NOW, NONE);
        store.complete(store.get(id, NONE).orElseThrow().completed("1", NOW.plusSeconds(60)), NONE);
        Instant later = NOW.plusSeconds(61);

        assertThat(store.putInProgress(lock(id, later), later, NONE)).isEmpty();
        assertThat(store.get(id, NONE).orElseThrow().status()).isEqualTo(Status.IN_PROGRESS);
    }

    @Test
    void aCompletedRecordStillCountsInItsLastSecond() {
        String id = newId();
        store.putInProgress(lock(id, NOW), NOW, NONE);
        store.complete(store.get(id, NONE).orElseThrow().completed("1", NOW.plusSeconds(60)), NONE);
        Instant lastSecond = NOW.plusSeconds(60);

        assertThat(store.putInProgress(lock(id, lastSecond), lastSecond, NONE)).isPresent();
    }

    @Test
    void anInProgressLockPastItsInProgressExpirationIsTakenOver() {
        String id = newId();
        IdempotencyRecord crashed = IdempotencyRecord.inProgress(id, NOW.plus(Duration.ofHours(1)),
                NOW.plusMillis(300), null);
        store.putInProgress(crashed, NOW, NONE);

        assertThat(store.putInProgress(lock(id, NOW.plusMillis(300)), NOW.plusMillis(300), NONE))
                .as("at the lock's last millisecond it still holds").isPresent();
        Instant after = NOW.plusMillis(301);
        IdempotencyRecord retry = lock(id, after);
        assertThat(store.putInProgress(retry, after, NONE)).isEmpty();
        assertThat(store.get(id, NONE)).contains(retry);
    }

    @Test
    void deleteRemovesAnInProgressRecordSoTheKeyIsFreeAgain() {
        String id = newId();
        store.putInProgress(lock(id, NOW), NOW, NONE);

        store.delete(id, NONE);

        assertThat(store.get(id, NONE)).isEmpty();
        assertThat(store.putInProgress(lock(id, NOW), NOW, NONE)).isEmpty();
    }

    @Test
    void deleteNeverRemovesACompletedRecord() {
        String id = newId();
        store.putInProgress(lock(id, NOW), NOW, NONE);
        IdempotencyRecord completed = store.get(id, NONE).orElseThrow().completed("\"done\"", NOW.plusSeconds(3600));
        store.complete(completed, NONE);

        store.delete(id, NONE);

        assertThat(store.get(id, NONE)).contains(completed);
    }

    @Test
    void deleteOfAnUnknownKeyDoesNothing() {
        String id = newId();
        store.delete(id, NONE);
        assertThat(store.get(id, NONE)).isEmpty();
    }

    @Test
    void getOfAnUnknownKeyIsEmpty() {
        assertThat(store.get(newId(), NONE)).isEmpty();
    }

    @Test
    void recordsWithoutPayloadHashRoundTrip() {
        String id = newId();
        IdempotencyRecord record = IdempotencyRecord.inProgress(id, NOW.plusSeconds(10), NOW.plusSeconds(5), null);
        store.putInProgress(record, NOW, NONE);
        store.complete(record.completed("null", NOW.plusSeconds(20)), NONE);

        IdempotencyRecord stored = store.get(id, NONE).orElseThrow();
        assertThat(stored.payloadHash()).isNull();
        assertThat(stored.data()).isEqualTo("null");
        assertThat(stored.expiration()).isEqualTo(Instant.ofEpochSecond(NOW.plusSeconds(20).getEpochSecond()));
    }

    @Test
    void keysDifferingOnlyInTheirHashAreIndependent() {
        String a = newId();
        String b = newId();
        store.putInProgress(lock(a, NOW), NOW, NONE);

        assertThat(store.putInProgress(lock(b, NOW), NOW, NONE)).isEmpty();
        store.delete(a, NONE);
        assertThat(store.get(b, NONE)).isPresent();
    }

    @Test
    void ofSixteenConcurrentPutsOfOneKeyExactlyOneSucceeds() throws Exception {
        String id = newId();
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Optional<IdempotencyRecord>>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                IdempotencyRecord mine = IdempotencyRecord.inProgress(id, NOW.plusSeconds(3600),
                        NOW.plusSeconds(60 + i), "hash-" + i);
                Callable<Optional<IdempotencyRecord>> put = () -> {
                    start.await();
                    return store.putInProgress(mine, NOW, NONE);
                };
                results.add(pool.submit(put));
            }
            start.countDown();
            List<IdempotencyRecord> refusedWith = new ArrayList<>();
            int taken = 0;
            for (Future<Optional<IdempotencyRecord>> result : results) {
                Optional<IdempotencyRecord> r = result.get(60, TimeUnit.SECONDS);
                if (r.isEmpty()) {
                    taken++;
                } else {
                    refusedWith.add(r.get());
                }
            }
            assertThat(taken).isEqualTo(1);
            IdempotencyRecord winner = store.get(id, NONE).orElseThrow();
            assertThat(refusedWith).hasSize(threads - 1).allSatisfy(r -> assertThat(r).isEqualTo(winner));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withNoTimeLeftAPutThrowsTheDeadlineErrorAndTakesNothing() {
        String id = newId();

        assertThatThrownBy(() -> store.putInProgress(lock(id, NOW), NOW, noTimeLeft()))
                .isInstanceOfSatisfying(IdempotencyDeadlineException.class,
                        e -> assertThat(e.hashedKey()).contains(id));
        assertThat(store.get(id, NONE)).isEmpty();
    }

    @Test
    void withNoTimeLeftACompletionThrowsTheDeadlineErrorAndTheLockStaysAsItWas() {
        String id = newId();
        IdempotencyRecord lock = lock(id, NOW);
        store.putInProgress(lock, NOW, NONE);

        assertThatThrownBy(() -> store.complete(lock.completed("1", NOW.plusSeconds(60)), noTimeLeft()))
                .isInstanceOf(IdempotencyDeadlineException.class);
        assertThat(store.get(id, NONE)).contains(lock);
    }

    @Test
    void withNoTimeLeftDeleteAndGetThrowTheDeadlineErrorAndChangeNothing() {
        String id = newId();
        IdempotencyRecord lock = lock(id, NOW);
        store.putInProgress(lock, NOW, NONE);

        assertThatThrownBy(() -> store.delete(id, noTimeLeft())).isInstanceOf(IdempotencyDeadlineException.class);
        assertThatThrownBy(() -> store.get(id, noTimeLeft())).isInstanceOf(IdempotencyDeadlineException.class);
        assertThat(store.get(id, NONE)).contains(lock);
    }

    @Test
    void primingWritesNothing() {
        store.prime();
        String id = newId();
        assertThat(store.get(id, NONE)).isEmpty();
        assertThat(store.putInProgress(lock(id, NOW), NOW, NONE)).isEmpty();
    }
}
