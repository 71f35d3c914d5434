/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverless4j.batch.SqsBatchResult.Reason;
import io.serverless4j.batch.SqsBatchResult.RecordFailure;
import io.serverless4j.batch.SqsEventSource.Queue;
import io.serverless4j.events.sqs.SqsEvent;
import io.serverless4j.retry.Backoff;
import io.serverless4j.testing.Fault;
import io.serverless4j.testing.FaultProxy;
import io.serverless4j.testing.LocalAws;
import io.serverless4j.testing.TestLambdaContext;
import io.serverless4j.testing.events.SqsEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Issue 18's findings, each against ElasticMQ with Lambda's event source mapping played exactly (receive, invoke,
 * delete what the response does not name), and the fault proxy where a call must be slow. Each test failed on the
 * processor before the fix.
 */
@ExtendWith(LocalAws.class)
class SqsBatchProcessorRegressionIT {

    private SqsClient sqs;
    private SqsEventSource source;

    @BeforeEach
    void eventSource(SqsClient sqs) {
        this.sqs = sqs;
        this.source = new SqsEventSource(sqs);
    }

    private Queue queue(int visibilitySeconds, String... bodies) {
        Queue queue = source.withDlq("regression-" + UUID.randomUUID(), 5,
                Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilitySeconds)));
        for (String body : bodies) {
            sqs.sendMessage(b -> b.queueUrl(queue.url()).messageBody(body));
        }
        return queue;
    }

    /** What a second delivery brings back after the queue's visibility timeout: the records the first did not do. */
    private List<String> redelivered(Queue queue, int waitSeconds) {
        return source.receive(queue, waitSeconds).stream().map(Message::body).sorted().toList();
    }

    private int inQueue(Queue queue) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queue.url())
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    @Test
    void aSlowRedeliveryBackoffCallNoLongerPushesProcessPastTheDeadline() {
        Queue queue = queue(1, "ok-1", "bad-2", "ok-3");
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.sqs());
                SqsClient slowSqs = proxy.configure(SqsClient.builder()).build()) {
            proxy.failNext("ChangeMessageVisibilityBatch", Integer.MAX_VALUE, Fault.delay(Duration.ofMillis(2500)));
            SqsBatchProcessor processor = SqsBatchProcessor.builder().sqsClient(slowSqs)
                    .redeliveryBackoff(Backoff.exponential(Duration.ofSeconds(30), Duration.ofHours(1))).build();
            TestLambdaContext context = TestLambdaContext.withRemainingTime(Duration.ofSeconds(3));

            SqsBatchResult result = source.invoke(queue, processor, (m, c) -> {
                if (m.body().startsWith("bad")) {
                    Thread.sleep(800); // the record's own work, before it fails
                    throw new IllegalStateException("bad");
                }
            }, context, 1);
            Duration left = context.remainingTime();

            // Default margin 1 s: process() returns before the deadline less the margin (a little slack for the
            // SDK's timer and building the response), so Lambda gets the response, not a timeout.
            assertThat(left).isGreaterThan(Duration.ofMillis(900));
            assertThat(result.failed()).extracting(RecordFailure::reason).containsExactly(Reason.FAILED);
            // The records that succeeded were deleted; bad-2 stays in the queue (the cut-off call may still have
            // reached SQS, so it comes back after 1 s or after its backoff: either way it is not lost).
            assertThat(redelivered(queue, 2)).isEmpty();
            assertThat(inQueue(queue)).isEqualTo(1);
        }
    }

    @Test
    void aRedeliveryBackoffThrottledOnEveryCallIsBoundedByTheDeadlineToo() {
        Queue queue = queue(1, "bad-1", "bad-2");
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.sqs());
                SqsClient throttled = proxy.configure(SqsClient.builder()).build()) {
            proxy.failNext("ChangeMessageVisibilityBatch", Integer.MAX_VALUE, Fault.throttling());
            SqsBatchProcessor processor = SqsBatchProcessor.builder().sqsClient(throttled)
                    .retryPolicy(io.serverless4j.retry.RetryPolicy.builder().maxAttempts(1_000).build())
                    .redeliveryBackoff(Backoff.exponential(Duration.ofSeconds(30), Duration.ofHours(1))).build();
            TestLambdaContext context = TestLambdaContext.withRemainingTime(Duration.ofSeconds(3));

            SqsBatchResult result = source.invoke(queue, processor, (m, c) -> {
                throw new IllegalStateException("bad");
            }, context, 1);

            assertThat(context.remainingTime()).isGreaterThan(Duration.ofMillis(900));
            assertThat(proxy.injectedFaults()).isGreaterThan(1);
            assertThat(result.failed()).hasSize(2);
            assertThat(redelivered(queue, 5)).containsExactly("bad-1", "bad-2");
        }
    }

    @Test
    void aHandlerThrowingAnErrorIsThatRecordsFailureAndTheRecordsThatSucceededDoNotRunAgain() {
        Queue queue = queue(1, "r1", "r2", "r3", "assert", "r5", "overflow", "r7");
        List<String> ran = Collections.synchronizedList(new ArrayList<>());

        SqsBatchResult result = source.invoke(queue, SqsBatchProcessor.builder().build(), (m, c) -> {
            ran.add(m.body());
            if (m.body().equals("assert")) {
                throw new AssertionError("a broken invariant");
            }
            if (m.body().equals("overflow")) {
                throw new StackOverflowError();
            }
        }, TestLambdaContext.onFakeClock(Duration.ofMinutes(1)), 1);

        assertThat(result.failed()).extracting(RecordFailure::reason).containsExactly(Reason.FAILED, Reason.FAILED);
        assertThat(result.failed()).extracting(f -> f.cause().getClass().getSimpleName())
                .containsExactlyInAnyOrder("AssertionError", "StackOverflowError");
        assertThat(ran).hasSize(7);
        assertThat(redelivered(queue, 5)).containsExactly("assert", "overflow");
    }

    @Test
    void inParallelAHandlerThrowingAnErrorIsThatRecordsFailureNotALaneFailure() {
        String[] bodies = new String[10];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = i == 4 ? "error" : "ok-" + i;
        }
        Queue queue = queue(1, bodies);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            SqsBatchResult result = source.invoke(queue, SqsBatchProcessor.builder().executor(pool).build(), (m, c) -> {
                if (m.body().equals("error")) {
                    throw new AssertionError("boom");
                }
            }, TestLambdaContext.onFakeClock(Duration.ofMinutes(1)), 1);

            assertThat(result.size()).isEqualTo(10);
            assertThat(result.failed()).singleElement().satisfies(f -> {
                assertThat(f.reason()).isEqualTo(Reason.FAILED);
                assertThat(f.cause()).isInstanceOf(AssertionError.class).hasMessage("boom");
            });
            assertThat(redelivered(queue, 5)).containsExactly("error");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anErrorAfterWhichRunningOnIsUnsafeStopsTheBatchButKeepsWhatSucceeded() {
        Queue queue = queue(1, "r1", "r2", "oom", "r4", "r5");
        List<String> ran = Collections.synchronizedList(new ArrayList<>());

        SqsBatchResult result = source.invoke(queue, SqsBatchProcessor.builder().build(), (m, c) -> {
            ran.add(m.body());
            if (m.body().equals("oom")) {
                throw new OutOfMemoryError("Java heap space (simulated)");
            }
        }, TestLambdaContext.onFakeClock(Duration.ofMinutes(1)), 1);

        assertThat(ran).as("nothing is started after the fatal error").hasSize(3);
        assertThat(result.failed()).extracting(RecordFailure::reason).containsExactly(Reason.FAILED,
                Reason.STOPPED_AFTER_FATAL_ERROR, Reason.STOPPED_AFTER_FATAL_ERROR);
        assertThat(redelivered(queue, 5)).containsExactly("oom", "r4", "r5");
    }

    @Test
    void anExecutorThatRejectsWorkReportsTheRejectedRecordsAsNotStartedAndTheOthersRunOnce() {
        Queue queue = queue(1, "a", "b", "c", "d", "e", "f");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        AtomicInteger accepted = new AtomicInteger();
        // A bounded pool that is full after two records: it refuses the rest, as an AbortPolicy pool does.
        Executor bounded = task -> {
            if (accepted.incrementAndGet() > 2) {
                throw new RejectedExecutionException("pool full");
            }
            pool.execute(task);
        };
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        try {
            SqsBatchResult result = source.invoke(queue, SqsBatchProcessor.builder().executor(bounded).build(),
                    (m, c) -> runs.computeIfAbsent(m.body(), k -> new AtomicInteger()).incrementAndGet(),
                    TestLambdaContext.onFakeClock(Duration.ofMinutes(1)), 1);

            assertThat(result.failed()).hasSize(4).extracting(RecordFailure::reason)
                    .containsOnly(Reason.REJECTED_BY_EXECUTOR);
            assertThat(runs).hasSize(2).allSatisfy((body, count) -> assertThat(count).hasValue(1));
            List<String> back = redelivered(queue, 5);
            assertThat(back).hasSize(4).doesNotContainAnyElementsOf(runs.keySet());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void subSecondBackoffsRoundUpToWholeSecondsAndNeverComeBackSooner() {
        assertThat(SqsBatchProcessor.visibilitySeconds(Duration.ofMillis(600))).isEqualTo(1);
        assertThat(SqsBatchProcessor.visibilitySeconds(Duration.ofMillis(2001))).isEqualTo(3);
        assertThat(SqsBatchProcessor.visibilitySeconds(Duration.ofSeconds(2))).isEqualTo(2);
        assertThat(SqsBatchProcessor.visibilitySeconds(Duration.ZERO)).isZero();
        assertThat(SqsBatchProcessor.visibilitySeconds(Duration.ofDays(3))).isEqualTo(12 * 3600);

        Queue queue = queue(3, "later");
        SqsBatchProcessor processor = SqsBatchProcessor.builder().sqsClient(sqs)
                .redeliveryBackoff(Backoff.exponential(Duration.ofMillis(600), Duration.ofSeconds(10))).build();
        source.invoke(queue, processor, (m, c) -> {
            throw new IllegalStateException("later");
        }, TestLambdaContext.onFakeClock(Duration.ofMinutes(1)), 1);
        long failedAt = System.nanoTime();

        assertThat(source.receive(queue, 0)).as("0.6 s became 0 s before the fix").isEmpty();
        List<Message> back = source.receive(queue, 5);
        Duration after = Duration.ofNanos(System.nanoTime() - failedAt);
        assertThat(back).hasSize(1);
        assertThat(after).as("at least the requested 0.6 s (rounded up to 1 s), sooner than the queue's 3 s")
                .isGreaterThanOrEqualTo(Duration.ofMillis(600)).isLessThan(Duration.ofMillis(2900));
    }

    @Test
    void theDeadlineRunsOnTheContextsClockSoTestsNeedNoRealSleep() {
        SqsEvent event = SqsEvents.of("a", "b", "c", "d");
        TestLambdaContext context = TestLambdaContext.onFakeClock(Duration.ofMillis(2500));
        List<String> ran = new ArrayList<>();

        long started = System.nanoTime();
        SqsBatchResult result = SqsBatchProcessor.builder().build().process(event, context, (m, c) -> {
            ran.add(m.body());
            context.advance(Duration.ofMillis(600)); // each record "takes" 600 ms of the fake clock
        });

        // Margin 1 s: a at 0, b at 0.6, c at 1.2 start; d at 1.8 would end past 2.5 - 1.0.
        assertThat(ran).containsExactly("a", "b", "c");
        assertThat(result.failed()).extracting(RecordFailure::reason).containsExactly(Reason.NOT_STARTED_BEFORE_DEADLINE);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
    }
}
