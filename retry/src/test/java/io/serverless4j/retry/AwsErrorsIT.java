/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

import io.serverless4j.testing.TestLambdaContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.serverless4j.retry.AwsErrors.Category;
import io.serverless4j.testing.CallRecorder;
import io.serverless4j.testing.Fault;
import io.serverless4j.testing.FaultProxy;
import io.serverless4j.testing.LocalAws;
import io.serverless4j.testing.LocalDynamoDb;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The classification of the exceptions the real SDK throws for real emulator answers and injected faults. */
@ExtendWith(LocalAws.class)
class AwsErrorsIT {

    private static String table(DynamoDbClient dynamoDb) {
        String table = "errors-" + UUID.randomUUID();
        LocalDynamoDb.createTableAndWait(dynamoDb, table, "id");
        return table;
    }

    private static Map<String, AttributeValue> item(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    @Test
    void realServiceAnswersThatRetryingCannotFixAreNotRetryable(DynamoDbClient dynamoDb, SqsClient sqs) {
        String table = table(dynamoDb);
        dynamoDb.putItem(b -> b.tableName(table).item(item("a")));

        Throwable conditional = catchThrowable(() -> dynamoDb.putItem(b -> b.tableName(table).item(item("a"))
                .conditionExpression("attribute_not_exists(id)")));
        Throwable missingTable = catchThrowable(() -> dynamoDb.getItem(b -> b.tableName("no-such-table")
                .key(item("a"))));
        Throwable validation = catchThrowable(() -> dynamoDb.putItem(b -> b.tableName(table)
                .item(Map.of("other", AttributeValue.fromS("no key")))));
        Throwable missingQueue = catchThrowable(() -> sqs.getQueueUrl(b -> b.queueName("no-such-queue")));

        assertThat(conditional).isNotNull();
        assertThat(missingTable).isNotNull();
        assertThat(validation).isNotNull();
        assertThat(missingQueue).isNotNull();
        for (Throwable t : new Throwable[] {conditional, missingTable, validation, missingQueue}) {
            assertThat(AwsErrors.categorize(t)).as(t.toString()).isEqualTo(Category.NOT_RETRYABLE);
        }
    }

    @Test
    void injectedThrottlingServerErrorsAndResetsAreRetryable(DynamoDbClient direct) {
        String table = table(direct);
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.dynamoDb());
                DynamoDbClient dynamoDb = proxy.configure(DynamoDbClient.builder())
                        .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1))).build()) {
            proxy.failNext("PutItem", 1, Fault.throttling())
                    .failNext("GetItem", 1, Fault.serverError())
                    .failNext("DeleteItem", 1, Fault.connectionReset());
            assertThat(AwsErrors.categorize(catchThrowable(() -> dynamoDb.putItem(b -> b.tableName(table)
                    .item(item("x")))))).isEqualTo(Category.THROTTLING);
            assertThat(AwsErrors.categorize(catchThrowable(() -> dynamoDb.getItem(b -> b.tableName(table)
                    .key(item("x")))))).isEqualTo(Category.TRANSIENT_SERVICE);
            assertThat(AwsErrors.categorize(catchThrowable(() -> dynamoDb.deleteItem(b -> b.tableName(table)
                    .key(item("x")))))).isEqualTo(Category.TRANSIENT_IO);
        }
    }
}
