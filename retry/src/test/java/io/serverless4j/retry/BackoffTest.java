/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration BASE = Duration.ofMillis(100);
    private static final Duration CAP = Duration.ofSeconds(20);
    private static final int SAMPLES = 20_000;

    private static DoubleSupplier seeded(long seed) {
        Random random = new Random(seed);
        return random::nextDouble;
    }

    private static long curveMillis(int attempt) {
        return Math.min(CAP.toMillis(), BASE.toMillis() << (attempt - 1));
    }

    @Test
    void exponentialDoublesFromTheBaseUntilTheCap() {
        Backoff backoff = Backoff.exponential(BASE, CAP);
        assertThat(IntStream.rangeClosed(1, 10).mapToObj(n -> backoff.delay(n).toMillis()))
                .containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 6400L, 12800L, 20000L, 20000L);
    }

    @Test
    void hugeAttemptNumbersStayAtTheCapWithoutOverflow() {
        for (Backoff.Strategy strategy : Backoff.Strategy.values()) {
            Backoff backoff = Backoff.of(strategy, BASE, CAP);
            for (int attempt : new int[] {40, 63, 64, 1000, Integer.MAX_VALUE}) {
                assertThat(backoff.delay(attempt, () -> 0.999_999)).isBetween(Duration.ZERO, CAP);
            }
        }
        assertThat(Backoff.exponential(BASE, CAP).delay(Integer.MAX_VALUE)).isEqualTo(CAP);
    }

    @Test
    void fullJitterIsUniformOverTheWholeCurveUpToItsValue() {
        Backoff backoff = Backoff.fullJitter(BASE, CAP);
        DoubleSupplier random = seeded(7);
        for (int attempt = 1; attempt <= 12; attempt++) {
            long curve = curveMillis(attempt);
            double sum = 0;
            long min = Long.MAX_VALUE;
            long max = 0;
            for (int i = 0; i < SAMPLES; i++) {
                long ms = backoff.delay(attempt, random).toMillis();
                sum += ms;
                min = Math.min(min, ms);
                max = Math.max(max, ms);
            }
            assertThat(min).as("attempt %d min", attempt).isGreaterThanOrEqualTo(0).isLessThan(curve / 50 + 1);
            assertThat(max).as("attempt %d max", attempt).isLessThanOrEqualTo(curve).isGreaterThan(curve * 49 / 50 - 1);
            // Uniform on [0, curve]: mean curve/2. A ±factor jitter around the curve would have a mean near curve.
            assertThat(sum / SAMPLES).as("attempt %d mean", attempt).isCloseTo(curve / 2.0, within(curve * 0.02));
        }
    }

    @Test
    void equalJitterNeverWaitsLessThanHalfTheCurve() {
        Backoff backoff = Backoff.equalJitter(BASE, CAP);
        DoubleSupplier random = seeded(11);
        for (int attempt = 1; attempt <= 12; attempt++) {
            long curve = curveMillis(attempt);
            double sum = 0;
            for (int i = 0; i < SAMPLES; i++) {
                long ms = backoff.delay(attempt, random).toMillis();
                assertThat(ms).isBetween(curve / 2, curve);
                sum += ms;
            }
            assertThat(sum / SAMPLES).isCloseTo(curve * 0.75, within(curve * 0.02));
        }
    }

    @Test
    void decorrelatedJitterStaysBetweenBaseAndCapAndGrowsWithAttempts() {
        Backoff backoff = Backoff.decorrelatedJitter(BASE, CAP);
        DoubleSupplier random = seeded(13);
        double previousMean = 0;
        for (int attempt = 1; attempt <= 6; attempt++) {
            double sum = 0;
            for (int i = 0; i < SAMPLES; i++) {
                Duration d = backoff.delay(attempt, random);
                assertThat(d).isBetween(BASE, CAP);
                sum += d.toMillis();
            }
            double mean = sum / SAMPLES;
            assertThat(mean).as("mean of attempt %d", attempt).isGreaterThan(previousMean);
            previousMean = mean;
        }
        // First wait: uniform in [base, 3 * base].
        assertThat(backoff.delay(1, () -> 0.0)).isEqualTo(BASE);
        assertThat(backoff.delay(1, () -> 0.5)).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void theResilience4jFunctionsFollowTheSchedule() {
        Backoff backoff = Backoff.exponential(BASE, CAP);
        assertThat(backoff.toIntervalFunction().apply(3)).isEqualTo(400L);
        assertThat(backoff.<String>toIntervalBiFunction().apply(4, null)).isEqualTo(800L);
    }

    @Test
    void presetsAreTheSdkStandardModeSchedules() {
        assertThat(Backoff.standard()).isEqualTo(Backoff.fullJitter(Duration.ofMillis(100), Duration.ofSeconds(20)));
        assertThat(Backoff.throttled()).isEqualTo(Backoff.fullJitter(Duration.ofSeconds(1), Duration.ofSeconds(20)));
    }

    @Test
    void badSchedulesAreRefusedAtOnce() {
        assertThatThrownBy(() -> Backoff.fullJitter(Duration.ZERO, CAP)).hasMessageContaining("base must be positive");
        assertThatThrownBy(() -> Backoff.fullJitter(CAP, BASE)).hasMessageContaining("must not be below base");
        assertThatThrownBy(() -> Backoff.standard().delay(0)).hasMessageContaining("start at 1");
    }
}
