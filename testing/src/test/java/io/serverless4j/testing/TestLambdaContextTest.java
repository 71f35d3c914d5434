/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TestLambdaContextTest {

    @Test
    void aFakeClockStandsStillUntilAdvanced() {
        TestLambdaContext context = TestLambdaContext.onFakeClock(Duration.ofSeconds(3));
        assertThat(context.getRemainingTimeInMillis()).isEqualTo(3000);
        context.advance(Duration.ofMillis(2500));
        assertThat(context.getRemainingTimeInMillis()).isEqualTo(500);
        assertThat(context.nanoTime()).isEqualTo(Duration.ofMillis(2500).toNanos());
        context.advance(Duration.ofSeconds(1));
        assertThat(context.getRemainingTimeInMillis()).isZero();
        assertThat(context.remainingTime()).isNegative();
    }

    @Test
    void aRealTimeContextCountsDownAndCannotBeAdvanced() throws InterruptedException {
        TestLambdaContext context = TestLambdaContext.withRemainingTime(Duration.ofSeconds(10));
        Thread.sleep(20);
        assertThat(context.getRemainingTimeInMillis()).isLessThan(10_000).isGreaterThan(0);
        assertThatThrownBy(() -> context.advance(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void derivedContextsShareTheClockButNotTheIds() {
        TestLambdaContext context = TestLambdaContext.onFakeClock(Duration.ofSeconds(5));
        TestLambdaContext named = context.withRequestId("req-1").withFunctionName("orders");
        context.advance(Duration.ofSeconds(1));
        assertThat(named.getRemainingTimeInMillis()).isEqualTo(4000);
        assertThat(named.getAwsRequestId()).isEqualTo("req-1");
        assertThat(named.getInvokedFunctionArn()).endsWith(":function:orders");
        assertThat(context.getAwsRequestId()).isNotEqualTo("req-1");
    }
}
