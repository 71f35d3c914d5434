/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

import io.serverless4j.core.Invocation;
import io.serverless4j.idempotency.spi.IdempotencyRecord;
import io.serverless4j.idempotency.spi.IdempotencyStore;
import io.serverless4j.retry.AttemptCall;
import io.serverless4j.retry.Backoff;
import io.serverless4j.retry.DeadlineExceededException;
import io.serverless4j.retry.RetriesExhaustedException;
import io.serverless4j.retry.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The production {@link IdempotencyStore}: records in a DynamoDB table, on the {@link DynamoDbClient} you pass in
 * (no HTTP client is chosen for you), every request through a {@link RetryPolicy} that bounds it by the
 * invocation's deadline.
 *
 * <pre>{@code
 * static final DynamoDbClient DYNAMO_DB = DynamoDbClient.builder()
 *         .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
 * static final DynamoDbIdempotencyStore STORE = DynamoDbIdempotencyStore.builder()
 *         .dynamoDbClient(DYNAMO_DB).tableName("idempotency").build();
 * }</pre>
 *
 * <p>Calls: taking a key is one conditional PutItem
 * ({@code attribute_not_exists(id) OR expiration < :now OR (status = IN_PROGRESS AND inProgressExpiration <
 * :nowMillis)}) with {@code ReturnValuesOnConditionCheckFailure=ALL_OLD}, so a refused write returns the stored
 * record in the same call; only when the store returns no item (DynamoDB-compatible emulators such as dynalite)
 * does a consistent GetItem follow. Completing is one UpdateItem; releasing after a failure one DeleteItem
 * (conditional on {@code IN_PROGRESS}, so a completed result is never deleted).
 *
 * <p>The deadline: each request carries the policy's per-attempt SDK settings (its {@code apiCallTimeout} capped by
 * the time left less the safety margin, the client's own retries off), and no retry is started whose wait would not
 * fit; when time runs out the call throws {@link IdempotencyDeadlineException}. Every write is one atomic request,
 * so a record is never half-written: a lock is taken or not, a completion is stored or the lock stays.
 *
 * <p>The requests are made with the low-level client: the enhanced client's requests (SDK 2.57) take no per-request
 * override configuration, which the deadline needs, and a record has only seven attributes to map.
 *
 * <p>IAM: {@code dynamodb:PutItem}, {@code GetItem}, {@code UpdateItem}, {@code DeleteItem} on the table;
 * {@link #createTableIfNotExists()} also needs {@code CreateTable}, {@code DescribeTable},
 * {@code UpdateTimeToLive}. Immutable and thread-safe; keep it in a {@code static final} field.
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbIdempotencyStore.class);
    private static final int MAX_PUT_ATTEMPTS = 3;
    private static final Duration TABLE_ACTIVE_TIMEOUT = Duration.ofMinutes(5);
    /** Polls DescribeTable until the table is ACTIVE: 20 ms doubling to 1 s, within {@link #TABLE_ACTIVE_TIMEOUT}. */
    private static final RetryPolicy TABLE_ACTIVE_POLL = RetryPolicy.builder()
            .maxAttempts(Integer.MAX_VALUE)
            .backoff(Backoff.exponential(Duration.ofMillis(20), Duration.ofSeconds(1)))
            .retryOn(NotActiveYet.class::isInstance)
            .safetyMargin(Duration.ZERO)
            .build();
    private static final String IN_PROGRESS = IdempotencyRecord.Status.IN_PROGRESS.name();
    private static final String PUT_CONDITION = "attribute_not_exists(#pk) OR #expiration < :now"
            + " OR (#status = :inProgress AND #inProgressExpiration < :nowMillis)";
    private static final String DELETE_CONDITION = "#status = :inProgress";
    private static final AttributeValue IN_PROGRESS_VALUE = AttributeValue.fromS(IN_PROGRESS);

    private final DynamoDbClient dynamoDbClient;
    private final RetryPolicy retryPolicy;
    private final String tableName;
    private final AttributeNames names;
    private final String partitionKeyValue;
    private final Map<String, String> putConditionNames;
    private final Map<String, String> deleteConditionNames;
    /** The non-key attributes a completion sets or removes, in a fixed order. */
    private final List<String> updatedAttributes;

    /** The attribute names of an item. */
    private record AttributeNames(String partitionKey, String sortKey, String status, String expiration,
            String inProgressExpiration, String data, String payloadHash) {}

    /** The signal of the table-creation poll: the table exists but is not ACTIVE yet. */
    private static final class NotActiveYet extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotActiveYet() {
            super("the table is not ACTIVE yet", null, false, false);
        }
    }

    private DynamoDbIdempotencyStore(Builder builder) {
        this.dynamoDbClient = builder.dynamoDbClient;
        this.retryPolicy = builder.retryPolicy;
        this.tableName = builder.tableName;
        this.names = new AttributeNames(builder.partitionKeyAttribute, builder.sortKeyAttribute,
                builder.statusAttribute, builder.expirationAttribute, builder.inProgressExpirationAttribute,
                builder.dataAttribute, builder.payloadHashAttribute);
        this.partitionKeyValue = builder.sortKeyAttribute == null ? null
                : builder.partitionKeyValue == null ? "idempotency" : builder.partitionKeyValue;
        this.putConditionNames = Map.of("#pk", names.partitionKey(), "#status", names.status(),
                "#expiration", names.expiration(), "#inProgressExpiration", names.inProgressExpiration());
        this.deleteConditionNames = Map.of("#status", names.status());
        this.updatedAttributes = List.of(names.status(), names.expiration(), names.inProgressExpiration(),
                names.data(), names.payloadHash());
    }

    /**
     * A new builder. {@link Builder#dynamoDbClient} and {@link Builder#tableName} are required.
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
    public Optional<IdempotencyRecord> putInProgress(IdempotencyRecord record, Instant now, Invocation invocation) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(invocation, "invocation");
        PutItemRequest request = PutItemRequest.builder()
                .tableName(tableName)
                .item(toItem(record))
                .conditionExpression(PUT_CONDITION)
                .expressionAttributeNames(putConditionNames)
                .expressionAttributeValues(Map.of(
                        ":now", AttributeValue.fromN(Long.toString(now.getEpochSecond())),
                        ":nowMillis", AttributeValue.fromN(Long.toString(now.toEpochMilli())),
                        ":inProgress", IN_PROGRESS_VALUE))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        String ifStopped = "The key was not taken, so nothing ran; if the write reached DynamoDB anyway, that lock "
                + "ends at " + record.inProgressExpiration() + " (the invocation's deadline), never later.";
        for (int attempt = 1; attempt <= MAX_PUT_ATTEMPTS; attempt++) {
            try {
                call("PutItem", record.id(), invocation, ifStopped, a -> dynamoDbClient.putItem(request.toBuilder()
                        .overrideConfiguration(a.overrideConfiguration()).build()));
                return Optional.empty();
            } catch (ConditionalCheckFailedException refused) {
                if (refused.hasItem() && !refused.item().isEmpty()) {
                    return Optional.of(toRecord(refused.item(), record.id()));
                }
                // No item in the refusal (emulators ignore ReturnValuesOnConditionCheckFailure): read it.
                Optional<IdempotencyRecord> stored = get(record.id(), invocation);
                if (stored.isPresent()) {
                    return stored;
                }
                // The holder deleted it between our write and our read: the key may be free now.
            } catch (SdkException e) {
                throw failure("PutItem", record.id(), e, 1, e);
            }
        }
        throw new IdempotencyStoreException(record.id(), "DynamoDB PutItem on table " + tableName
                + " was refused " + MAX_PUT_ATTEMPTS + " times for idempotency key " + record.id()
                + " but the record that refused it was gone each time it was read; the key is heavily contended, "
                + "retry later.", null);
    }

    @Override
    public void complete(IdempotencyRecord record, Invocation invocation) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(invocation, "invocation");
        // The whole item in one UpdateItem: null attributes (inProgressExpiration) are removed.
        Map<String, AttributeValue> item = toItem(record);
        Map<String, String> expressionNames = new HashMap<>();
        Map<String, AttributeValue> expressionValues = new HashMap<>();
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        for (int i = 0; i < updatedAttributes.size(); i++) {
            String attribute = updatedAttributes.get(i);
            expressionNames.put("#a" + i, attribute);
            AttributeValue value = item.get(attribute);
            if (value == null) {
                remove.add("#a" + i);
            } else {
                set.add("#a" + i + " = :v" + i);
                expressionValues.put(":v" + i, value);
            }
        }
        UpdateItemRequest request = UpdateItemRequest.builder()
                .tableName(tableName)
                .key(key(record.id()))
                .updateExpression("SET " + String.join(", ", set)
                        + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove)))
                .expressionAttributeNames(expressionNames)
                .expressionAttributeValues(expressionValues)
                .build();
        try {
            call("UpdateItem", record.id(), invocation, "The record was not completed: it stays IN_PROGRESS until "
                    + "its in-progress expiration (the invocation's deadline), never later.",
                    a -> dynamoDbClient.updateItem(request.toBuilder()
                            .overrideConfiguration(a.overrideConfiguration()).build()));
        } catch (SdkException e) {
            throw failure("UpdateItem", record.id(), e, 1, e);
        }
    }

    @Override
    public void delete(String id, Invocation invocation) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(invocation, "invocation");
        DeleteItemRequest request = DeleteItemRequest.builder()
                .tableName(tableName)
                .key(key(id))
                .conditionExpression(DELETE_CONDITION)
                .expressionAttributeNames(deleteConditionNames)
                .expressionAttributeValues(Map.of(":inProgress", IN_PROGRESS_VALUE))
                .build();
        try {
            call("DeleteItem", id, invocation, "The record was not deleted: it stays IN_PROGRESS until its "
                    + "in-progress expiration (the invocation's deadline), never later.",
                    a -> dynamoDbClient.deleteItem(request.toBuilder()
                            .overrideConfiguration(a.overrideConfiguration()).build()));
        } catch (ConditionalCheckFailedException completedOrGone) {
            LOG.debug("Idempotency key {}: not deleted, it is no longer IN_PROGRESS", id);
        } catch (SdkException e) {
            throw failure("DeleteItem", id, e, 1, e);
        }
    }

    @Override
    public Optional<IdempotencyRecord> get(String id, Invocation invocation) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(invocation, "invocation");
        GetItemRequest request = GetItemRequest.builder().tableName(tableName).key(key(id)).consistentRead(true)
                .build();
        try {
            Map<String, AttributeValue> item = call("GetItem", id, invocation, "Nothing was changed.",
                    a -> dynamoDbClient.getItem(request.toBuilder()
                            .overrideConfiguration(a.overrideConfiguration()).build())).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toRecord(item, id));
        } catch (SdkException e) {
            throw failure("GetItem", id, e, 1, e);
        }
    }

    /**
     * Makes one DynamoDB request through the retry policy. The deadline and running out of attempts become this
     * module's exceptions; what the policy does not retry (a condition failure, a missing table) comes back as the
     * SDK threw it.
     */
    private <T> T call(String operation, String id, Invocation invocation, String ifStopped,
            AttemptCall<T, RuntimeException> request) {
        try {
            return retryPolicy.call("DynamoDB " + operation, invocation, request);
        } catch (DeadlineExceededException e) {
            throw new IdempotencyDeadlineException(id, "DynamoDB " + operation + " on table " + tableName
                    + (id == null ? "" : " for idempotency key " + id) + " was stopped by the Lambda deadline ("
                    + e.attempts() + (e.attempts() == 1 ? " attempt, " : " attempts, ") + e.remainingTime().toMillis()
                    + " ms were left, the store's retry policy keeps " + retryPolicy.safetyMargin().toMillis()
                    + " ms free). " + ifStopped, e);
        } catch (RetriesExhaustedException e) {
            throw failure(operation, id, e.getCause(), e.attempts(), e);
        }
    }

    /**
     * Builds the request objects a call needs and maps a sample item both ways, without calling DynamoDB.
     */
    @Override
    public void prime() {
        String id = "prime#" + "0".repeat(64);
        IdempotencyRecord sample = IdempotencyRecord.inProgress(id, Instant.EPOCH, Instant.EPOCH, "0".repeat(64));
        Map<String, AttributeValue> item = toItem(sample.completed("{}", Instant.EPOCH));
        toRecord(item, id);
        toRecord(toItem(sample), id);
        PutItemRequest.builder().tableName(tableName).item(item).conditionExpression(PUT_CONDITION)
                .expressionAttributeNames(putConditionNames)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build();
        UpdateItemRequest.builder().tableName(tableName).key(key(id)).updateExpression("SET #a0 = :v0").build();
        GetItemRequest.builder().tableName(tableName).key(key(id)).consistentRead(true).build();
        DeleteItemRequest.builder().tableName(tableName).key(key(id)).conditionExpression(DELETE_CONDITION).build();
        ConditionalCheckFailedException.builder().item(item).build();
    }

    /**
     * Creates the table if it does not exist, for development and tests: on-demand capacity
     * ({@code PAY_PER_REQUEST}), the key schema of this store, and TTL on the expiration attribute. Waits until
     * the table is {@code ACTIVE}; the whole helper is bounded by 5 minutes, each request through the store's retry
     * policy. An existing table is left as it is. Endpoints that do not support {@code UpdateTimeToLive} (dynalite)
     * get a logged warning instead of TTL; expired records are still ignored by their expiration attribute, only not
     * deleted. In production, create the table with infrastructure as code (docs/idempotency.md has a SAM template).
     *
     * @throws IdempotencyDeadlineException when the table does not become active within 5 minutes
     * @throws IdempotencyStoreException when DynamoDB refuses
     */
    public void createTableIfNotExists() {
        Invocation budget = Invocation.none().withTimeLimit(TABLE_ACTIVE_TIMEOUT);
        try {
            try {
                describeTable(budget);
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
                call("CreateTable", null, budget, "The table may or may not have been created.",
                        a -> dynamoDbClient.createTable(b -> b.tableName(tableName).attributeDefinitions(attributes)
                                .keySchema(keys).billingMode(BillingMode.PAY_PER_REQUEST)
                                .overrideConfiguration(a.overrideConfiguration())));
            } catch (ResourceInUseException createdMeanwhile) {
                LOG.debug("DynamoDB table {} was created concurrently", tableName);
            }
            awaitActive(budget);
            enableTimeToLive(budget);
        } catch (SdkException e) {
            throw new IdempotencyStoreException(null, "Could not create the DynamoDB table " + tableName + ": "
                    + e.getMessage() + ". Check the region, and that the caller may dynamodb:CreateTable, "
                    + "DescribeTable and UpdateTimeToLive.", e);
        }
    }

    private TableStatus describeTable(Invocation budget) {
        return call("DescribeTable", null, budget, "Nothing was changed.",
                a -> dynamoDbClient.describeTable(b -> b.tableName(tableName)
                        .overrideConfiguration(a.overrideConfiguration()))).table().tableStatus();
    }

    private void awaitActive(Invocation budget) {
        try {
            TABLE_ACTIVE_POLL.call("DynamoDB table " + tableName + " becoming ACTIVE", budget, attempt -> {
                try {
                    if (describeTable(budget) == TableStatus.ACTIVE) {
                        return null;
                    }
                } catch (ResourceNotFoundException notYetVisible) {
                    // Eventually consistent right after CreateTable: poll on.
                }
                throw new NotActiveYet();
            });
        } catch (DeadlineExceededException e) {
            throw new IdempotencyDeadlineException(null, "DynamoDB table " + tableName + " did not become ACTIVE "
                    + "within " + TABLE_ACTIVE_TIMEOUT.toMinutes() + " minutes; look at it in the console.", e);
        } catch (RetriesExhaustedException interrupted) {
            throw new IdempotencyStoreException(null, "Interrupted while waiting for DynamoDB table " + tableName
                    + " to become ACTIVE", interrupted);
        }
    }

    private void enableTimeToLive(Invocation budget) {
        try {
            call("UpdateTimeToLive", null, budget, "TTL may or may not have been enabled.",
                    a -> dynamoDbClient.updateTimeToLive(b -> b.tableName(tableName)
                            .timeToLiveSpecification(s -> s.attributeName(names.expiration()).enabled(true))
                            .overrideConfiguration(a.overrideConfiguration())));
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

    private Map<String, AttributeValue> key(String id) {
        return names.sortKey() == null
                ? Map.of(names.partitionKey(), AttributeValue.fromS(id))
                : Map.of(names.partitionKey(), AttributeValue.fromS(partitionKeyValue),
                        names.sortKey(), AttributeValue.fromS(id));
    }

    private Map<String, AttributeValue> toItem(IdempotencyRecord record) {
        Map<String, AttributeValue> item = new HashMap<>(key(record.id()));
        item.put(names.status(), AttributeValue.fromS(record.status().name()));
        item.put(names.expiration(), AttributeValue.fromN(Long.toString(record.expiration().getEpochSecond())));
        if (record.inProgressExpiration() != null) {
            item.put(names.inProgressExpiration(),
                    AttributeValue.fromN(Long.toString(record.inProgressExpiration().toEpochMilli())));
        }
        if (record.data() != null) {
            item.put(names.data(), AttributeValue.fromS(record.data()));
        }
        if (record.payloadHash() != null) {
            item.put(names.payloadHash(), AttributeValue.fromS(record.payloadHash()));
        }
        return item;
    }

    private IdempotencyRecord toRecord(Map<String, AttributeValue> item, String expectedId) {
        String id = string(item, names.sortKey() == null ? names.partitionKey() : names.sortKey());
        String statusText = string(item, names.status());
        IdempotencyRecord.Status status;
        try {
            status = IdempotencyRecord.Status.valueOf(String.valueOf(statusText));
        } catch (IllegalArgumentException e) {
            throw malformed(expectedId, names.status() + " is '" + statusText + "'", e);
        }
        Long expiration = number(item, names.expiration(), expectedId);
        if (expiration == null) {
            throw malformed(expectedId, names.expiration() + " is missing", null);
        }
        Long inProgressExpiration = number(item, names.inProgressExpiration(), expectedId);
        if (status == IdempotencyRecord.Status.IN_PROGRESS && inProgressExpiration == null) {
            throw malformed(expectedId, names.inProgressExpiration() + " is missing on an IN_PROGRESS record", null);
        }
        return new IdempotencyRecord(id == null ? expectedId : id, status, Instant.ofEpochSecond(expiration),
                inProgressExpiration == null ? null : Instant.ofEpochMilli(inProgressExpiration),
                string(item, names.data()), string(item, names.payloadHash()));
    }

    private static String string(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null ? null : value.s();
    }

    private Long number(Map<String, AttributeValue> item, String attribute, String id) {
        AttributeValue value = item.get(attribute);
        if (value == null || value.n() == null) {
            return null;
        }
        try {
            return Long.parseLong(value.n());
        } catch (NumberFormatException e) {
            throw malformed(id, attribute + " is '" + value.n() + "', not an integer", e);
        }
    }

    private IdempotencyStoreException malformed(String id, String what, Throwable cause) {
        return new IdempotencyStoreException(id, "The record for idempotency key " + id + " in DynamoDB table "
                + tableName + " is malformed (" + what + "); was it written by something else? Delete the item, "
                + "or check the store's attribute names.", cause);
    }

    private IdempotencyStoreException failure(String operation, String id, Throwable last, int attempts,
            Throwable cause) {
        String reason;
        String errorCode = last instanceof AwsServiceException service && service.awsErrorDetails() != null
                ? service.awsErrorDetails().errorCode() : null;
        String tries = attempts == 1 ? "" : " after " + attempts + " attempts";
        if (last instanceof ResourceNotFoundException) {
            reason = "the table does not exist in this account and region; create it (SAM template in "
                    + "docs/idempotency.md, or DynamoDbIdempotencyStore.createTableIfNotExists() for development)";
        } else if (last instanceof SdkServiceException service && service.isThrottlingException()) {
            reason = "DynamoDB still throttled" + tries + "; retry later, raise the table's capacity, or give the "
                    + "store a RetryPolicy with more attempts";
        } else if ("AccessDeniedException".equals(errorCode)) {
            reason = "access denied; the function's role needs dynamodb:" + operation + " on the table";
        } else if (last instanceof SdkServiceException service && service.statusCode() >= 500) {
            reason = "DynamoDB answered HTTP " + service.statusCode() + tries + "; retry later";
        } else if (last instanceof SdkClientException) {
            reason = "DynamoDB could not be reached" + tries + " (" + last.getMessage()
                    + "); check the network path, the endpoint and the client's timeouts";
        } else {
            reason = "DynamoDB refused the request (" + (errorCode == null
                    ? (last == null ? "unknown" : last.getClass().getSimpleName()) : errorCode) + ")" + tries;
        }
        return new IdempotencyStoreException(id, "DynamoDB " + operation + " on table " + tableName
                + (id == null ? " failed" : " failed for idempotency key " + id) + ": " + reason + ".", cause);
    }

    @Override
    public String toString() {
        return "DynamoDbIdempotencyStore[table=" + tableName + ", partitionKey=" + names.partitionKey()
                + (names.sortKey() == null ? "" : ", sortKey=" + names.sortKey() + ", partitionKeyValue="
                        + partitionKeyValue) + ", " + retryPolicy + "]";
    }

    /**
     * Builds a {@link DynamoDbIdempotencyStore}. Setters validate at once ({@link NullPointerException},
     * {@link IllegalArgumentException}); {@link #build()} checks required and cross-field settings
     * ({@link IllegalStateException}). Not thread-safe.
     */
    public static final class Builder {
        private DynamoDbClient dynamoDbClient;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
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
            this.dynamoDbClient = from.dynamoDbClient;
            this.retryPolicy = from.retryPolicy;
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
         * The client to call DynamoDB with; you choose its HTTP client, region and credentials. Its own retries are
         * turned off for the store's requests: the {@link #retryPolicy(RetryPolicy) retry policy} decides them.
         * Required. Not closed by the store.
         *
         * @param dynamoDbClient the client
         * @return this builder
         * @throws NullPointerException when {@code dynamoDbClient} is null
         */
        public Builder dynamoDbClient(DynamoDbClient dynamoDbClient) {
            this.dynamoDbClient = Objects.requireNonNull(dynamoDbClient, "dynamoDbClient");
            return this;
        }

        /**
         * How every DynamoDB request of the store is retried and bounded by the invocation's deadline: attempts,
         * backoff (a longer one after throttling), what is retryable, and the safety margin kept before the
         * deadline. Default {@link RetryPolicy#defaults()}: 3 attempts, 500 ms margin. A store whose calls the
         * deadline stops throws {@link IdempotencyDeadlineException}; one that gives up after its attempts,
         * {@link IdempotencyStoreException}.
         *
         * @param retryPolicy the policy
         * @return this builder
         * @throws NullPointerException when {@code retryPolicy} is null
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
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
         * Builds the store.
         *
         * @return the store
         * @throws IllegalStateException when the client or table name is missing, two attributes share a name, or
         *     a partition key value is set without a sort key
         */
        public DynamoDbIdempotencyStore build() {
            if (dynamoDbClient == null) {
                throw new IllegalStateException("DynamoDbIdempotencyStore needs a client: "
                        + "dynamoDbClient(DynamoDbClient)");
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
