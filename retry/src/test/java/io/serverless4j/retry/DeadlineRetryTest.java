/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

import io.serverless4j.testing.TestLambdaContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** Deadline behaviour with a fake Lambda context whose clock only moves when attempts "work" or waits "sleep". */
class DeadlineRetryTest {

    private final TestLambdaContext context = TestLambdaContext.onFakeClock(Duration.ofSeconds(3));
    private final List<Duration> waits = new ArrayList<>();

    private DeadlineRetry.Builder retry() {
        return DeadlineRetry.builder()
                .backoff(Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(5)))
                .throttledBackoff(Backoff.exponential(Duration.ofMillis(1000), Duration.ofSeconds(5)))
                .safetyMargin(Duration.ofMillis(500))
                .sleeper(d -> {
                    waits.add(d);
                    context.advance(d);
                })
                .ticker(context::nanoTime);
    }

    private static AwsServiceException error(String code, int status) {
        return DynamoDbException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).message(code).build();
    }

    @Test
    void retriesTransientFailuresUntilOneSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        String result = retry().maxAttempts(5).build().call(context, () -> {
            context.advance(Duration.ofMillis(50));
            if (calls.incrementAndGet() < 3) {
                throw error("InternalServerError", 500);
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(calls).hasValue(3);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void throttlingUsesTheThrottledSchedule() {
        AtomicInteger calls = new AtomicInteger();
        retry().maxAttempts(3).build().run(context, () -> {
            if (calls.incrementAndGet() == 1) {
                throw error("ThrottlingException", 400);
            }
        });
        assertThat(waits).containsExactly(Duration.ofMillis(1000));
    }

    @Test
    void neverStartsAWaitThatCannotFitAnotherAttemptBeforeTheDeadline() {
        // 3 s left, 500 ms margin: attempts take 700 ms; waits 100, 200, 400 ms...
        // t=0.7 fail, wait .1 -> t=0.8; t=1.5 fail, wait .2 -> 1.7; t=2.4 fail: next needs .4 + .7 > 2.5 - 2.4.
        AtomicInteger calls = new AtomicInteger();
        DeadlineRetry deadlineRetry = retry().maxAttempts(10).build();
        assertThatThrownBy(() -> deadlineRetry.call(context, () -> {
            calls.incrementAndGet();
            context.advance(Duration.ofMillis(700));
            throw error("ServiceUnavailable", 503);
        }))
                .isInstanceOfSatisfying(DeadlineExceededException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(3);
                    assertThat(e.remainingTime()).isEqualTo(Duration.ofMillis(600));
                    assertThat(e.getCause()).isInstanceOf(DynamoDbException.class);
                })
                .hasMessageContaining("stopped after 3 attempts")
                .hasMessageContaining("the next would wait 400 ms and take about 700 ms")
                .hasMessageContaining("only 600 ms remained")
                .hasMessageContaining("500 ms of it is kept as a safety margin");
        assertThat(calls).hasValue(3);
        assertThat(context.remainingTime()).isPositive();
    }

    @Test
    void doesNotStartAtAllWhenOnlyTheMarginIsLeft() {
        TestLambdaContext late = TestLambdaContext.onFakeClock(Duration.ofMillis(400));
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retry().build().call(late, calls::incrementAndGet))
                .isInstanceOfSatisfying(DeadlineExceededException.class, e -> assertThat(e.attempts()).isZero())
                .hasMessageContaining("no attempt was started: 400 ms remained, less than the safety margin of 500 ms");
        assertThat(calls).hasValue(0);
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastFailureAsCause() {
        AwsServiceException throttled = error("ThrottlingException", 400);
        DeadlineRetry deadlineRetry = retry().maxAttempts(2).build();
        assertThatThrownBy(() -> deadlineRetry.call(null, () -> {
            throw throttled;
        }))
                .isInstanceOfSatisfying(RetriesExhaustedException.class, e -> assertThat(e.attempts()).isEqualTo(2))
                .hasCause(throttled)
                .hasMessageContaining("gave up after 2 attempts");
    }

    @Test
    void nonRetryableFailuresAreRethrownUnchangedAtOnce() {
        AwsServiceException validation = error("ValidationException", 400);
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retry().maxAttempts(5).build().call(context, () -> {
            calls.incrementAndGet();
            throw validation;
        })).isSameAs(validation);
        assertThat(calls).hasValue(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void aCustomPredicateDecidesWhatIsRetried() {
        AtomicInteger calls = new AtomicInteger();
        String result = retry().retryOn(e -> e instanceof IllegalStateException).build().call(context, () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("flaky");
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
    }

    @Test
    void builderRefusesBadSettings() {
        assertThatThrownBy(() -> DeadlineRetry.builder().maxAttempts(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> DeadlineRetry.builder().safetyMargin(Duration.ofMillis(-1)))
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> DeadlineRetry.builder().backoff(null)).isInstanceOf(NullPointerException.class);
    }
}
