/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

import io.serverless4j.idempotency.internal.DynamoDbItem;
import io.serverless4j.idempotency.internal.DynamoDbSchemas;
import io.serverless4j.idempotency.internal.DynamoDbSchemas.AttributeNames;
import io.serverless4j.idempotency.spi.IdempotencyRecord;
import io.serverless4j.idempotency.spi.IdempotencyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.IgnoreNullsMode;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The production {@link IdempotencyStore}: records in a DynamoDB table, through the enhanced client with a static
 * table schema, on the {@link DynamoDbClient} you pass in (no HTTP client is chosen for you).
 *
 * <pre>{@code
 * static final DynamoDbClient DYNAMO_DB = DynamoDbClient.builder()
 *         .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
 * static final DynamoDbIdempotencyStore STORE = DynamoDbIdempotencyStore.builder()
 *         .client(DYNAMO_DB).tableName("idempotency").build();
 * }</pre>
 *
 * <p>Calls: taking a key is one conditional PutItem
 * ({@code attribute_not_exists(id) OR expiration < :now OR (status = IN_PROGRESS AND inProgressExpiration <
 * :nowMillis)}) with {@code ReturnValuesOnConditionCheckFailure=ALL_OLD}, so a refused write returns the stored
 * record in the same call; only when the store returns no item (DynamoDB-compatible emulators such as dynalite)
 * does a consistent GetItem follow. Completing is one UpdateItem; releasing after a failure one DeleteItem
 * (conditional on {@code IN_PROGRESS}, so a completed result is never deleted).
 *
 * <p>IAM: {@code dynamodb:PutItem}, {@code GetItem}, {@code UpdateItem}, {@code DeleteItem} on the table;
 * {@link #createTableIfNotExists()} also needs {@code CreateTable}, {@code DescribeTable},
 * {@code UpdateTimeToLive}. Immutable and thread-safe; keep it in a {@code static final} field.
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbIdempotencyStore.class);
    private static final int MAX_PUT_ATTEMPTS = 3;
    private static final Duration TABLE_ACTIVE_TIMEOUT = Duration.ofMinutes(5);
    private static final String IN_PROGRESS = IdempotencyRecord.Status.IN_PROGRESS.name();

    private final DynamoDbClient client;
    private final String tableName;
    private final AttributeNames names;
    private final String partitionKeyValue;
    private final DynamoDbTable<DynamoDbItem> table;
    private final Map<String, String> conditionNames;
    private final Expression deleteCondition;

    private DynamoDbIdempotencyStore(Builder builder) {
        this.client = builder.client;
        this.tableName = builder.tableName;
        this.names = new AttributeNames(builder.partitionKeyAttribute, builder.sortKeyAttribute,
                builder.statusAttribute, builder.expirationAttribute, builder.inProgressExpirationAttribute,
                builder.dataAttribute, builder.payloadHashAttribute);
        this.partitionKeyValue = builder.sortKeyAttribute == null ? null
                : builder.partitionKeyValue == null ? "idempotency" : builder.partitionKeyValue;
        TableSchema<DynamoDbItem> schema = DynamoDbSchemas.forNames(names);
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build().table(tableName, schema);
        this.conditionNames = Map.of("#pk", names.partitionKey(), "#status", names.status(),
                "#expiration", names.expiration(), "#inProgressExpiration", names.inProgressExpiration());
        this.deleteCondition = Expression.builder()
                .expression("#status = :inProgress")
                .expressionNames(Map.of("#status", names.status()))
                .expressionValues(Map.of(":inProgress", AttributeValue.fromS(IN_PROGRESS)))
                .build();
    }

    /**
     * A new builder. {@link Builder#client} and {@link Builder#tableName} are required.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder with this store's settings.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public Optional<IdempotencyRecord> putInProgress(IdempotencyRecord record, Instant now) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(now, "now");
        Expression condition = Expression.builder()
                .expression("attribute_not_exists(#pk) OR #expiration < :now"
                        + " OR (#status = :inProgress AND #inProgressExpiration < :nowMillis)")
                .expressionNames(conditionNames)
                .expressionValues(Map.of(
                        ":now", AttributeValue.fromN(Long.toString(now.getEpochSecond())),
                        ":nowMillis", AttributeValue.fromN(Long.toString(now.toEpochMilli())),
                        ":inProgress", AttributeValue.fromS(IN_PROGRESS)))
                .build();
        PutItemEnhancedRequest<DynamoDbItem> request = PutItemEnhancedRequest.builder(DynamoDbItem.class)
                .item(toItem(record))
                .conditionExpression(condition)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        for (int attempt = 1; attempt <= MAX_PUT_ATTEMPTS; attempt++) {
            try {
                table.putItem(request);
                return Optional.empty();
            } catch (ConditionalCheckFailedException refused) {
                if (refused.hasItem() && !refused.item().isEmpty()) {
                    return Optional.of(toRecord(table.tableSchema().mapToItem(refused.item()), record.id()));
                }
                // No item in the refusal (emulators ignore ReturnValuesOnConditionCheckFailure): read it.
                Optional<IdempotencyRecord> stored = get(record.id());
                if (stored.isPresent()) {
                    return stored;
                }
                // The holder deleted it between our write and our read: the key may be free now.
            } catch (SdkException e) {
                throw failure("PutItem", record.id(), e);
            }
        }
        throw new IdempotencyStoreException(record.id(), "DynamoDB PutItem on table " + tableName
                + " was refused " + MAX_PUT_ATTEMPTS + " times for idempotency key " + record.id()
                + " but the record that refused it was gone each time it was read; the key is heavily contended, "
                + "retry later.", null);
    }

    @Override
    public void complete(IdempotencyRecord record) {
        Objects.requireNonNull(record, "record");
        try {
            // A full-item update: null attributes (inProgressExpiration) are removed.
            table.updateItem(UpdateItemEnhancedRequest.builder(DynamoDbItem.class)
                    .item(toItem(record))
                    .ignoreNullsMode(IgnoreNullsMode.DEFAULT)
                    .returnValues(ReturnValue.NONE)
                    .build());
        } catch (SdkException e) {
            throw failure("UpdateItem", record.id(), e);
        }
    }

    @Override
    public void delete(String id) {
        Objects.requireNonNull(id, "id");
        try {
            table.deleteItem(DeleteItemEnhancedRequest.builder().key(key(id)).conditionExpression(deleteCondition)
                    .build());
        } catch (ConditionalCheckFailedException completedOrGone) {
            LOG.debug("Idempotency key {}: not deleted, it is no longer IN_PROGRESS", id);
        } catch (SdkException e) {
            throw failure("DeleteItem", id, e);
        }
    }

    @Override
    public Optional<IdempotencyRecord> get(String id) {
        Objects.requireNonNull(id, "id");
        try {
            DynamoDbItem item = table.getItem(GetItemEnhancedRequest.builder().key(key(id)).consistentRead(true)
                    .build());
            return Optional.ofNullable(item).map(found -> toRecord(found, id));
        } catch (SdkException e) {
            throw failure("GetItem", id, e);
        }
    }

    /**
     * Builds the table schema and the request objects a call needs, and maps a sample item both ways, without
     * calling DynamoDB.
     */
    @Override
    public void prime() {
        String id = "prime#" + "0".repeat(64);
        IdempotencyRecord sample = IdempotencyRecord.inProgress(id, Instant.EPOCH, Instant.EPOCH, "0".repeat(64));
        Map<String, AttributeValue> map = table.tableSchema().itemToMap(toItem(sample.completed("{}", Instant.EPOCH)),
                false);
        toRecord(table.tableSchema().mapToItem(map), id);
        PutItemEnhancedRequest.builder(DynamoDbItem.class).item(toItem(sample))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build();
        UpdateItemEnhancedRequest.builder(DynamoDbItem.class).item(toItem(sample))
                .ignoreNullsMode(IgnoreNullsMode.DEFAULT).build();
        GetItemEnhancedRequest.builder().key(key(id)).consistentRead(true).build();
        DeleteItemEnhancedRequest.builder().key(key(id)).conditionExpression(deleteCondition).build();
        ConditionalCheckFailedException.builder().item(map).build();
    }

    /**
     * Creates the table if it does not exist, for development and tests: on-demand capacity
     * ({@code PAY_PER_REQUEST}), the key schema of this store, and TTL on the expiration attribute. Waits until
     * the table is {@code ACTIVE} (at most 5 minutes). An existing table is left as it is. Endpoints that do not
     * support {@code UpdateTimeToLive} (dynalite) get a logged warning instead of TTL; expired records are still
     * ignored by their expiration attribute, only not deleted. In production, create the table with
     * infrastructure as code (docs/idempotency.md has a SAM template).
     *
     * @throws IdempotencyStoreException when DynamoDB refuses or the table does not become active in time
     */
    public void createTableIfNotExists() {
        try {
            try {
                client.describeTable(b -> b.tableName(tableName));
                LOG.debug("DynamoDB table {} exists; left as it is", tableName);
                return;
            } catch (ResourceNotFoundException absent) {
                LOG.debug("Creating DynamoDB table {}", tableName);
            }
            List<AttributeDefinition> attributes = new ArrayList<>();
            List<KeySchemaElement> keys = new ArrayList<>();
            attributes.add(AttributeDefinition.builder().attributeName(names.partitionKey())
                    .attributeType(ScalarAttributeType.S).build());
            keys.add(KeySchemaElement.builder().attributeName(names.partitionKey()).keyType(KeyType.HASH).build());
            if (names.sortKey() != null) {
                attributes.add(AttributeDefinition.builder().attributeName(names.sortKey())
                        .attributeType(ScalarAttributeType.S).build());
                keys.add(KeySchemaElement.builder().attributeName(names.sortKey()).keyType(KeyType.RANGE).build());
            }
            try {
                client.createTable(b -> b.tableName(tableName).attributeDefinitions(attributes).keySchema(keys)
                        .billingMode(BillingMode.PAY_PER_REQUEST));
            } catch (ResourceInUseException createdMeanwhile) {
                LOG.debug("DynamoDB table {} was created concurrently", tableName);
            }
            awaitActive();
            enableTimeToLive();
        } catch (SdkException e) {
            throw new IdempotencyStoreException(null, "Could not create the DynamoDB table " + tableName + ": "
                    + e.getMessage() + ". Check the region, and that the caller may dynamodb:CreateTable, "
                    + "DescribeTable and UpdateTimeToLive.", e);
        }
    }

    private void awaitActive() {
        long deadline = System.nanoTime() + TABLE_ACTIVE_TIMEOUT.toNanos();
        long delayMillis = 20;
        while (true) {
            try {
                if (client.describeTable(b -> b.tableName(tableName)).table().tableStatus() == TableStatus.ACTIVE) {
                    return;
                }
            } catch (ResourceNotFoundException notYetVisible) {
                // Eventually consistent right after CreateTable: poll on.
            }
            if (System.nanoTime() > deadline) {
                throw new IdempotencyStoreException(null, "DynamoDB table " + tableName + " did not become ACTIVE "
                        + "within " + TABLE_ACTIVE_TIMEOUT.toMinutes() + " minutes; look at it in the console.", null);
            }
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IdempotencyStoreException(null, "Interrupted while waiting for DynamoDB table " + tableName
                        + " to become ACTIVE", e);
            }
            delayMillis = Math.min(delayMillis * 2, 1000);
        }
    }

    private void enableTimeToLive() {
        try {
            client.updateTimeToLive(b -> b.tableName(tableName)
                    .timeToLiveSpecification(s -> s.attributeName(names.expiration()).enabled(true)));
        } catch (DynamoDbException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if ("UnknownOperationException".equals(code) || String.valueOf(e.getMessage())
                    .contains("UnknownOperationException")) {
                LOG.warn("The DynamoDB endpoint does not support UpdateTimeToLive (dynalite does not): TTL is not "
                        + "enabled on table {}. Expired records are still ignored by their {} attribute, but are not "
                        + "deleted.", tableName, names.expiration());
                return;
            }
            throw e;
        }
    }

    private Key key(String id) {
        return names.sortKey() == null
                ? Key.builder().partitionValue(id).build()
                : Key.builder().partitionValue(partitionKeyValue).sortValue(id).build();
    }

    private DynamoDbItem toItem(IdempotencyRecord record) {
        DynamoDbItem item = new DynamoDbItem();
        if (names.sortKey() == null) {
            item.setPartitionKey(record.id());
        } else {
            item.setPartitionKey(partitionKeyValue);
            item.setSortKey(record.id());
        }
        item.setStatus(record.status().name());
        item.setExpiration(record.expiration().getEpochSecond());
        item.setInProgressExpiration(record.inProgressExpiration() == null ? null
                : record.inProgressExpiration().toEpochMilli());
        item.setData(record.data());
        item.setPayloadHash(record.payloadHash());
        return item;
    }

    private IdempotencyRecord toRecord(DynamoDbItem item, String expectedId) {
        String id = names.sortKey() == null ? item.getPartitionKey() : item.getSortKey();
        IdempotencyRecord.Status status;
        try {
            status = IdempotencyRecord.Status.valueOf(String.valueOf(item.getStatus()));
        } catch (IllegalArgumentException e) {
            throw malformed(expectedId, names.status() + " is '" + item.getStatus() + "'", e);
        }
        if (item.getExpiration() == null) {
            throw malformed(expectedId, names.expiration() + " is missing", null);
        }
        if (status == IdempotencyRecord.Status.IN_PROGRESS && item.getInProgressExpiration() == null) {
            throw malformed(expectedId, names.inProgressExpiration() + " is missing on an IN_PROGRESS record", null);
        }
        return new IdempotencyRecord(id == null ? expectedId : id, status, Instant.ofEpochSecond(item.getExpiration()),
                item.getInProgressExpiration() == null ? null : Instant.ofEpochMilli(item.getInProgressExpiration()),
                item.getData(), item.getPayloadHash());
    }

    private IdempotencyStoreException malformed(String id, String what, Throwable cause) {
        return new IdempotencyStoreException(id, "The record for idempotency key " + id + " in DynamoDB table "
                + tableName + " is malformed (" + what + "); was it written by something else? Delete the item, "
                + "or check the store's attribute names.", cause);
    }

    private IdempotencyStoreException failure(String operation, String id, SdkException e) {
        String reason;
        String errorCode = e instanceof AwsServiceException service && service.awsErrorDetails() != null
                ? service.awsErrorDetails().errorCode() : null;
        if (e instanceof ResourceNotFoundException) {
            reason = "the table does not exist in this account and region; create it (SAM template in "
                    + "docs/idempotency.md, or DynamoDbIdempotencyStore.createTableIfNotExists() for development)";
        } else if (e instanceof SdkServiceException service && service.isThrottlingException()) {
            reason = "DynamoDB still throttled after the client's retries; retry later, or raise the table's "
                    + "capacity";
        } else if ("AccessDeniedException".equals(errorCode)) {
            reason = "access denied; the function's role needs dynamodb:" + operation + " on the table";
        } else if (e instanceof SdkServiceException service && service.statusCode() >= 500) {
            reason = "DynamoDB answered HTTP " + service.statusCode() + " after the client's retries; retry later";
        } else if (e instanceof SdkClientException) {
            reason = "DynamoDB could not be reached after the client's retries (" + e.getMessage()
                    + "); check the network path, the endpoint and the client's timeouts";
        } else {
            reason = "DynamoDB refused the request (" + (errorCode == null ? e.getClass().getSimpleName() : errorCode)
                    + ")";
        }
        return new IdempotencyStoreException(id, "DynamoDB " + operation + " on table " + tableName
                + " failed for idempotency key " + id + ": " + reason + ".", e);
    }

    @Override
    public String toString() {
        return "DynamoDbIdempotencyStore[table=" + tableName + ", partitionKey=" + names.partitionKey()
                + (names.sortKey() == null ? "" : ", sortKey=" + names.sortKey() + ", partitionKeyValue="
                        + partitionKeyValue) + "]";
    }

    /**
     * Builds a {@link DynamoDbIdempotencyStore}. Setters validate at once ({@link NullPointerException},
     * {@link IllegalArgumentException}); {@link #build()} checks required and cross-field settings
     * ({@link IllegalStateException}). Not thread-safe.
     */
    public static final class Builder {
        private DynamoDbClient client;
        private String tableName;
        private String partitionKeyAttribute = "id";
        private String sortKeyAttribute;
        private String partitionKeyValue;
        private String statusAttribute = "status";
        private String expirationAttribute = "expiration";
        private String inProgressExpirationAttribute = "inProgressExpiration";
        private String dataAttribute = "data";
        private String payloadHashAttribute = "payloadHash";

        private Builder() {}

        private Builder(DynamoDbIdempotencyStore from) {
            this.client = from.client;
            this.tableName = from.tableName;
            this.partitionKeyAttribute = from.names.partitionKey();
            this.sortKeyAttribute = from.names.sortKey();
            this.partitionKeyValue = from.partitionKeyValue;
            this.statusAttribute = from.names.status();
            this.expirationAttribute = from.names.expiration();
            this.inProgressExpirationAttribute = from.names.inProgressExpiration();
            this.dataAttribute = from.names.data();
            this.payloadHashAttribute = from.names.payloadHash();
        }

        /**
         * The client to call DynamoDB with; you choose its HTTP client, region, credentials and retries (its retry
         * policy decides how long a throttled or unavailable table is retried before
         * {@link IdempotencyStoreException}). Required. Not closed by the store.
         *
         * @param client the client
         * @return this builder
         * @throws NullPointerException when {@code client} is null
         */
        public Builder client(DynamoDbClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * The table name. Required.
         *
         * @param tableName 3 to 255 characters of {@code [a-zA-Z0-9_.-]}
         * @return this builder
         * @throws NullPointerException when {@code tableName} is null
         * @throws IllegalArgumentException when it is not a valid DynamoDB table name
         */
        public Builder tableName(String tableName) {
            Objects.requireNonNull(tableName, "tableName");
            if (!tableName.matches("[a-zA-Z0-9_.-]{3,255}")) {
                throw new IllegalArgumentException("a DynamoDB table name is 3 to 255 characters of [a-zA-Z0-9_.-], "
                        + "was '" + tableName + "'");
            }
            this.tableName = tableName;
            return this;
        }

        /**
         * The partition key attribute (type S). Default {@code id}.
         *
         * @param name the attribute name
         * @return this builder
         * @throws NullPointerException when {@code name} is null
         * @throws IllegalArgumentException when it is blank
         */
        public Builder partitionKeyAttribute(String name) {
            this.partitionKeyAttribute = attribute(name, "partitionKeyAttribute");
            return this;
        }

        /**
         * Switches to the sort-key layout, for a table shared with other items (single-table design): the
         * partition key holds {@link #partitionKeyValue(String)} and this sort key attribute (type S) holds the
         * hashed key. All records then share one partition, which caps them at DynamoDB's per-partition
         * throughput (about 1,000 writes per second); the default single-key layout has no such cap.
         *
         * @param name the sort key attribute name
         * @return this builder
         * @throws NullPointerException when {@code name} is null
         * @throws IllegalArgumentException when it is blank
         */
        public Builder sortKeyAttribute(String name) {
            this.sortKeyAttribute = attribute(name, "sortKeyAttribute");
            return this;
        }

        /**
         * The partition key value of every record in the sort-key layout. Default {@code idempotency}.
         *
         * @param value the value
         * @return this builder
         * @throws NullPointerException when {@code value} is null
         * @throws IllegalArgumentException when it is blank
         */
        public Builder partitionKeyValue(String value) {
            this.partitionKeyValue = attribute(value, "partitionKeyValue");
            return this;
        }

        /**
         * The status attribute. Default {@code status}.
         *
         * @param name the attribute name
         * @return this builder
         * @throws NullPointerException when {@code name} is null
         * @throws IllegalArgumentException when it is blank
         */
        public Builder statusAttribute(String name) {
            this.statusAttribute = attribute(name, "statusAttribute");
            return this;
        }

        /**
         * The record expiry attribute (epoch seconds), which should be the table's TTL attribute. Default
         * {@code expiration}.
         *
         * @param name the attribute name
         * @return this builder
         * @throws NullPointerException when {@code name} is null
         * @throws IllegalArgumentException when it is blank
         */
        public Builder expirationAttribute(String name) {
            this.expirationAttribute = attribute(name, "expirationAttribute");
            return this;
        }

        /**
         * The lock expiry attribute (epoch millis). Default {@code inProgressExpiration}.
         *
         * @param name the attribute name
         * @return this builder
         * @throws NullPointerException when {@code name} is null
         * @throws IllegalArgumentException when it is blank
         */
        public Builder inProgressExpirationAttribute(String name) {
            this.inProgressExpirationAttribute = attribute(name, "inProgressExpirationAttribute");
            return this;
        }

        /**
         * The result attribute. Default {@code data}.
         *
         * @param name the attribute name
         * @return this builder
         * @throws NullPointerException when {@code name} is null
         * @throws IllegalArgumentException when it is blank
         */
        public Builder dataAttribute(String name) {
            this.dataAttribute = attribute(name, "dataAttribute");
            return this;
        }

        /**
         * The payload hash attribute. Default {@code payloadHash}.
         *
         * @param name the attribute name
         * @return this builder
         * @throws NullPointerException when {@code name} is null
         * @throws IllegalArgumentException when it is blank
         */
        public Builder payloadHashAttribute(String name) {
            this.payloadHashAttribute = attribute(name, "payloadHashAttribute");
            return this;
        }

        /**
         * Builds the store, and the table schema for its attribute names (once per naming per JVM).
         *
         * @return the store
         * @throws IllegalStateException when the client or table name is missing, two attributes share a name, or
         *     a partition key value is set without a sort key
         */
        public DynamoDbIdempotencyStore build() {
            if (client == null) {
                throw new IllegalStateException("DynamoDbIdempotencyStore needs a client: client(DynamoDbClient)");
            }
            if (tableName == null) {
                throw new IllegalStateException("DynamoDbIdempotencyStore needs a table name: tableName(\"...\")");
            }
            if (partitionKeyValue != null && sortKeyAttribute == null) {
                throw new IllegalStateException("partitionKeyValue applies only to the sort-key layout: also set "
                        + "sortKeyAttribute(...)");
            }
            List<String> all = new ArrayList<>(List.of(partitionKeyAttribute, statusAttribute, expirationAttribute,
                    inProgressExpirationAttribute, dataAttribute, payloadHashAttribute));
            if (sortKeyAttribute != null) {
                all.add(sortKeyAttribute);
            }
            Set<String> distinct = new HashSet<>(all);
            if (distinct.size() != all.size()) {
                throw new IllegalStateException("two attributes of the idempotency record share a name: " + all);
            }
            return new DynamoDbIdempotencyStore(this);
        }

        private static String attribute(String name, String what) {
            Objects.requireNonNull(name, what);
            if (name.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return name;
        }
    }
}
