/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.serverless4j.events.sqs.SqsMessage;

import io.serverless4j.testing.CallRecorder;
import io.serverless4j.testing.LocalAws;
import io.serverless4j.testing.TestLambdaContext;
import io.serverless4j.testing.events.SqsEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link Idempotency} on {@link DynamoDbIdempotencyStore} against dynalite, through the real SDK client, with
 * every DynamoDB call counted by the testing module's {@link CallRecorder}.
 */
@ExtendWith(LocalAws.class)
class IdempotencyDynamoDbIT {

    record Order(String orderId, int amount) {}

    record Receipt(String orderId, int charged) {}

    record Payment(String orderId, Instant paidAt) {}

    private final CallRecorder calls = new CallRecorder();
    private final MutableClock clock = MutableClock.startingNow();
    private final AtomicInteger executions = new AtomicInteger();
    private DynamoDbClient dynamoDb;
    private DynamoDbIdempotencyStore store;
    private String table;

    @BeforeEach
    void createTable() {
        dynamoDb = LocalAws.dynamoDb().configure(DynamoDbClient.builder(), calls).build();
        table = "idempotency-" + UUID.randomUUID();
        store = DynamoDbIdempotencyStore.builder().dynamoDbClient(dynamoDb).tableName(table).build();
        store.createTableIfNotExists();
        calls.reset();
    }

    @AfterEach
    void closeClient() {
        dynamoDb.close();
    }

    private Idempotency.Builder builder() {
        return Idempotency.builder().store(store).keyPrefix("orders").clock(clock);
    }

    private Receipt charge(Idempotency idempotency, Order order) {
        return idempotency.execute(order.orderId(), order, TestLambdaContext.onFakeClock(Duration.ofSeconds(30)),
                Receipt.class, () -> {
                    executions.incrementAndGet();
                    return new Receipt(order.orderId(), order.amount());
                });
    }

    @Test
    void aFirstCallCostsOnePutAndOneUpdate() {
        Receipt receipt = charge(builder().build(), new Order("o-1", 42));

        assertThat(receipt).isEqualTo(new Receipt("o-1", 42));
        assertThat(calls.calls("PutItem")).isEqualTo(1);
        assertThat(calls.calls("UpdateItem")).isEqualTo(1);
        assertThat(calls.totalCalls()).isEqualTo(2);
    }

    @Test
    void aRepeatCostsAFailedPutAndAConsistentGetOnDynaliteAndRunsNothing() {
        Order order = new Order("o-1", 42);
        charge(builder().build(), order);
        calls.reset();

        // Another execution environment: its local cache is empty.
        Receipt repeat = charge(builder().build(), order);

        assertThat(repeat).isEqualTo(new Receipt("o-1", 42));
        assertThat(executions).hasValue(1);
        assertThat(calls.calls("PutItem")).isEqualTo(1);
        assertThat(calls.calls("GetItem")).as("dynalite returns no item with the refusal").isEqualTo(1);
        assertThat(calls.totalCalls()).isEqualTo(2);
    }

    @Test
    void aRepeatInTheSameEnvironmentIsALocalCacheHitWithNoCall() {
        Idempotency idempotency = builder().build();
        Order order = new Order("o-1", 42);
        charge(idempotency, order);
        calls.reset();

        assertThat(charge(idempotency, order)).isEqualTo(new Receipt("o-1", 42));
        assertThat(calls.totalCalls()).isZero();
        assertThat(executions).hasValue(1);
    }

