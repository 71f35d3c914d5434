/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.serverless4j.idempotency.spi.IdempotencyRecord;
import io.serverless4j.idempotency.spi.IdempotencyRecord.Status;
import io.serverless4j.retry.DeadlineExceededException;
import io.serverless4j.testing.TestLambdaContext;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * "Nothing half-written" (docs/idempotency.md), on fake-clock contexts and the in-memory store, which refuses to
 * start a call for lack of time exactly as the DynamoDB store's retry policy does: the key is locked or not; a lock
 * whose work ran and could not be completed lives until the invocation's deadline and never longer, and the key runs
 * again only after it (at-least-once). {@link IdempotencyDeadlineIT} shows the same against dynalite in real time.
 */
class NothingHalfWrittenTest {

    private static final Duration REMAINING = Duration.ofSeconds(5);

    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
    private final MutableClock clock = MutableClock.startingNow();
    private final AtomicInteger executions = new AtomicInteger();
    private final Idempotency idempotency = Idempotency.builder().store(store).keyPrefix("orders").clock(clock)
            .build();

    private Instant deadlineOf(Instant start, Duration remaining) {
        return start.plus(remaining).truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void whenTheDeadlineLeavesNoRoomToTakeTheKeyNothingRunsAndNothingIsWritten() {
        // 300 ms left: less than the store's safety margin of 500 ms.
        TestLambdaContext late = TestLambdaContext.onFakeClock(Duration.ofMillis(300));

        assertThatThrownBy(() -> idempotency.execute("o-1", "p", late, String.class,
                () -> "ran-" + executions.incrementAndGet()))
                .isInstanceOfSatisfying(IdempotencyDeadlineException.class, e -> {
                    assertThat(e.workRan()).isFalse();
                    assertThat(e.getCause()).isInstanceOf(DeadlineExceededException.class);
                    assertThat(e.hashedKey()).contains(idempotency.hashedKey("o-1"));
                });
        assertThat(executions).hasValue(0);
        assertThat(store.size()).isZero();
    }

    @Test
    void whenTheWorkLeavesNoRoomToCompleteTheLockEndsAtTheDeadlineAndTheKeyRunsAgainOnlyAfterIt() {
        TestLambdaContext context = TestLambdaContext.onFakeClock(REMAINING);
        Instant start = clock.instant();

        Throwable thrown = catchThrowable(() -> idempotency.execute("o-1", "p", context, String.class, () -> {
            context.advance(Duration.ofMillis(4_800));
            return "ran-" + executions.incrementAndGet();
        }));

        assertThat(thrown).isInstanceOfSatisfying(IdempotencyDeadlineException.class, e -> {
            assertThat(e.workRan()).isTrue();
            assertThat(e.getCause()).isInstanceOf(DeadlineExceededException.class);
            assertThat(e.getMessage()).contains("ran").contains("IN_PROGRESS")
                    .contains(deadlineOf(start, REMAINING).toString());
        });
        IdempotencyRecord lock = store.record(idempotency.hashedKey("o-1")).orElseThrow();
        assertThat(lock.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(lock.inProgressExpiration()).isEqualTo(deadlineOf(start, REMAINING));
        assertThat(lock.data()).isNull();

        clock.advance(REMAINING);
        assertThatThrownBy(() -> idempotency.execute("o-1", "p", TestLambdaContext.onFakeClock(REMAINING),
                String.class, () -> "ran-" + executions.incrementAndGet()))
                .as("up to the deadline's last millisecond the lock holds")
                .isInstanceOf(IdempotencyInProgressException.class);
        clock.advance(Duration.ofMillis(1));
        assertThat(idempotency.execute("o-1", "p", TestLambdaContext.onFakeClock(REMAINING), String.class,
                () -> "ran-" + executions.incrementAndGet())).as("after it, at-least-once").isEqualTo("ran-2");
    }

    @Test
    void whenTheWorkFailsWithNoTimeLeftToReleaseTheKeyItsOwnExceptionComesBackAndTheLockEndsAtTheDeadline() {
        TestLambdaContext context = TestLambdaContext.onFakeClock(REMAINING);
        Instant start = clock.instant();
        IOException failure = new IOException("payment provider timed out");

        Throwable thrown = catchThrowable(() -> idempotency.execute("o-1", "p", context, String.class, () -> {
            context.advance(Duration.ofMillis(4_800));
            throw failure;
        }));

        assertThat(thrown).isSameAs(failure);
        assertThat(failure.getSuppressed()).singleElement().isInstanceOf(IdempotencyDeadlineException.class);
        IdempotencyRecord lock = store.record(idempotency.hashedKey("o-1")).orElseThrow();
        assertThat(lock.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(lock.inProgressExpiration()).isEqualTo(deadlineOf(start, REMAINING));
    }

    @Test
    void aCompletedResultIsStoredWholeOrNotAtAll() {
        TestLambdaContext context = TestLambdaContext.onFakeClock(REMAINING);
        assertThat(idempotency.execute("o-1", "p", context, String.class, () -> "charged")).isEqualTo("charged");

        IdempotencyRecord completed = store.record(idempotency.hashedKey("o-1")).orElseThrow();
        assertThat(completed.status()).isEqualTo(Status.COMPLETED);
        assertThat(completed.data()).isEqualTo("\"charged\"");
        assertThat(completed.inProgressExpiration()).isNull();
    }
}
