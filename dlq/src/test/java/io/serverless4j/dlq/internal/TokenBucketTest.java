/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    /** A fake clock that the fake sleeper advances, so waits are exact and the test takes no time. */
    private long now;
    private final List<Long> sleeps = new ArrayList<>();

    private TokenBucket bucket(double rate, double capacity, double initial) {
        return new TokenBucket(rate, capacity, initial, () -> now, nanos -> {
            sleeps.add(nanos);
            now += nanos;
        });
    }

    @Test
    void pacesBatchesToTheRateBySleepingOncePerCall() throws InterruptedException {
        TokenBucket bucket = bucket(100, 100, 10);

        for (int i = 0; i < 100; i++) {
            bucket.acquire(10);
        }

        // 1,000 permits at 100/s with 10 up front: 9.9 s, in 99 sleeps (no spinning: one sleep per waiting call).
        assertThat(now).isEqualTo(9_900_000_000L);
        assertThat(sleeps).hasSize(99).allSatisfy(s -> assertThat(s).isEqualTo(100_000_000L));
    }

    @Test
    void servesWhatAccruedWithoutSleepingButNeverMoreThanTheCapacity() throws InterruptedException {
        TokenBucket bucket = bucket(10, 20, 0);
        now += 60_000_000_000L; // a minute idle: only 20 tokens are saved up

        assertThat(bucket.acquire(20)).isZero();
        assertThat(bucket.acquire(10)).isEqualTo(1_000_000_000L);
        assertThat(sleeps).containsExactly(1_000_000_000L);
    }

    @Test
    void laterCallersSeeTheDebtOfEarlierOnesAndWaitLonger() throws InterruptedException {
        // No sleeper advancing the clock: as if two workers asked at the same instant.
        TokenBucket bucket = new TokenBucket(10, 10, 0, () -> now, nanos -> sleeps.add(nanos));

        bucket.acquire(10);
        bucket.acquire(10);

        assertThat(sleeps).containsExactly(1_000_000_000L, 2_000_000_000L);
    }

    @Test
    void tryAcquireTakesNothingWhenTheWaitWouldBeTooLong() throws InterruptedException {
        TokenBucket bucket = bucket(10, 10, 10);
        bucket.acquire(10);

        assertThat(bucket.tryAcquire(10, 999_999_999L)).isEqualTo(-1);
        assertThat(sleeps).isEmpty();
        assertThat(bucket.tryAcquire(10, 1_000_000_000L)).isEqualTo(1_000_000_000L);
        assertThat(sleeps).containsExactly(1_000_000_000L);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> bucket(0, 10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bucket(Double.POSITIVE_INFINITY, 10, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bucket(1, 0.5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bucket(1, 10, 11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bucket(1, 10, 0).acquire(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forRateAllowsOneBatchAtOnceAndBurstsOfAtMostOneSecond() throws InterruptedException {
        TokenBucket bucket = TokenBucket.forRate(1000);
        assertThat(bucket.acquire(10)).isZero();
    }
}
