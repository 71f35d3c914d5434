/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverless4j.core.Invocation;
import io.serverless4j.dlq.DlqReplayReport.StopReason;
import io.serverless4j.testing.TestLambdaContext;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The replay's time rules, on a fake clock. */
class ReplayDeadlineTest {

    private static final Duration MARGIN = Duration.ofMillis(500);
    private static final Duration WAIT = Duration.ofSeconds(1);

    @Test
    void startsABatchOnlyWhileTheTimeLeftLessTheMarginHoldsABatchAndTheReceiveWait() {
        TestLambdaContext context = TestLambdaContext.onFakeClock(Duration.ofSeconds(3));
        ReplayDeadline deadline = new ReplayDeadline(Invocation.of(context), null, MARGIN);

        assertThat(deadline.refuseBatch(WAIT)).isNull();
        assertThat(deadline.receiveWaitSeconds(WAIT)).isEqualTo(1);
        context.advance(Duration.ofMillis(500)); // 2 s left less the margin: one second for the batch, one to wait
        assertThat(deadline.refuseBatch(WAIT)).isNull();
        context.advance(Duration.ofMillis(1));
        assertThat(deadline.refuseBatch(WAIT)).isEqualTo(StopReason.DEADLINE);
    }

    @Test
    void keepsAsMuchTimeAsTheLongestBatchTookAndShortensTheReceiveWaitToLeaveIt() {
        TestLambdaContext context = TestLambdaContext.onFakeClock(Duration.ofSeconds(10));
        ReplayDeadline deadline = new ReplayDeadline(Invocation.of(context), null, MARGIN);

        deadline.batchTook(Duration.ofSeconds(3).toNanos());
        deadline.batchTook(Duration.ofSeconds(2).toNanos());

        assertThat(deadline.batchNanos()).isEqualTo(Duration.ofSeconds(3).toNanos());
        assertThat(deadline.receiveWaitSeconds(Duration.ofSeconds(20))).isEqualTo(6); // 9.5 s left less 3 s
        context.advance(Duration.ofMillis(5_600)); // 3.9 s left less the margin: 3 s batch + 0.9 s
        assertThat(deadline.refuseBatch(Duration.ofSeconds(20))).isEqualTo(StopReason.DEADLINE);
        assertThat(deadline.refuseBatch(Duration.ZERO)).as("short polling needs no wait").isNull();
    }

    @Test
    void sendsEndHalfASecondBeforeTheDeadlineSoTheDeleteHasTime() {
        TestLambdaContext context = TestLambdaContext.onFakeClock(Duration.ofSeconds(3));
        ReplayDeadline deadline = new ReplayDeadline(Invocation.of(context), null, MARGIN);

        Invocation send = deadline.forSend();

        assertThat(send.remainingTime()).isEqualTo(Duration.ofMillis(2_500));
        context.advance(Duration.ofMillis(2_700));
        assertThat(deadline.forSend().hasTimeLeft(Duration.ZERO)).isFalse();
    }

    @Test
    void aRateLimitWaitMayNotEatTheTimeOfTheSendAndDelete() {
        TestLambdaContext context = TestLambdaContext.onFakeClock(Duration.ofSeconds(3));
        ReplayDeadline deadline = new ReplayDeadline(Invocation.of(context), null, MARGIN);

        assertThat(deadline.rateWaitLimitNanos()).isEqualTo(Duration.ofMillis(1_500).toNanos());
        context.advance(Duration.ofSeconds(2));
        assertThat(deadline.rateWaitLimitNanos()).isZero();
    }

    @Test
    void theTimeLimitStopsNewBatchesWithItsOwnReasonAndShortensTheWait() {
        TestLambdaContext context = TestLambdaContext.onFakeClock(Duration.ofMinutes(15));
        ReplayDeadline deadline = new ReplayDeadline(Invocation.of(context), Duration.ofMillis(2_500), MARGIN);

        assertThat(deadline.receiveWaitSeconds(Duration.ofSeconds(20))).isEqualTo(2);
        context.advance(Duration.ofMillis(2_500));
        assertThat(deadline.refuseBatch(WAIT)).isEqualTo(StopReason.TIME_LIMIT);
    }

    @Test
    void outsideLambdaOnlyTheTimeLimitCounts() {
        ReplayDeadline unlimited = new ReplayDeadline(Invocation.none(), null, MARGIN);

        assertThat(unlimited.refuseBatch(Duration.ofSeconds(20))).isNull();
        assertThat(unlimited.receiveWaitSeconds(Duration.ofSeconds(20))).isEqualTo(20);
        assertThat(unlimited.rateWaitLimitNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(unlimited.forSend().hasDeadline()).isFalse();
    }
}
