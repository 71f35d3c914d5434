/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency.internal;

/**
 * The DynamoDB item of an idempotency record, as mapped by the enhanced client's static table schema
 * ({@link DynamoDbSchemas}). Mutable because the enhanced client fills items through setters; never leaves the
 * store. Not thread-safe.
 */
public final class DynamoDbItem {

    private String partitionKey;
    private String sortKey;
    private String status;
    private Long expiration;
    private Long inProgressExpiration;
    private String data;
    private String payloadHash;

    /** @return the partition key value: the hashed key, or the static partition value in the sort-key layout */
    public String getPartitionKey() {
        return partitionKey;
    }

    /** @param partitionKey the partition key value */
    public void setPartitionKey(String partitionKey) {
        this.partitionKey = partitionKey;
    }

    /** @return the hashed key in the sort-key layout, else null */
    public String getSortKey() {
        return sortKey;
    }

    /** @param sortKey the sort key value */
    public void setSortKey(String sortKey) {
        this.sortKey = sortKey;
    }

    /** @return IN_PROGRESS or COMPLETED */
    public String getStatus() {
        return status;
    }

    /** @param status the status */
    public void setStatus(String status) {
        this.status = status;
    }

    /** @return the record expiry in epoch seconds (the TTL attribute) */
    public Long getExpiration() {
        return expiration;
    }

    /** @param expiration epoch seconds */
    public void setExpiration(Long expiration) {
        this.expiration = expiration;
    }

    /** @return the lock expiry in epoch millis, or null */
    public Long getInProgressExpiration() {
        return inProgressExpiration;
    }

    /** @param inProgressExpiration epoch millis */
    public void setInProgressExpiration(Long inProgressExpiration) {
        this.inProgressExpiration = inProgressExpiration;
    }

    /** @return the result JSON, or null */
    public String getData() {
        return data;
    }

    /** @param data the result JSON */
    public void setData(String data) {
        this.data = data;
    }

    /** @return the payload hash, or null */
    public String getPayloadHash() {
        return payloadHash;
    }

    /** @param payloadHash the payload hash */
    public void setPayloadHash(String payloadHash) {
        this.payloadHash = payloadHash;
    }
}
