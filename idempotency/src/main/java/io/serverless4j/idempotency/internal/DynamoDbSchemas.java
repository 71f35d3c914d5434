/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency.internal;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * Static table schemas for idempotency items, built once per attribute naming and kept for the life of the JVM
 * (building a schema is the expensive part of the enhanced client). A static schema needs no reflection or
 * bean introspection, so it also costs less at cold start than a bean schema. Thread-safe.
 */
public final class DynamoDbSchemas {

    /**
     * The attribute names of an item.
     *
     * @param partitionKey the partition key attribute
     * @param sortKey the sort key attribute, or null for the single-key layout
     * @param status the status attribute
     * @param expiration the expiry (TTL) attribute
     * @param inProgressExpiration the lock expiry attribute
     * @param data the result attribute
     * @param payloadHash the payload hash attribute
     */
    public record AttributeNames(String partitionKey, String sortKey, String status, String expiration,
            String inProgressExpiration, String data, String payloadHash) {}

    private static final ConcurrentHashMap<AttributeNames, TableSchema<DynamoDbItem>> SCHEMAS =
            new ConcurrentHashMap<>();

    private DynamoDbSchemas() {}

    /**
     * The schema for a naming, built on first use.
     *
     * @param names the attribute names
     * @return the shared, immutable schema
     */
    public static TableSchema<DynamoDbItem> forNames(AttributeNames names) {
        return SCHEMAS.computeIfAbsent(names, DynamoDbSchemas::build);
    }

    private static TableSchema<DynamoDbItem> build(AttributeNames names) {
        StaticTableSchema.Builder<DynamoDbItem> builder = StaticTableSchema.builder(DynamoDbItem.class)
                .newItemSupplier(DynamoDbItem::new)
                .addAttribute(String.class, a -> a.name(names.partitionKey())
                        .getter(DynamoDbItem::getPartitionKey).setter(DynamoDbItem::setPartitionKey)
                        .tags(primaryPartitionKey()));
        if (names.sortKey() != null) {
            builder.addAttribute(String.class, a -> a.name(names.sortKey())
                    .getter(DynamoDbItem::getSortKey).setter(DynamoDbItem::setSortKey)
                    .tags(primarySortKey()));
        }
        return builder
                .addAttribute(String.class, a -> a.name(names.status())
                        .getter(DynamoDbItem::getStatus).setter(DynamoDbItem::setStatus))
                .addAttribute(Long.class, a -> a.name(names.expiration())
                        .getter(DynamoDbItem::getExpiration).setter(DynamoDbItem::setExpiration))
                .addAttribute(Long.class, a -> a.name(names.inProgressExpiration())
                        .getter(DynamoDbItem::getInProgressExpiration).setter(DynamoDbItem::setInProgressExpiration))
                .addAttribute(String.class, a -> a.name(names.data())
                        .getter(DynamoDbItem::getData).setter(DynamoDbItem::setData))
                .addAttribute(String.class, a -> a.name(names.payloadHash())
                        .getter(DynamoDbItem::getPayloadHash).setter(DynamoDbItem::setPayloadHash))
                .build();
    }
}
