/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverless4j.testing.CallRecorder;
import io.serverless4j.testing.Fault;
import io.serverless4j.testing.FaultProxy;
import io.serverless4j.testing.LocalAws;
import io.serverless4j.testing.LocalDynamoDb;
import io.serverless4j.testing.TestLambdaContext;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The policy on the real SDK against dynalite, through the fault proxy: the SDK's own retries are off, so the
 * policy's attempts are the HTTP requests; and a throttling or silent store holds the caller no longer than the
 * context's remaining time.
 */
@ExtendWith(LocalAws.class)
class RetryPolicyIT {

    private static final RetryPolicy FAST_THROTTLING = RetryPolicy.builder().maxAttempts(4)
            .throttledBackoff(Backoff.fullJitter(Duration.ofMillis(10), Duration.ofMillis(50))).build();

    private static String table(DynamoDbClient dynamoDb) {
        String table = "retry-" + UUID.randomUUID();
        LocalDynamoDb.createTableAndWait(dynamoDb, table, "id");
        return table;
    }

    private static Map<String, AttributeValue> item(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    @Test
    void getsThroughAThrottlingBurstWithTheClientsOwnRetriesLeftAtTheirDefaults(DynamoDbClient direct) {
        String table = table(direct);
        CallRecorder calls = new CallRecorder();
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.dynamoDb());
                DynamoDbClient dynamoDb = proxy.configure(DynamoDbClient.builder(), calls).build()) {
            proxy.failNext("PutItem", 2, Fault.throttling());
            FAST_THROTTLING.call("DynamoDB PutItem", TestLambdaContext.withRemainingTime(Duration.ofSeconds(10)),
                    attempt -> dynamoDb.putItem(b -> b.tableName(table).item(item("y"))
                            .overrideConfiguration(attempt.overrideConfiguration())));

            assertThat(calls.calls("PutItem")).as("one SDK call per policy attempt").isEqualTo(3);
            assertThat(calls.attempts("PutItem")).as("and one HTTP request per SDK call").isEqualTo(3);
            assertThat(direct.getItem(b -> b.tableName(table).key(item("y"))).hasItem()).isTrue();
        }
    }

    @Test
    void aStoreThatThrottlesEveryCallHoldsTheCallerNoLongerThanTheContextsRemainingTime(DynamoDbClient direct) {
        String table = table(direct);
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.dynamoDb());
                DynamoDbClient dynamoDb = proxy.configure(DynamoDbClient.builder()).build()) {
            proxy.failNext("PutItem", Integer.MAX_VALUE, Fault.throttling());
            RetryPolicy patient = RetryPolicy.builder().maxAttempts(1_000).build();
            TestLambdaContext context = TestLambdaContext.withRemainingTime(Duration.ofSeconds(3));

            long started = System.nanoTime();
            assertThatThrownBy(() -> patient.call("DynamoDB PutItem", context, attempt -> dynamoDb.putItem(b -> b
                    .tableName(table).item(item("z")).overrideConfiguration(attempt.overrideConfiguration()))))
                    .isInstanceOf(DeadlineExceededException.class)
                    .hasMessageStartingWith("DynamoDB PutItem: stopped after");
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat(waited).isLessThan(Duration.ofSeconds(3));
            assertThat(context.remainingTime()).isPositive();
            assertThat(direct.getItem(b -> b.tableName(table).key(item("z"))).hasItem()).isFalse();
        }
    }

    @Test
    void aStoreThatNeverAnswersIsCutOffAtTheDeadlineLessTheMargin(DynamoDbClient direct) {
        String table = table(direct);
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.dynamoDb());
                DynamoDbClient dynamoDb = proxy.configure(DynamoDbClient.builder()).build()) {
            proxy.failNext("PutItem", Integer.MAX_VALUE, Fault.delay(Duration.ofMinutes(2)));
            TestLambdaContext context = TestLambdaContext.withRemainingTime(Duration.ofSeconds(3));

            long started = System.nanoTime();
            assertThatThrownBy(() -> RetryPolicy.defaults().call("DynamoDB PutItem", context, attempt -> dynamoDb
                    .putItem(b -> b.tableName(table).item(item("w"))
                            .overrideConfiguration(attempt.overrideConfiguration()))))
                    .isInstanceOf(DeadlineExceededException.class)
                    .hasMessageContaining("attempt 1 did not finish before the Lambda deadline");
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat(waited).isLessThan(Duration.ofSeconds(3)).isGreaterThan(Duration.ofMillis(2000));
        }
    }
}
