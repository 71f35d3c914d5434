/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.resilience4j.retry.Retry;
import io.serverless4j.testing.Fault;
import io.serverless4j.testing.FaultProxy;
import io.serverless4j.testing.LocalAws;
import io.serverless4j.testing.LocalDynamoDb;
import io.serverless4j.testing.TestLambdaContext;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The snippets of docs/retry.md, compiled and run against dynalite. */
@ExtendWith(LocalAws.class)
class RetryGuideSnippetsIT {

    // tag::counted[]
    static final AtomicInteger RETRIES = new AtomicInteger();
    static final RetryPolicy POLICY = RetryPolicy.builder()
            .maxAttempts(4)
            .safetyMargin(Duration.ofMillis(500))
            .listener(event -> {
                if (event.kind() == RetryEvent.Kind.RETRY) {
                    RETRIES.incrementAndGet();
                }
            })
            .build();
    // end::counted[]

    private final String table;
    private final DynamoDbClient dynamoDb;

    RetryGuideSnippetsIT(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
        this.table = "orders-" + UUID.randomUUID();
        LocalDynamoDb.createTableAndWait(dynamoDb, table, "id");
    }

    // tag::call[]
    Map<String, AttributeValue> load(DynamoDbClient dynamoDb, String id, Context context) {
        return POLICY.call("DynamoDB GetItem", context, attempt -> dynamoDb.getItem(r -> r
                .tableName(table)
                .key(Map.of("id", AttributeValue.fromS(id)))
                .overrideConfiguration(attempt.overrideConfiguration()))).item();
    }
    // end::call[]

    @Test
    void theGuidesCallGetsThroughThrottling() {
        dynamoDb.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS("o-1"))));
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.dynamoDb());
                DynamoDbClient throttled = proxy.configure(DynamoDbClient.builder()).build()) {
            proxy.failNext("GetItem", 1, Fault.throttling());
            int before = RETRIES.get();

            Map<String, AttributeValue> item = load(throttled, "o-1", TestLambdaContext.withRemainingTime(
                    Duration.ofSeconds(10)));

            assertThat(item).containsEntry("id", AttributeValue.fromS("o-1"));
            assertThat(RETRIES.get() - before).isEqualTo(1);
        }
    }

    @Test
    void theSamePolicyDrivesResilience4j() {
        AtomicInteger calls = new AtomicInteger();
        // tag::resilience4j[]
        Retry retry = Retry.of("orders", POLICY.toRetryConfig());
        String answer = Retry.decorateSupplier(retry, () -> callTheLegacyService(calls)).get();
        // end::resilience4j[]
        assertThat(answer).isEqualTo("ok");
        assertThat(calls).hasValue(2);
    }

    private static String callTheLegacyService(AtomicInteger calls) {
        if (calls.incrementAndGet() == 1) {
            throw new java.io.UncheckedIOException(new java.net.SocketTimeoutException("read timed out"));
        }
        return "ok";
    }
}
