/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.serverless4j.core.Invocation;
import io.serverless4j.idempotency.spi.IdempotencyRecord;
import io.serverless4j.retry.DeadlineExceededException;
import io.serverless4j.retry.RetryPolicy;
import io.serverless4j.testing.CallRecorder;
import io.serverless4j.testing.Fault;
import io.serverless4j.testing.FaultProxy;
import io.serverless4j.testing.LocalAws;
import io.serverless4j.testing.TestLambdaContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * No store call outlives the invocation: dynalite behind a {@link FaultProxy} that throttles every call, or never
 * answers ({@code Fault.delay(2 minutes)}: the proxy passes the request on to dynalite and holds back the answer, so
 * the write happens and the caller never hears of it), and a context with 3 s left in real time. Each test measures
 * the wall time the caller waited and looks at the table afterwards: a record is never half-written, and a lock
 * whose fate the caller could not learn ends at the invocation's deadline, not 15 minutes later.
 */
@ExtendWith(LocalAws.class)
class IdempotencyDeadlineIT {

    private static final Duration REMAINING = Duration.ofSeconds(3);
    private static final Fault SILENT = Fault.delay(Duration.ofMinutes(2));

    record Order(String orderId, int amount) {}

    record Receipt(String orderId, int charged) {}

    private final CallRecorder calls = new CallRecorder();
    private final MutableClock clock = MutableClock.startingNow();
    private final AtomicInteger executions = new AtomicInteger();
    private FaultProxy proxy;
    private DynamoDbClient dynamoDb;
    private DynamoDbClient direct;
    private DynamoDbIdempotencyStore store;
    private String table;

    @BeforeEach
    void createTableBehindAFaultProxy() {
        proxy = FaultProxy.inFrontOf(LocalAws.dynamoDb());
        dynamoDb = proxy.configure(DynamoDbClient.builder(), calls).build();
        direct = LocalAws.dynamoDb().newClient();
        table = "deadline-" + UUID.randomUUID();
        // As many attempts as the deadline allows: the deadline, not an attempt count, must end every call here.
        store = DynamoDbIdempotencyStore.builder().dynamoDbClient(dynamoDb).tableName(table)
                .retryPolicy(RetryPolicy.builder().maxAttempts(Integer.MAX_VALUE).build()).build();
        store.createTableIfNotExists();
        calls.reset();
    }

    @AfterEach
    void close() {
        dynamoDb.close();
        direct.close();
        proxy.close();
    }

    private Idempotency idempotency() {
        return Idempotency.builder().store(store).keyPrefix("orders").clock(clock).build();
    }

    private Receipt charge(Order order) {
        executions.incrementAndGet();
        return new Receipt(order.orderId(), order.amount());
    }

    /** What one call threw, and how long its caller waited in real time. */
    private record Timed(Throwable thrown, Duration waited) {}

