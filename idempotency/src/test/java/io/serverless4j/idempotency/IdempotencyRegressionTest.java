/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.serverless4j.testing.TestLambdaContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The idempotency bugs of issue 12, each pinned by name. (The store calls that outlived the invocation under
 * throttling are pinned against dynalite by {@link IdempotencyDeadlineIT}.)
 */
class IdempotencyRegressionTest {

    record Payment(String orderId, Instant paidAt) {}

    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
    private final MutableClock clock = MutableClock.startingNow();
    private final AtomicInteger executions = new AtomicInteger();

    private Payment pay() {
        executions.incrementAndGet();
        return new Payment("o-1", Instant.parse("2026-11-25T12:00:00Z"));
    }

    @Test
    void anInstantResultNoLongerRunsTheWorkThenLeavesTheKeyLockedForFifteenMinutes() {
        // Before: the default mapper could not write an Instant; the work ran, the call failed, and the key stayed
        // locked for 15 minutes, after which the work ran again.
        Idempotency byDefault = Idempotency.builder().store(store).keyPrefix("payments").clock(clock)
                .localCacheMaxEntries(0).build();
        assertThat(byDefault.execute("o-1", "p", null, Payment.class, this::pay))
                .isEqualTo(byDefault.execute("o-1", "p", null, Payment.class, this::pay));
        assertThat(executions).hasValue(1);

        // With a mapper that cannot write it, nothing runs and nothing is locked.
        Idempotency plain = byDefault.toBuilder().objectMapper(new ObjectMapper()).build();
        assertThatThrownBy(() -> plain.execute("o-2", "p", null, Payment.class, this::pay))
                .isInstanceOf(IdempotencyResultException.class);
        assertThat(executions).hasValue(1);
        assertThat(store.record(plain.hashedKey("o-2"))).isEmpty();
    }

    @Test
    void aRealContextNoLongerGetsAFifteenMinuteLock() {
        Idempotency idempotency = Idempotency.builder().store(store).keyPrefix("payments").clock(clock)
                .keepRecordWhen(failure -> true).build();

        assertThatThrownBy(() -> idempotency.execute("o-1", "p", TestLambdaContext.onFakeClock(Duration.ofSeconds(3)),
                Payment.class, () -> {
                    throw new IllegalStateException("crash");
                })).isInstanceOf(IllegalStateException.class);
        assertThat(store.record(idempotency.hashedKey("o-1")).orElseThrow().inProgressExpiration())
                .isEqualTo(clock.instant().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS));
        assertThatThrownBy(() -> idempotency.execute("o-2", "p", TestLambdaContext.onFakeClock(Duration.ZERO),
                Payment.class, this::pay)).isInstanceOf(IdempotencyDeadlineException.class);
        assertThat(store.record(idempotency.hashedKey("o-2"))).as("no default lock for a context at its end")
                .isEmpty();
    }

    @Test
    void aCallerCanNowTellAFreshResultFromAReplayedOne() {
        Idempotency idempotency = Idempotency.builder().store(store).keyPrefix("payments").build();
        assertThat(idempotency.executeWithOutcome("o-1", "p", null, Payment.class, this::pay).replayed()).isFalse();
        assertThat(idempotency.executeWithOutcome("o-1", "p", null, Payment.class, this::pay).replayed()).isTrue();
    }
}
