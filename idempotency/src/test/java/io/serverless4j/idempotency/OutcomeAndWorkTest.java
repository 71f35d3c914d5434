/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.type.TypeReference;
import io.serverless4j.idempotency.spi.IdempotencyRecord.Status;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Fresh or replayed results, work that throws checked exceptions, and work without a result. */
class OutcomeAndWorkTest {

    record Receipt(String orderId, int charged) {}

    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
    private final AtomicInteger executions = new AtomicInteger();

    private Idempotency.Builder builder() {
        return Idempotency.builder().store(store).keyPrefix("orders");
    }

    private Receipt charge() {
        executions.incrementAndGet();
        return new Receipt("o-1", 42);
    }

    @Test
    void theFirstResultIsFreshAndARepeatIsReplayedFromTheCacheOrTheStore() {
        Idempotency idempotency = builder().build();

        IdempotencyOutcome<Receipt> first = idempotency.executeWithOutcome("o-1", "p", null, Receipt.class,
                this::charge);
        IdempotencyOutcome<Receipt> cached = idempotency.executeWithOutcome("o-1", "p", null, Receipt.class,
                this::charge);
        IdempotencyOutcome<Receipt> stored = builder().build().executeWithOutcome("o-1", "p", null, Receipt.class,
                this::charge);

        assertThat(first.fresh()).isTrue();
        assertThat(first.replayed()).isFalse();
        assertThat(List.of(cached, stored)).allSatisfy(repeat -> {
            assertThat(repeat.replayed()).isTrue();
            assertThat(repeat.value()).isEqualTo(first.value());
            assertThat(repeat.hashedKey()).isEqualTo(idempotency.hashedKey("o-1"));
        });
        assertThat(first.hashedKey()).isEqualTo(idempotency.hashedKey("o-1"));
        assertThat(executions).hasValue(1);
        assertThat(idempotency.executeWithOutcome("o-2", "p", null, new TypeReference<List<Receipt>>() {},
                () -> List.of(new Receipt("o-2", 1))).fresh()).isTrue();
    }

    @Test
    void aCallWithoutAKeyThatRunsUnprotectedIsFreshWithoutAHashedKey() {
        IdempotencyOutcome<String> outcome = builder().missingKey(MissingKeyPolicy.RUN_WITHOUT_IDEMPOTENCY).build()
                .executeWithOutcome(null, "p", null, String.class, () -> "ran");
        assertThat(outcome).isEqualTo(new IdempotencyOutcome<>("ran", false, null));
    }

    @Test
    void aCheckedExceptionOfTheWorkComesBackUnchangedWithItsOwnType() {
        Idempotency idempotency = builder().build();
        IOException disk = new IOException("disk");
        try {
            idempotency.execute("k", "p", null, String.class, () -> {
                throw disk;
            });
            fail("the work threw");
        } catch (IOException e) {
            // The compiler knows the work throws IOException: no wrapper, no catch of Exception.
            assertThat(e).isSameAs(disk);
        }
        assertThat(store.size()).as("the record was released").isZero();
    }

    @Test
    void workWithoutAResultRunsOnceAndStoresOnlyAMarker() {
        Idempotency idempotency = builder().localCacheMaxEntries(0).build();

        idempotency.execute("m-1", "body", null, () -> executions.incrementAndGet());
        idempotency.execute("m-1", "body", null, () -> executions.incrementAndGet());

        assertThat(executions).hasValue(1);
        assertThat(store.record(idempotency.hashedKey("m-1")).orElseThrow())
                .satisfies(record -> {
                    assertThat(record.status()).isEqualTo(Status.COMPLETED);
                    assertThat(record.data()).isEqualTo("true");
                });
    }

    @Test
    void workWithoutAResultThatThrowsACheckedExceptionReleasesTheKey() throws Exception {
        Idempotency idempotency = builder().build();
        InterruptedException interrupted = new InterruptedException("stop");

        assertThatThrownBy(() -> idempotency.execute("m-1", "body", null, () -> {
            throw interrupted;
        })).isSameAs(interrupted);
        idempotency.execute("m-1", "body", null, executions::incrementAndGet);

        assertThat(executions).hasValue(1);
    }
}