    @Test
    void aConcurrentDuplicateGetsATypedErrorAfterAFailedPutAndAGetOnDynalite() throws Exception {
        Idempotency idempotency = builder().build();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> holder = pool.submit(() -> idempotency.execute("k", "p", null, String.class, () -> {
                started.countDown();
                Waits.await(release);
                return "first";
            }));
            started.await();
            calls.reset();

            assertThatThrownBy(() -> idempotency.execute("k", "p", null, String.class, () -> "second"))
                    .isInstanceOf(IdempotencyInProgressException.class);
            assertThat(calls.calls("PutItem")).isEqualTo(1);
            assertThat(calls.calls("GetItem")).isEqualTo(1);
            assertThat(calls.totalCalls()).isEqualTo(2);
            release.countDown();
            assertThat(holder.get(30, TimeUnit.SECONDS)).isEqualTo("first");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedCallCostsOnePutAndOneDeleteAndFreesTheKey() {
        Idempotency idempotency = builder().build();
        assertThatThrownBy(() -> idempotency.execute("k", "p", null, String.class, () -> {
            throw new IllegalStateException("failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(calls.calls("PutItem")).isEqualTo(1);
        assertThat(calls.calls("DeleteItem")).isEqualTo(1);
        assertThat(calls.totalCalls()).isEqualTo(2);
        assertThat(idempotency.execute("k", "p", null, String.class, () -> "second try")).isEqualTo("second try");
    }

    @Test
    void theStoredItemHasTheArchitecturesLayout() {
        Idempotency idempotency = builder().expiry(Duration.ofHours(2)).build();
        Order order = new Order("o-1", 42);
        charge(idempotency, order);

        Map<String, AttributeValue> item = rawItem(idempotency.hashedKey("o-1"));
        assertThat(item.get("id").s()).matches("orders#[0-9a-f]{64}");
        assertThat(item.get("status").s()).isEqualTo("COMPLETED");
        assertThat(Long.parseLong(item.get("expiration").n()))
                .isEqualTo(clock.instant().plus(Duration.ofHours(2)).getEpochSecond());
        assertThat(item).doesNotContainKey("inProgressExpiration");
        assertThat(item.get("data").s()).isEqualTo("{\"orderId\":\"o-1\",\"charged\":42}");
        assertThat(item.get("payloadHash").s()).matches("[0-9a-f]{64}");
        assertThat(item.values()).noneMatch(v -> "o-1".equals(v.s()));
    }

    @Test
    void anInProgressItemCarriesTheLambdasDeadlineInEpochMillis() {
        Idempotency idempotency = builder().keepRecordWhen(e -> true).build();
        assertThatThrownBy(() -> idempotency.execute("k", "p", TestLambdaContext.onFakeClock(Duration.ofMillis(12_345)),
                String.class, () -> {
                    throw new IllegalStateException();
                })).isInstanceOf(IllegalStateException.class);

        Map<String, AttributeValue> item = rawItem(idempotency.hashedKey("k"));
        assertThat(item.get("status").s()).isEqualTo("IN_PROGRESS");
        assertThat(Long.parseLong(item.get("inProgressExpiration").n()))
                .isEqualTo(clock.instant().plusMillis(12_345).toEpochMilli());
        assertThat(item).doesNotContainKey("data");
    }

    @Test
    void aCompletedRecordExpiresAndTheKeyRunsAgainWithoutSleeping() {
        Idempotency first = builder().expiry(Duration.ofMinutes(5)).build();
        Order order = new Order("o-1", 42);
        charge(first, order);

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        // A fresh environment, so that the store (not the local cache) decides.
        charge(builder().expiry(Duration.ofMinutes(5)).build(), order);

        assertThat(executions).hasValue(2);
    }

    @Test
    void withWaitingConfiguredADuplicateGetsTheFirstResultByPolling() throws Exception {
        Idempotency idempotency = builder().waitForInProgress(Duration.ofSeconds(20)).build();
        CountDownLatch started = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> holder = pool.submit(() -> idempotency.execute("k", "p", null, String.class, () -> {
                started.countDown();
                Waits.sleep(300);
                return "first";
            }));
            started.await();
            // Real time: the holder works in real time, so the waiter's polls must wait in real time too.
            String waited = builder().waitForInProgress(Duration.ofSeconds(20)).build()
                    .execute("k", "p", TestLambdaContext.withRemainingTime(Duration.ofSeconds(30)), String.class,
                            () -> "second");
            assertThat(waited).isEqualTo("first");
            assertThat(holder.get(30, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(calls.calls("GetItem")).isGreaterThanOrEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInstantResultRoundTripsThroughTheTableWithTheDefaultMapper() {
        Instant paidAt = Instant.parse("2026-11-25T12:00:00.123Z");
        Payment first = builder().build().execute("o-1", "p", null, Payment.class, () -> {
            executions.incrementAndGet();
            return new Payment("o-1", paidAt);
        });
        // Another execution environment: read back from the table.
        Payment replayed = builder().build().execute("o-1", "p", null, Payment.class, () -> {
            executions.incrementAndGet();
            return null;
        });

        assertThat(replayed).isEqualTo(first).isEqualTo(new Payment("o-1", paidAt));
        assertThat(executions).hasValue(1);
        assertThat(rawItem(builder().build().hashedKey("o-1")).get("data").s())
                .isEqualTo("{\"orderId\":\"o-1\",\"paidAt\":\"2026-11-25T12:00:00.123Z\"}");
    }

    @Test
    void withAPlainObjectMapperAnInstantResultIsRefusedBeforeTheWorkRunsAndNothingReachesTheTable() {
        Idempotency idempotency = builder().objectMapper(new ObjectMapper()).build();

        assertThatThrownBy(() -> idempotency.execute("o-1", "p", TestLambdaContext.withRemainingTime(
                Duration.ofSeconds(30)), Payment.class, () -> {
                    executions.incrementAndGet();
                    return new Payment("o-1", Instant.now());
                }))
                .isInstanceOfSatisfying(IdempotencyResultException.class, e -> assertThat(e.workRan()).isFalse());
        assertThat(executions).hasValue(0);
        assertThat(calls.totalCalls()).isZero();
        assertThat(rawItem(idempotency.hashedKey("o-1"))).isEmpty();
    }

    @Test
    void anSqsMessageReplayedFromTheDlqIsNotProcessedTwice() throws Exception {
        String body = "{\"orderId\":\"o-1\",\"amount\":42}";
        SqsMessage original = SqsEvents.message(body, Map.of());
        SqsMessage replayed = SqsEvents.message(body,
                Map.of(SqsMessage.ORIGINAL_MESSAGE_ID_ATTRIBUTE, original.messageId()));

        builder().build().oncePerMessage(original, TestLambdaContext.withRemainingTime(Duration.ofSeconds(30)),
                executions::incrementAndGet);
        // The replay arrives at another execution environment, days later in real life.
        builder().build().oncePerMessage(replayed, TestLambdaContext.withRemainingTime(Duration.ofSeconds(30)),
                executions::incrementAndGet);

        assertThat(replayed.messageId()).isNotEqualTo(original.messageId());
        assertThat(executions).hasValue(1);
        assertThat(rawItem(builder().build().hashedKey(original.messageId())).get("status").s())
                .isEqualTo("COMPLETED");
        assertThatThrownBy(() -> builder().build().oncePerMessage(SqsEvents.message("{\"orderId\":\"o-2\"}",
                Map.of(SqsMessage.ORIGINAL_MESSAGE_ID_ATTRIBUTE, original.messageId())), null,
                executions::incrementAndGet)).isInstanceOf(IdempotencyPayloadMismatchException.class);
        assertThat(executions).hasValue(1);
    }

    @Test
    void primingMakesNoDynamoDbCall() {
        DynamoDbIdempotencyStore missingTable = DynamoDbIdempotencyStore.builder().dynamoDbClient(dynamoDb)
                .tableName("never-created").sortKeyAttribute("sk").build();
        builder().build().prime();
        builder().store(missingTable).build().prime(new Order("o-1", 1), new Receipt("o-1", 1));

        assertThat(calls.totalCalls()).isZero();
        assertThat(calls.attempts("PutItem") + calls.attempts("GetItem") + calls.attempts("UpdateItem")
                + calls.attempts("DeleteItem")).isZero();
    }

    @Test
    void aMissingTableIsAClearErrorAndNothingRuns() {
        DynamoDbIdempotencyStore missingTable = DynamoDbIdempotencyStore.builder().dynamoDbClient(dynamoDb)
                .tableName("no-such-table").build();
        Idempotency idempotency = builder().store(missingTable).build();

        assertThatThrownBy(() -> charge(idempotency, new Order("o-1", 42)))
                .isInstanceOfSatisfying(IdempotencyStoreException.class, e -> {
                    assertThat(e.getMessage()).contains("PutItem").contains("no-such-table")
                            .contains(idempotency.hashedKey("o-1")).contains("does not exist");
                    assertThat(e.hashedKey()).contains(idempotency.hashedKey("o-1"));
                });
        assertThat(executions).hasValue(0);
    }

    @Test
    void createTableIfNotExistsLeavesAnExistingTableAlone() {
        store.createTableIfNotExists();
        assertThat(calls.calls("DescribeTable")).isEqualTo(1);
        assertThat(calls.calls("CreateTable")).isZero();
        assertThat(calls.calls("UpdateTimeToLive")).isZero();
    }

    @Test
    void createTableIfNotExistsCreatesAnOnDemandTableAndToleratesMissingTtlSupport() {
        String name = "created-" + UUID.randomUUID();
        store.toBuilder().tableName(name).build().createTableIfNotExists();

        var description = dynamoDb.describeTable(b -> b.tableName(name)).table();
        assertThat(description.billingModeSummary().billingModeAsString()).isEqualTo("PAY_PER_REQUEST");
        assertThat(description.keySchema()).singleElement()
                .satisfies(k -> assertThat(k.attributeName()).isEqualTo("id"));
        assertThat(calls.calls("UpdateTimeToLive")).as("tried, and dynalite refused").isEqualTo(1);
    }

    @Test
    void theDocSnippetsForTableCreationAndTheSortKeyLayoutWorkOnDynalite() {
        DocSnippetsTest.createTableForDevelopment(dynamoDb);
        DynamoDbIdempotencyStore shared = DocSnippetsTest.sharedTableLayout(dynamoDb);
        shared.createTableIfNotExists();
        calls.reset();

        Idempotency idempotency = builder().store(shared).build();
        charge(idempotency, new Order("o-1", 42));
        charge(builder().store(shared).build(), new Order("o-1", 42));

        assertThat(executions).hasValue(1);
        assertThat(calls.totalCalls()).isEqualTo(4);
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName("app-table").key(Map.of(
                "pk", AttributeValue.fromS("IDEMPOTENCY"), "sk", AttributeValue.fromS(idempotency.hashedKey("o-1")))))
                .item();
        assertThat(item).containsKeys("status", "ttl", "data", "payloadHash").doesNotContainKey("id");
        assertThat(dynamoDb.describeTable(b -> b.tableName("idempotency")).table().tableName()).isEqualTo("idempotency");
    }

    private Map<String, AttributeValue> rawItem(String id) {
        return dynamoDb.getItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(id)))
                .consistentRead(true)).item();
    }
}
