/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

import io.serverless4j.idempotency.spi.IdempotencyRecord;
import io.serverless4j.idempotency.spi.IdempotencyStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An {@link IdempotencyStore} in a {@link ConcurrentHashMap}, for users' unit tests: same semantics as the
 * DynamoDB store (it passes the same contract), no network, nothing shared between instances.
 *
 * <p>Not for production: records live only as long as this object, so separate Lambda execution environments
 * would not see each other's keys. Thread-safe; conditional writes are atomic per key.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    private final ConcurrentHashMap<String, IdempotencyRecord> records = new ConcurrentHashMap<>();

    /** Creates an empty store. */
    public InMemoryIdempotencyStore() {}

    @Override
    public Optional<IdempotencyRecord> putInProgress(IdempotencyRecord record, Instant now) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(now, "now");
        AtomicReference<IdempotencyRecord> blocking = new AtomicReference<>();
        records.compute(record.id(), (id, stored) -> {
            if (stored == null || stored.isReplaceableAt(now)) {
                return record;
            }
            blocking.set(stored);
            return stored;
        });
        return Optional.ofNullable(blocking.get());
    }

    @Override
    public void complete(IdempotencyRecord record) {
        Objects.requireNonNull(record, "record");
        records.put(record.id(), record);
    }

    @Override
    public void delete(String id) {
        Objects.requireNonNull(id, "id");
        records.computeIfPresent(id,
                (key, stored) -> stored.status() == IdempotencyRecord.Status.IN_PROGRESS ? null : stored);
    }

    @Override
    public Optional<IdempotencyRecord> get(String id) {
        Objects.requireNonNull(id, "id");
        return Optional.ofNullable(records.get(id));
    }

    /**
     * How many records are stored, expired ones included.
     *
     * @return the count
     */
    public int size() {
        return records.size();
    }

    /** Removes every record. */
    public void clear() {
        records.clear();
    }

    @Override
    public String toString() {
        return "InMemoryIdempotencyStore[" + records.size() + " records]";
    }
}
