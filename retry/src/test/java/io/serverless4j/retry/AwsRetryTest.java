/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.model.SqsException;

class AwsRetryTest {

    private static AwsServiceException error(String code, int status) {
        return SqsException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).message(code).build();
    }

    private static final Backoff FAST = Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(4));
    private static final Backoff SLOW = Backoff.exponential(Duration.ofMillis(50), Duration.ofMillis(200));

    @Test
    void resilience4jRetriesOnlyRetryableAwsErrors() {
        RetryConfig config = AwsRetry.config(4, FAST, FAST);
        AtomicInteger calls = new AtomicInteger();
        String result = Retry.decorateSupplier(Retry.of("t", config), () -> {
            if (calls.incrementAndGet() < 3) {
                throw error("InternalServerError", 500);
            }
            return "ok";
        }).get();
        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(3);

        AtomicInteger denied = new AtomicInteger();
        assertThatThrownBy(() -> Retry.decorateSupplier(Retry.of("t2", config), () -> {
            denied.incrementAndGet();
            throw error("AccessDeniedException", 403);
        }).get()).isInstanceOf(SqsException.class);
        assertThat(denied).hasValue(1);
    }

    @Test
    void theIntervalFollowsTheFailuresKind() {
        IntervalBiFunction<String> intervals = AwsRetry.intervals(FAST, SLOW);
        assertThat(intervals.apply(2, Either.left(error("ThrottlingException", 400)))).isEqualTo(100L);
        assertThat(intervals.apply(2, Either.left(error("InternalServerError", 500)))).isEqualTo(2L);
        assertThat(intervals.apply(2, Either.right("a result that asked for a retry"))).isEqualTo(2L);
    }

    @Test
    void maxAttemptsMustBePositive() {
        assertThatThrownBy(() -> AwsRetry.config(0)).hasMessageContaining("at least 1");
    }
}
