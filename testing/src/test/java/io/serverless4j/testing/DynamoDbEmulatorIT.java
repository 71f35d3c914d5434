/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * What dynalite does through the real SDK, including its known gaps, so that code relying on them is written
 * with its eyes open (see docs/decisions/0001-local-emulators.md).
 */
@ExtendWith(LocalAws.class)
class DynamoDbEmulatorIT {

    private static Map<String, AttributeValue> item(String id, String status) {
        return Map.of("id", AttributeValue.fromS(id), "status", AttributeValue.fromS(status));
    }

    @Test
    void conditionalPutsAcceptTheFirstWriterAndRejectTheSecond(DynamoDbClient dynamoDb, CallRecorder calls) {
        String table = Tables.newTable(dynamoDb, "items");
        calls.reset();

        dynamoDb.putItem(b -> b.tableName(table).item(item("k1", "IN_PROGRESS"))
                .conditionExpression("attribute_not_exists(id)"));
        assertThatThrownBy(() -> dynamoDb.putItem(b -> b.tableName(table).item(item("k1", "OTHER"))
                .conditionExpression("attribute_not_exists(id)")))
                .isInstanceOf(ConditionalCheckFailedException.class);

        assertThat(dynamoDb.getItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS("k1")))
                .consistentRead(true)).item()).containsEntry("status", AttributeValue.fromS("IN_PROGRESS"));
        assertThat(calls.calls("PutItem")).isEqualTo(2);
        assertThat(calls.calls("GetItem")).isEqualTo(1);
        assertThat(calls.totalCalls()).isEqualTo(3);
    }

    @Test
    void gapDynaliteIgnoresReturnValuesOnConditionCheckFailure(DynamoDbClient dynamoDb) {
        String table = Tables.newTable(dynamoDb, "items");
        dynamoDb.putItem(b -> b.tableName(table).item(item("k1", "COMPLETED")));

        assertThatThrownBy(() -> dynamoDb.putItem(b -> b.tableName(table).item(item("k1", "IN_PROGRESS"))
                .conditionExpression("attribute_not_exists(id)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)))
                .isInstanceOfSatisfying(ConditionalCheckFailedException.class,
                        // Real DynamoDB returns the stored item here; dynalite returns none.
                        e -> assertThat(e.hasItem() && !e.item().isEmpty()).isFalse());
    }

    @Test
    void gapDynaliteRefusesUpdateTimeToLiveAndNeverExpiresItems(DynamoDbClient dynamoDb) {
        String table = Tables.newTable(dynamoDb, "items");
        assertThatThrownBy(() -> dynamoDb.updateTimeToLive(b -> b.tableName(table)
                .timeToLiveSpecification(s -> s.attributeName("expiration").enabled(true))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("UnknownOperationException");

        long past = Instant.now().minusSeconds(3600).getEpochSecond();
        dynamoDb.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS("old"),
                "expiration", AttributeValue.fromN(Long.toString(past)))));
        // An item an hour past its expiry is still served: code must compare the expiry attribute itself,
        // as it must on real DynamoDB too, which deletes expired items only eventually.
        assertThat(dynamoDb.getItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS("old"))))
                .item()).containsKey("expiration");
    }

    @Test
    void gapDynaliteHasNoTransactions(DynamoDbClient dynamoDb) {
        String table = Tables.newTable(dynamoDb, "items");
        assertThatThrownBy(() -> dynamoDb.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(item("t1", "NEW"))).build())))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("UnknownOperationException");
        assertThat(dynamoDb.getItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS("t1"))))
                .hasItem()).isFalse();
    }
}
