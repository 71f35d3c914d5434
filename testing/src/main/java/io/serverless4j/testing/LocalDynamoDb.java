/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing;

import io.serverless4j.testing.internal.Dynalite;
import io.serverless4j.testing.internal.Ports;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * DynamoDB on loopback: dynalite (Node.js) as a child process of this JVM, or an existing endpoint named by
 * {@code SERVERLESS4J_DYNAMODB_ENDPOINT}.
 *
 * <p>dynalite is installed on first use with {@code npm ci} from the package-lock.json in this jar, into
 * {@code SERVERLESS4J_DYNALITE_DIR} (default {@code ~/.cache/serverless4j/dynalite-4.0.0}). The process keeps its
 * tables in memory, stops with this JVM, and also exits by itself when the JVM dies without stopping it.
 *
 * <p>Known gaps of dynalite, pinned by tests in this module: it ignores
 * {@code ReturnValuesOnConditionCheckFailure}, does not expire items by TTL, and has no transactions. Thread-safe.
 */
public final class LocalDynamoDb extends LocalService {

    private static final int START_ATTEMPTS = 3;

    private LocalDynamoDb(URI endpoint, Dynalite.Running process) {
        super("dynalite", endpoint, process);
    }

    /**
     * Installs dynalite if needed and starts it on 127.0.0.1.
     *
     * @param port the port, or 0 for any free port
     * @return the running emulator
     * @throws LocalAwsException when Node.js or npm is missing, the install fails, or dynalite does not start
     *     (the message ends with its log)
     */
    public static LocalDynamoDb start(int port) {
        return start(port, Dynalite.fromSettings());
    }

    static LocalDynamoDb start(int port, Dynalite dynalite) {
        Path launcher = dynalite.install();
        for (int attempt = 1; ; attempt++) {
            int chosen = port == 0 ? Ports.freePort() : port;
            try {
                Dynalite.Running running = dynalite.start(launcher, chosen);
                return new LocalDynamoDb(URI.create("http://127.0.0.1:" + chosen), running);
            } catch (Dynalite.PortInUseException e) {
                // A free port can be taken between our probe and dynalite's bind; only then is a retry right.
                if (port != 0 || attempt == START_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    static LocalDynamoDb external(URI endpoint) {
        return new LocalDynamoDb(endpoint, null);
    }



    /**
     * A new client for this endpoint; the caller closes it.
     *
     * @return a configured client
     */
    public DynamoDbClient newClient() {
        return configure(DynamoDbClient.builder()).build();
    }

    /**
     * Creates a table and waits until it is {@code ACTIVE}. A table is not usable while it is {@code CREATING} —
     * on DynamoDB and on dynalite alike, even with {@code --createTableMs 0} — and the SDK's own waiter sleeps
     * 20 s between polls, so tests use this instead.
     *
     * @param client the client to create it with
     * @param request fills in the CreateTable request
     * @return the description of the active table
     * @throws LocalAwsException when it is not active within 30 s
     */
    public static TableDescription createTableAndWait(DynamoDbClient client,
            Consumer<CreateTableRequest.Builder> request) {
        String table = client.createTable(request).tableDescription().tableName();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                TableDescription description = client.describeTable(b -> b.tableName(table)).table();
                if (description.tableStatus() == TableStatus.ACTIVE) {
                    return description;
                }
            } catch (ResourceNotFoundException notYetVisible) {
                // Keep polling until the deadline.
            }
            if (System.nanoTime() > deadline) {
                throw new LocalAwsException("DynamoDB table " + table + " did not become ACTIVE within 30 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalAwsException("interrupted while waiting for table " + table, e);
            }
        }
    }

    /**
     * Creates an on-demand ({@code PAY_PER_REQUEST}) table whose only key is a string hash key, the layout most tests
     * need, and waits until it is {@code ACTIVE}.
     *
     * @param client the client to create it with
     * @param tableName the table's name
     * @param hashKey the name of its string partition key, e.g. {@code id}
     * @return the description of the active table
     * @throws LocalAwsException when it is not active within 30 s
     */
    public static TableDescription createTableAndWait(DynamoDbClient client, String tableName, String hashKey) {
        return createTableAndWait(client, b -> b.tableName(tableName)
                .attributeDefinitions(a -> a.attributeName(hashKey).attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName(hashKey).keyType(KeyType.HASH))
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }
}
