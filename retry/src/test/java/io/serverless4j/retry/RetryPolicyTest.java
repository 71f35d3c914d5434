/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.serverless4j.core.Invocation;
import io.serverless4j.testing.TestLambdaContext;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * The policy on a fake Lambda clock: attempts "take time" by advancing it, and waits advance it instead of
 * sleeping, because the context is also the invocation's {@link io.serverless4j.core.Ticker}.
 */
class RetryPolicyTest {

    private final TestLambdaContext context = TestLambdaContext.onFakeClock(Duration.ofSeconds(3));
    private final List<RetryEvent> events = new CopyOnWriteArrayList<>();

    private RetryPolicy.Builder policy() {
        return RetryPolicy.builder()
                .backoff(Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(5)))
                .throttledBackoff(Backoff.exponential(Duration.ofMillis(1000), Duration.ofSeconds(5)))
                .safetyMargin(Duration.ofMillis(500))
                .listener(events::add);
    }

    private static AwsServiceException error(String code, int status) {
        return DynamoDbException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).message(code).build();
    }

    private List<Duration> waits() {
        return events.stream().filter(e -> e.kind() == RetryEvent.Kind.RETRY).map(RetryEvent::delay).toList();
    }

    @Test
    void retriesTransientFailuresUntilOneSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        String result = policy().maxAttempts(5).build().call("Test Op", context, attempt -> {
            context.advance(Duration.ofMillis(50));
            assertThat(attempt.number()).isEqualTo(calls.get() + 1);
            if (calls.incrementAndGet() < 3) {
                throw error("InternalServerError", 500);
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(calls).hasValue(3);
        assertThat(waits()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(context.remainingTime()).as("the waits passed on the context's clock")
                .isEqualTo(Duration.ofMillis(3000 - 150 - 300));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.operation()).isEqualTo("Test Op");
            assertThat(e.errorCode()).isEqualTo("InternalServerError");
        });
    }

    @Test
    void throttlingUsesTheThrottledSchedule() {
        AtomicInteger calls = new AtomicInteger();
        policy().maxAttempts(3).build().call("Test Op", context, attempt -> {
            if (calls.incrementAndGet() == 1) {
                throw error("ThrottlingException", 400);
            }
            return null;
        });
        assertThat(waits()).containsExactly(Duration.ofMillis(1000));
    }

    @Test
    void neverStartsAWaitThatCannotFitAnotherAttemptBeforeTheDeadline() {
        // 3 s left, 500 ms margin: attempts take 700 ms; waits 100, 200, 400 ms...
        // t=0.7 fail, wait .1 -> t=0.8; t=1.5 fail, wait .2 -> 1.7; t=2.4 fail: next needs .4 + .7 > 2.5 - 2.4.
        AtomicInteger calls = new AtomicInteger();
        RetryPolicy policy = policy().maxAttempts(10).build();
        assertThatThrownBy(() -> policy.call("DynamoDB PutItem", context, attempt -> {
            calls.incrementAndGet();
            context.advance(Duration.ofMillis(700));
            throw error("ServiceUnavailable", 503);
        }))
                .isInstanceOfSatisfying(DeadlineExceededException.class, e -> {
                    assertThat(e.operation()).isEqualTo("DynamoDB PutItem");
                    assertThat(e.attempts()).isEqualTo(3);
                    assertThat(e.remainingTime()).isEqualTo(Duration.ofMillis(600));
                    assertThat(e.getCause()).isInstanceOf(DynamoDbException.class);
                })
                .hasMessageStartingWith("DynamoDB PutItem: stopped after 3 attempts")
                .hasMessageContaining("the next would wait 400 ms and take about 700 ms")
                .hasMessageContaining("only 600 ms remained")
                .hasMessageContaining("500 ms of it is kept as a safety margin");
        assertThat(calls).hasValue(3);
        assertThat(events).extracting(RetryEvent::kind).containsExactly(RetryEvent.Kind.RETRY, RetryEvent.Kind.RETRY,
                RetryEvent.Kind.DEADLINE);
        assertThat(context.remainingTime()).isPositive();
    }

    @Test
    void doesNotStartAtAllWhenOnlyTheMarginIsLeft() {
        TestLambdaContext late = TestLambdaContext.onFakeClock(Duration.ofMillis(400));
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> policy().build().call("Test Op", late, attempt -> calls.incrementAndGet()))
                .isInstanceOfSatisfying(DeadlineExceededException.class, e -> assertThat(e.attempts()).isZero())
                .hasMessageContaining("no attempt was started: 400 ms remained before the Lambda deadline, no more "
                        + "than the safety margin of 500 ms");
        assertThat(calls).hasValue(0);
    }

    @Test
    void eachAttemptsSdkTimeoutIsTheTimeLeftLessTheMarginAndTheSdksOwnRetriesAreOff() {
        TestLambdaContext context = TestLambdaContext.withRemainingTime(Duration.ofSeconds(3));
        List<Attempt> attempts = new ArrayList<>();
        policy().attemptTimeout(Duration.ofSeconds(10)).build().call("Test Op", context, attempt -> {
            attempts.add(attempt);
            return null;
        });
        Attempt first = attempts.get(0);
        assertThat(first.timeLeft()).isBetween(Duration.ofMillis(2000), Duration.ofMillis(2500));
        assertThat(first.timeout()).as("the deadline is sooner than the 10 s attempt timeout")
                .isEqualTo(first.timeLeft());
        assertThat(first.overrideConfiguration().apiCallTimeout()).contains(first.timeLeft());
        assertThat(first.overrideConfiguration().apiCallAttemptTimeout()).contains(first.timeLeft());
        assertThat(first.overrideConfiguration().plugins()).hasSize(1);

        attempts.clear();
        policy().attemptTimeout(Duration.ofMillis(800)).build().call("Test Op", context, attempt -> {
            attempts.add(attempt);
            return null;
        });
        assertThat(attempts.get(0).timeout()).isEqualTo(Duration.ofMillis(800));

        attempts.clear();
        policy().build().call("Test Op", Invocation.none(), attempt -> {
            attempts.add(attempt);
            return null;
        });
        assertThat(attempts.get(0).timeout()).as("outside Lambda, without an attempt timeout").isNull();
        assertThat(attempts.get(0).overrideConfiguration().apiCallTimeout()).isEmpty();

        attempts.clear();
        policy().build().call("Test Op", TestLambdaContext.onFakeClock(Duration.ofSeconds(3)), attempt -> {
            attempts.add(attempt);
            return null;
        });
        assertThat(attempts.get(0).timeout()).as("the SDK's timeouts run in real time, a fake clock sets none")
                .isNull();
    }

    @Test
    void anSdkTimeoutSetFromTheDeadlineIsADeadlineErrorNotARetry() {
        TestLambdaContext context = TestLambdaContext.withRemainingTime(Duration.ofSeconds(3));
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> policy().maxAttempts(5).build().call("Test Op", context, attempt -> {
            calls.incrementAndGet();
            throw ApiCallTimeoutException.builder().message("Client execution did not complete before the specified "
                    + "timeout configuration").build();
        }))
                .isInstanceOf(DeadlineExceededException.class)
                .hasMessageContaining("attempt 1 did not finish before the Lambda deadline less the safety margin")
                .hasCauseInstanceOf(ApiCallTimeoutException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastFailureAsCause() {
        AwsServiceException throttled = error("ThrottlingException", 400);
        RetryPolicy policy = policy().maxAttempts(2).build();
        assertThatThrownBy(() -> policy.call("Test Op", Invocation.none(context), attempt -> {
            throw throttled;
        }))
                .isInstanceOfSatisfying(RetriesExhaustedException.class, e -> assertThat(e.attempts()).isEqualTo(2))
                .hasCause(throttled)
                .hasMessageContaining("Test Op: gave up after 2 attempts");
        assertThat(events).extracting(RetryEvent::kind).containsExactly(RetryEvent.Kind.RETRY,
                RetryEvent.Kind.RETRIES_EXHAUSTED);
    }

    @Test
    void nonRetryableFailuresAreRethrownUnchangedAtOnce() {
        AwsServiceException validation = error("ValidationException", 400);
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> policy().maxAttempts(5).build().call("Test Op", context, attempt -> {
            calls.incrementAndGet();
            throw validation;
        })).isSameAs(validation);
        assertThat(calls).hasValue(1);
        assertThat(events).isEmpty();
    }

    @Test
    void aCheckedExceptionComesBackWithItsOwnType() {
        IOException broken = new IOException("disk full");
        RetryPolicy policy = policy().retryOn(e -> false).build();
        try {
            policy.call("Test Op", context, attempt -> {
                throw broken;
            });
        } catch (IOException e) {
            assertThat(e).isSameAs(broken);
            return;
        }
        throw new AssertionError("the IOException did not come back");
    }

    @Test
    void aCustomPredicateDecidesWhatIsRetried() {
        AtomicInteger calls = new AtomicInteger();
        String result = policy().retryOn(e -> e instanceof IllegalStateException).build().call("Test Op", context,
                attempt -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new IllegalStateException("flaky");
                    }
                    return "ok";
                });
        assertThat(result).isEqualTo("ok");
    }

    @Test
    void aListenerThatThrowsDoesNotChangeTheOutcome() {
        AtomicInteger calls = new AtomicInteger();
        String result = policy().listener(e -> {
            throw new IllegalStateException("broken listener");
        }).build().call("Test Op", context, attempt -> {
            if (calls.incrementAndGet() == 1) {
                throw error("InternalServerError", 500);
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
    }

    @Test
    void builderRefusesBadSettingsAndToBuilderKeepsThem() {
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> RetryPolicy.builder().safetyMargin(Duration.ofMillis(-1)))
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> RetryPolicy.builder().attemptTimeout(Duration.ZERO))
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> RetryPolicy.builder().backoff(null)).isInstanceOf(NullPointerException.class);

        RetryPolicy policy = policy().maxAttempts(7).build();
        RetryPolicy derived = policy.toBuilder().safetyMargin(Duration.ofSeconds(1)).build();
        assertThat(derived.maxAttempts()).isEqualTo(7);
        assertThat(derived.backoff()).isEqualTo(policy.backoff());
        assertThat(derived.safetyMargin()).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.safetyMargin()).isEqualTo(Duration.ofMillis(500));
        assertThat(RetryPolicy.defaults().maxAttempts()).isEqualTo(3);
    }

    @Test
    void asAResilience4jConfigItRetriesOnlyRetryableAwsErrorsWithItsSchedules() {
        RetryConfig config = policy().maxAttempts(4)
                .backoff(Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(4)))
                .throttledBackoff(Backoff.exponential(Duration.ofMillis(50), Duration.ofMillis(200)))
                .build().toRetryConfig();
        AtomicInteger calls = new AtomicInteger();
        String result = Retry.decorateSupplier(Retry.of("t", config), () -> {
            if (calls.incrementAndGet() < 3) {
                throw error("InternalServerError", 500);
            }
            return "ok";
        }).get();
        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(3);
        assertThat(config.getIntervalBiFunction().apply(2, io.github.resilience4j.core.functions.Either.left(
                error("ThrottlingException", 400)))).isEqualTo(100L);
        assertThat(config.getIntervalBiFunction().apply(2, io.github.resilience4j.core.functions.Either.left(
                error("InternalServerError", 500)))).isEqualTo(2L);

        AtomicInteger denied = new AtomicInteger();
        assertThatThrownBy(() -> Retry.decorateSupplier(Retry.of("t2", config), () -> {
            denied.incrementAndGet();
            throw error("AccessDeniedException", 403);
        }).get()).isInstanceOf(DynamoDbException.class);
        assertThat(denied).hasValue(1);
    }

    // --- batch APIs: per-entry retries ---

    record Entry(String id) {}

    @Test
    void retriesOnlyTheEntriesThatFailedRetryably() {
        Entry a = new Entry("a");
        Entry b = new Entry("b");
        Entry c = new Entry("c");
        List<List<String>> requests = new ArrayList<>();
        EntriesResult<Entry> result = policy().maxAttempts(4).build().callEntries("Test PutEvents",
                Invocation.of(context), List.of(a, b, c), (entries, attempt) -> {
                    requests.add(entries.stream().map(Entry::id).toList());
                    if (requests.size() == 1) {
                        return List.of(EntryFailure.of(a, "ThrottlingException", "slow down"),
                                EntryFailure.of(c, "ValidationException", "bad"));
                    }
                    return List.of();
                });
        assertThat(requests).containsExactly(List.of("a", "b", "c"), List.of("a"));
        assertThat(result.requests()).isEqualTo(2);
        assertThat(result.failed()).singleElement().satisfies(f -> {
            assertThat(f.entry()).isEqualTo(c);
            assertThat(f.errorCode()).isEqualTo("ValidationException");
            assertThat(f.attempts()).isEqualTo(1);
        });
        assertThat(waits()).as("throttled: the throttled schedule").containsExactly(Duration.ofMillis(1000));
    }

    @Test
    void entriesLeftWhenTheDeadlineNearsAreReportedWithTheDeadlineCode() {
        Entry a = new Entry("a");
        Entry b = new Entry("b");
        EntriesResult<Entry> result = policy().maxAttempts(10).build().callEntries("Test PutEvents",
                Invocation.of(context), List.of(a, b), (entries, attempt) -> {
                    context.advance(Duration.ofMillis(700));
                    return entries.stream().map(e -> EntryFailure.of(e, "InternalFailure", "oops")).toList();
                });
        assertThat(result.failed()).extracting(EntriesResult.FailedEntry::entry).containsExactly(a, b);
        assertThat(result.failed()).allSatisfy(f -> {
            assertThat(f.errorCode()).isEqualTo(RetryPolicy.DEADLINE_ERROR_CODE);
            assertThat(f.errorMessage()).contains("not retried").contains("last error InternalFailure: oops");
            assertThat(f.attempts()).isEqualTo(3);
        });
        assertThat(context.remainingTime()).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aRequestThatFailsWholeIsRetriedWholeWhenRetryableAndFailsEveryEntryOtherwise() {
        Entry a = new Entry("a");
        Entry b = new Entry("b");
        AtomicInteger sent = new AtomicInteger();
        EntriesResult<Entry> recovered = policy().build().callEntries("Test Op", Invocation.of(context),
                List.of(a, b), (entries, attempt) -> {
                    if (sent.incrementAndGet() == 1) {
                        throw error("ServiceUnavailable", 503);
                    }
                    return List.of();
                });
        assertThat(recovered.allSucceeded()).isTrue();
        assertThat(recovered.requests()).isEqualTo(2);

        EntriesResult<Entry> refused = policy().build().callEntries("Test Op", Invocation.of(context),
                List.of(a, b), (entries, attempt) -> {
                    throw error("AccessDeniedException", 403);
                });
        assertThat(refused.failed()).extracting(EntriesResult.FailedEntry::errorCode)
                .containsExactly("AccessDeniedException", "AccessDeniedException");
    }

    @Test
    void entriesOutOfAttemptsKeepTheirLastError() {
        Entry a = new Entry("a");
        EntriesResult<Entry> result = policy().maxAttempts(2).build().callEntries("Test Op", Invocation.none(context),
                List.of(a), (entries, attempt) -> List.of(EntryFailure.of(a, "ThrottlingException", "slow")));
        assertThat(result.failed()).singleElement().satisfies(f -> {
            assertThat(f.errorCode()).isEqualTo("ThrottlingException");
            assertThat(f.attempts()).isEqualTo(2);
        });
    }

    @Test
    void noEntryIsSentWhenOnlyTheMarginIsLeft() {
        TestLambdaContext late = TestLambdaContext.onFakeClock(Duration.ofMillis(400));
        AtomicInteger sent = new AtomicInteger();
        EntriesResult<Entry> result = policy().build().callEntries("Test Op", Invocation.of(late),
                List.of(new Entry("a")), (entries, attempt) -> {
                    sent.incrementAndGet();
                    return List.of();
                });
        assertThat(sent).hasValue(0);
        assertThat(result.failed()).singleElement().satisfies(f -> {
            assertThat(f.errorCode()).isEqualTo(RetryPolicy.DEADLINE_ERROR_CODE);
            assertThat(f.attempts()).isZero();
        });
    }
}