    private Timed executeAgainstA3SecondDeadline(Idempotency idempotency, Order order) {
        TestLambdaContext context = TestLambdaContext.withRemainingTime(REMAINING);
        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> idempotency.execute(order.orderId(), order, context, Receipt.class,
                () -> charge(order)));
        return new Timed(thrown, Duration.ofNanos(System.nanoTime() - start));
    }

    private Map<String, AttributeValue> item(String id) {
        return direct.getItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(id))).consistentRead(true))
                .item();
    }

    private void report(TestReporter reporter, String what, Timed timed) {
        String line = what + ": " + timed.thrown().getClass().getSimpleName() + " after " + timed.waited().toMillis()
                + " ms; PutItem " + calls.calls("PutItem") + ", UpdateItem " + calls.calls("UpdateItem")
                + " requests; faults injected " + proxy.injectedFaults();
        reporter.publishEntry("deadline", line);
        System.out.println("[IdempotencyDeadlineIT] " + line);
    }

    @Test
    @Timeout(60)
    void whenEveryPutItemIsThrottledTheCallerGetsTheDeadlineErrorWithinTheRemainingTimeAndNothingRuns(
            TestReporter reporter) {
        proxy.failNext("PutItem", Integer.MAX_VALUE, Fault.throttling());
        Idempotency idempotency = idempotency();

        Timed timed = executeAgainstA3SecondDeadline(idempotency, new Order("o-1", 42));
        report(reporter, "PutItem throttled", timed);

        assertThat(timed.thrown()).isInstanceOfSatisfying(IdempotencyDeadlineException.class, e -> {
            assertThat(e.workRan()).isFalse();
            assertThat(e.getCause()).isInstanceOf(DeadlineExceededException.class);
            assertThat(e.getMessage()).contains("PutItem").contains("nothing ran");
        });
        assertThat(timed.waited()).isLessThan(REMAINING);
        assertThat(calls.calls("PutItem")).as("retried while time allowed").isGreaterThanOrEqualTo(2);
        assertThat(calls.attempts("PutItem")).as("no SDK retries inside a request").isEqualTo(calls.calls("PutItem"));
        assertThat(executions).hasValue(0);
        assertThat(item(idempotency.hashedKey("o-1"))).isEmpty();
    }

    @Test
    @Timeout(60)
    void whenPutItemNeverAnswersTheCallIsCutOffBeforeTheDeadlineNothingRunsAndTheUnconfirmedLockEndsAtTheDeadline(
            TestReporter reporter) {
        proxy.failNext("PutItem", 1, SILENT);
        Idempotency idempotency = idempotency();
        Order order = new Order("o-1", 42);
        Instant start = clock.instant();

        Timed timed = executeAgainstA3SecondDeadline(idempotency, order);
        report(reporter, "PutItem silent", timed);

        assertThat(timed.thrown()).isInstanceOfSatisfying(IdempotencyDeadlineException.class, e -> {
            assertThat(e.workRan()).isFalse();
            assertThat(e.getCause()).isInstanceOf(DeadlineExceededException.class);
        });
        assertThat(timed.waited()).isLessThan(REMAINING);
        assertThat(calls.calls("PutItem")).isEqualTo(1);
        assertThat(executions).hasValue(0);

        // The request reached dynalite; only its answer was held back. The lock it wrote is whole, and ends at the
        // deadline of the invocation that could not learn it had taken the key.
        Map<String, AttributeValue> item = item(idempotency.hashedKey("o-1"));
        assertThat(item.get("status").s()).isEqualTo("IN_PROGRESS");
        Instant lockedUntil = Instant.ofEpochMilli(Long.parseLong(item.get("inProgressExpiration").n()));
        assertThat(lockedUntil).isBetween(start.plus(REMAINING).minusMillis(500), start.plus(REMAINING));
        clock.advance(Duration.between(start, lockedUntil));
        assertThatThrownBy(() -> idempotency().execute("o-1", order, TestLambdaContext.withRemainingTime(REMAINING),
                Receipt.class, () -> charge(order))).isInstanceOf(IdempotencyInProgressException.class);
        clock.advance(Duration.ofMillis(1));
        assertThat(idempotency().executeWithOutcome("o-1", order, TestLambdaContext.withRemainingTime(REMAINING),
                Receipt.class, () -> charge(order)).fresh()).isTrue();
        assertThat(executions).hasValue(1);
    }

    @Test
    @Timeout(60)
    void whenEveryUpdateItemIsThrottledTheWorkRunsOnceAndItsLockEndsAtTheDeadlineNotLater(TestReporter reporter) {
        proxy.failNext("UpdateItem", Integer.MAX_VALUE, Fault.throttling());
        theWorkRunsOnceAndItsLockEndsAtTheDeadline(reporter, "UpdateItem throttled");
    }

    @Test
    @Timeout(60)
    void whenUpdateItemNeverAnswersTheWorkRunsOnceAndTheCompletionThatLandedIsWholeAndReplayed(
            TestReporter reporter) {
        proxy.failNext("UpdateItem", 1, SILENT);
        Idempotency idempotency = idempotency();
        Order order = new Order("o-1", 42);

        Timed timed = executeAgainstA3SecondDeadline(idempotency, order);
        report(reporter, "UpdateItem silent", timed);

        assertThat(timed.thrown()).isInstanceOfSatisfying(IdempotencyDeadlineException.class, e -> {
            assertThat(e.workRan()).isTrue();
            assertThat(e.getCause()).isInstanceOf(DeadlineExceededException.class);
        });
        assertThat(timed.waited()).isLessThan(REMAINING);
        assertThat(calls.calls("UpdateItem")).isEqualTo(1);
        assertThat(executions).hasValue(1);

        // The update reached dynalite, its answer did not: the record is COMPLETED with the whole result, and a
        // retry (from another environment) replays it without running the work.
        Map<String, AttributeValue> item = item(idempotency.hashedKey("o-1"));
        assertThat(item.get("status").s()).isEqualTo("COMPLETED");
        assertThat(item.get("data").s()).isEqualTo("{\"orderId\":\"o-1\",\"charged\":42}");
        assertThat(item).doesNotContainKey("inProgressExpiration");
        IdempotencyOutcome<Receipt> retry = idempotency().executeWithOutcome("o-1", order,
                TestLambdaContext.withRemainingTime(REMAINING), Receipt.class, () -> charge(order));
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.value()).isEqualTo(new Receipt("o-1", 42));
        assertThat(executions).hasValue(1);
    }

    private void theWorkRunsOnceAndItsLockEndsAtTheDeadline(TestReporter reporter, String what) {
        Idempotency idempotency = idempotency();
        Order order = new Order("o-1", 42);
        Instant start = clock.instant();

        Timed timed = executeAgainstA3SecondDeadline(idempotency, order);
        report(reporter, what, timed);

        assertThat(timed.thrown()).isInstanceOfSatisfying(IdempotencyDeadlineException.class, e -> {
            assertThat(e.workRan()).isTrue();
            assertThat(e.getCause()).isInstanceOf(DeadlineExceededException.class);
            assertThat(e.getMessage()).contains("UpdateItem").contains("ran").contains("IN_PROGRESS");
        });
        assertThat(timed.waited()).isLessThan(REMAINING);
        assertThat(executions).hasValue(1);

        String id = idempotency.hashedKey("o-1");
        Map<String, AttributeValue> item = item(id);
        assertThat(item.get("status").s()).isEqualTo("IN_PROGRESS");
        assertThat(item).doesNotContainKey("data");
        Instant lockedUntil = Instant.ofEpochMilli(Long.parseLong(item.get("inProgressExpiration").n()));
        assertThat(lockedUntil).as("the context's deadline, on the idempotency clock (which stood still)")
                .isBetween(start.plus(REMAINING).minusMillis(500), start.plus(REMAINING));

        proxy.clearFaults();
        clock.advance(Duration.between(start, lockedUntil));
        assertThatThrownBy(() -> idempotency().execute("o-1", order, TestLambdaContext.withRemainingTime(REMAINING),
                Receipt.class, () -> charge(order)))
                .as("a retry up to the deadline is refused").isInstanceOf(IdempotencyInProgressException.class);
        assertThat(executions).hasValue(1);

        clock.advance(Duration.ofMillis(1));
        IdempotencyOutcome<Receipt> retry = idempotency().executeWithOutcome("o-1", order,
                TestLambdaContext.withRemainingTime(REMAINING), Receipt.class, () -> charge(order));
        assertThat(retry.fresh()).as("after the deadline it runs again: at-least-once").isTrue();
        assertThat(executions).hasValue(2);
        assertThat(store.get(id, Invocation.none()).orElseThrow().status())
                .isEqualTo(IdempotencyRecord.Status.COMPLETED);
    }

    @Test
    @Timeout(60)
    void withTheDefaultRetryPolicyAThrottledStoreAlsoGivesATypedErrorWithinTheRemainingTime(TestReporter reporter) {
        proxy.failNext("PutItem", Integer.MAX_VALUE, Fault.throttling());
        Idempotency idempotency = Idempotency.builder()
                .store(store.toBuilder().retryPolicy(RetryPolicy.defaults()).build())
                .keyPrefix("orders").clock(clock).build();

        Timed timed = executeAgainstA3SecondDeadline(idempotency, new Order("o-1", 42));
        report(reporter, "PutItem throttled, default policy", timed);

        // Three attempts may end before the deadline (IdempotencyStoreException) or be stopped by it (its subclass).
        assertThat(timed.thrown()).isInstanceOf(IdempotencyStoreException.class);
        assertThat(timed.waited()).isLessThan(REMAINING);
        assertThat(calls.calls("PutItem")).isBetween(1, 3);
        assertThat(executions).hasValue(0);
    }
}
