/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

import io.serverless4j.idempotency.spi.IdempotencyStore;
import io.serverless4j.idempotency.spi.IdempotencyStoreContract;
import io.serverless4j.testing.LocalAws;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The store contract against dynalite, through the real SDK, in both table layouts. */
class DynamoDbIdempotencyStoreContractIT {

    private static DynamoDbClient client;

    @BeforeAll
    static void startDynamoDb() {
        client = LocalAws.dynamoDb().newClient();
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @Nested
    class SingleKeyLayout extends IdempotencyStoreContract {
        private final DynamoDbIdempotencyStore store = DynamoDbIdempotencyStore.builder()
                .dynamoDbClient(client).tableName("contract-" + UUID.randomUUID()).build();

        @Override
        protected IdempotencyStore newStore() {
            store.createTableIfNotExists();
            return store;
        }
    }

    @Nested
    class SortKeyLayoutWithCustomAttributeNames extends IdempotencyStoreContract {
        private final DynamoDbIdempotencyStore store = DynamoDbIdempotencyStore.builder()
                .dynamoDbClient(client).tableName("contract-sk-" + UUID.randomUUID())
                .partitionKeyAttribute("pk").sortKeyAttribute("sk").partitionKeyValue("IDEMPOTENCY")
                .statusAttribute("st").expirationAttribute("ttl").inProgressExpirationAttribute("lockedUntil")
                .dataAttribute("result").payloadHashAttribute("ph")
                .build();

        @Override
        protected IdempotencyStore newStore() {
            store.createTableIfNotExists();
            return store;
        }
    }
}
