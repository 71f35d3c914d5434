/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing;

import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Fresh, uniquely named tables for tests. */
final class Tables {

    private Tables() {}

    /** Creates an on-demand table with a string hash key {@code id} and waits until it is active. */
    static String newTable(DynamoDbClient dynamoDb, String prefix) {
        String table = prefix + "-" + UUID.randomUUID();
        LocalDynamoDb.createTableAndWait(dynamoDb, b -> b.tableName(table)
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .billingMode(BillingMode.PAY_PER_REQUEST));
        return table;
    }
}
