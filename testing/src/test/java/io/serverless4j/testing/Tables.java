/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing;

import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Fresh, uniquely named tables for tests. */
final class Tables {

    private Tables() {}

    /** Creates an on-demand table with a string hash key {@code id} and waits until it is active. */
    static String newTable(DynamoDbClient dynamoDb, String prefix) {
        String table = prefix + "-" + UUID.randomUUID();
        LocalDynamoDb.createTableAndWait(dynamoDb, table, "id");
        return table;
    }
}
