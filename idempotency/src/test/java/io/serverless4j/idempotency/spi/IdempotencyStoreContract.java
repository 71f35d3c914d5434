/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency.spi;

import static org.assertj.core.api.Assertions.assertThat;

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
 * {@link #newStore()}, and run it. Both shipped stores pass it (the DynamoDB one against dynalite).
 *
 * <p>It lives in this module's test jar ({@code serverless4j-idempotency}, classifier {@code tests}), not in
 * {@code serverless4j-testing}: see docs/idempotency.md, "Testing your own store", for why.
 */
public abstract class IdempotencyStoreContract {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00.123Z");

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

        assertThat(store.putInProgress(record, NOW)).isEmpty();
        assertThat(store.get(id)).contains(record);
    }

    @Test
    void aSecondPutIsRefusedWithTheStoredRecord() {
        String id = newId();
        IdempotencyRecord first = lock(id, NOW);
        store.putInProgress(first, NOW);

        Optional<IdempotencyRecord> refused = store.putInProgress(lock(id, NOW.plusMillis(10)), NOW.plusMillis(10));

        assertThat(refused).contains(first);
        assertThat(store.get(id)).contains(first);
    }

    @Test
    void aCompletedRecordRefusesPutsAndCarriesTheResult() {
        String id = newId();
        IdempotencyRecord first = lock(id, NOW);
        store.putInProgress(first, NOW);
        IdempotencyRecord completed = first.completed("{\"total\":42}", NOW.plus(Duration.ofHours(2)));
        store.complete(completed);

        Optional<IdempotencyRecord> refused = store.putInProgress(lock(id, NOW.plusSeconds(1)), NOW.plusSeconds(1));

        assertThat(refused).contains(completed);
        assertThat(refused.get().status()).isEqualTo(Status.COMPLETED);
        assertThat(refused.get().inProgressExpiration()).isNull();
        assertThat(refused.get().data()).isEqualTo("{\"total\":42}");
        assertThat(refused.get().payloadHash()).isEqualTo("hash-1");
    }

    @Test
    void anExpiredCompletedRecordIsReplaced() {
        String id = newId();
        store.putInProgress(lock(id, NOW), NOW);
        store.complete(store.get(id).orElseThrow().completed("1", NOW.plusSeconds(60)));
        Instant later = NOW.plusSeconds(61);

        assertThat(store.putInProgress(lock(id, later), later)).isEmpty();
        assertThat(store.get(id).orElseThrow().status()).isEqualTo(Status.IN_PROGRESS);
    }

    @Test
    void aCompletedRecordStillCountsInItsLastSecond() {
        String id = newId();
        store.putInProgress(lock(id, NOW), NOW);
        store.complete(store.get(id).orElseThrow().completed("1", NOW.plusSeconds(60)));
        Instant lastSecond = NOW.plusSeconds(60);

        assertThat(store.putInProgress(lock(id, lastSecond), lastSecond)).isPresent();
    }

    @Test
    void anInProgressLockPastItsInProgressExpirationIsTakenOver() {
        String id = newId();
        IdempotencyRecord crashed = IdempotencyRecord.inProgress(id, NOW.plus(Duration.ofHours(1)),
                NOW.plusMillis(300), null);
        store.putInProgress(crashed, NOW);

        assertThat(store.putInProgress(lock(id, NOW.plusMillis(300)), NOW.plusMillis(300)))
                .as("at the lock's last millisecond it still holds").isPresent();
        Instant after = NOW.plusMillis(301);
        IdempotencyRecord retry = lock(id, after);
        assertThat(store.putInProgress(retry, after)).isEmpty();
        assertThat(store.get(id)).contains(retry);
    }

    @Test
    void deleteRemovesAnInProgressRecordSoTheKeyIsFreeAgain() {
        String id = newId();
        store.putInProgress(lock(id, NOW), NOW);

        store.delete(id);

        assertThat(store.get(id)).isEmpty();
        assertThat(store.putInProgress(lock(id, NOW), NOW)).isEmpty();
    }

    @Test
    void deleteNeverRemovesACompletedRecord() {
        String id = newId();
        store.putInProgress(lock(id, NOW), NOW);
        IdempotencyRecord completed = store.get(id).orElseThrow().completed("\"done\"", NOW.plusSeconds(3600));
        store.complete(completed);

        store.delete(id);

        assertThat(store.get(id)).contains(completed);
    }

    @Test
    void deleteOfAnUnknownKeyDoesNothing() {
        String id = newId();
        store.delete(id);
        assertThat(store.get(id)).isEmpty();
    }

    @Test
    void getOfAnUnknownKeyIsEmpty() {
        assertThat(store.get(newId())).isEmpty();
    }

    @Test
    void recordsWithoutPayloadHashRoundTrip() {
        String id = newId();
        IdempotencyRecord record = IdempotencyRecord.inProgress(id, NOW.plusSeconds(10), NOW.plusSeconds(5), null);
        store.putInProgress(record, NOW);
        store.complete(record.completed("null", NOW.plusSeconds(20)));

        IdempotencyRecord stored = store.get(id).orElseThrow();
        assertThat(stored.payloadHash()).isNull();
        assertThat(stored.data()).isEqualTo("null");
        assertThat(stored.expiration()).isEqualTo(Instant.ofEpochSecond(NOW.plusSeconds(20).getEpochSecond()));
    }

    @Test
    void keysDifferingOnlyInTheirHashAreIndependent() {
        String a = newId();
        String b = newId();
        store.putInProgress(lock(a, NOW), NOW);

        assertThat(store.putInProgress(lock(b, NOW), NOW)).isEmpty();
        store.delete(a);
        assertThat(store.get(b)).isPresent();
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
                    return store.putInProgress(mine, NOW);
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
            IdempotencyRecord winner = store.get(id).orElseThrow();
            assertThat(refusedWith).hasSize(threads - 1).allSatisfy(r -> assertThat(r).isEqualTo(winner));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void primingWritesNothing() {
        store.prime();
        String id = newId();
        assertThat(store.get(id)).isEmpty();
        assertThat(store.putInProgress(lock(id, NOW), NOW)).isEmpty();
    }
}
