/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

import io.serverless4j.core.Invocation;
import io.serverless4j.idempotency.spi.IdempotencyRecord;
import io.serverless4j.idempotency.spi.IdempotencyStore;
import io.serverless4j.retry.DeadlineExceededException;
import io.serverless4j.retry.RetryPolicy;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * An {@link IdempotencyStore} in a {@link ConcurrentHashMap}, for users' unit tests: same semantics as the
 * DynamoDB store (it passes the same contract), no network, nothing shared between instances.
 *
 * <p>Like the DynamoDB store, it starts no operation that the invocation's deadline (less
 * {@link RetryPolicy#defaults()}' safety margin of 500 ms) leaves no room for: such a call throws
 * {@link IdempotencyDeadlineException} and changes nothing, so deadline paths can be unit-tested with a fake-clock
 * context.
 *
 * <p>Not for production: records live only as long as this object, so separate Lambda execution environments
 * would not see each other's keys. Thread-safe; conditional writes are atomic per key.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    /** Only the deadline check of the policy applies: nothing in here fails in a way it would retry. */
    private static final RetryPolicy DEADLINE = RetryPolicy.defaults();

    private final ConcurrentHashMap<String, IdempotencyRecord> records = new ConcurrentHashMap<>();

    /** Creates an empty store. */
    public InMemoryIdempotencyStore() {}

    @Override
    public Optional<IdempotencyRecord> putInProgress(IdempotencyRecord record, Instant now, Invocation invocation) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(now, "now");
        return withinDeadline("put", record.id(), invocation, () -> {
            AtomicReference<IdempotencyRecord> blocking = new AtomicReference<>();
            records.compute(record.id(), (id, stored) -> {
                if (stored == null || stored.isReplaceableAt(now)) {
                    return record;
                }
                blocking.set(stored);
                return stored;
            });
            return Optional.ofNullable(blocking.get());
        });
    }

    @Override
    public void complete(IdempotencyRecord record, Invocation invocation) {
        Objects.requireNonNull(record, "record");
        withinDeadline("complete", record.id(), invocation, () -> records.put(record.id(), record));
    }

    @Override
    public void delete(String id, Invocation invocation) {
        Objects.requireNonNull(id, "id");
        withinDeadline("delete", id, invocation, () -> records.computeIfPresent(id,
                (key, stored) -> stored.status() == IdempotencyRecord.Status.IN_PROGRESS ? null : stored));
    }

    @Override
    public Optional<IdempotencyRecord> get(String id, Invocation invocation) {
        Objects.requireNonNull(id, "id");
        return withinDeadline("get", id, invocation, () -> Optional.ofNullable(records.get(id)));
    }

    private static <T> T withinDeadline(String operation, String id, Invocation invocation, Supplier<T> call) {
        Objects.requireNonNull(invocation, "invocation");
        try {
            return DEADLINE.call("in-memory " + operation, invocation, attempt -> call.get());
        } catch (DeadlineExceededException e) {
            throw new IdempotencyDeadlineException(id, "In-memory idempotency store: the " + operation + " of key "
                    + id + " was not started, no time was left before the Lambda deadline less the safety margin of "
                    + DEADLINE.safetyMargin().toMillis() + " ms. Nothing was changed.", e);
        }
    }

    /**
     * How many records are stored, expired ones included.
     *
     * @return the count
     */
    public int size() {
        return records.size();
    }

    /**
     * The stored record with this id, whatever the time, for assertions in tests.
     *
     * @param id the hashed key ({@link Idempotency#hashedKey(Object)})
     * @return the record, or empty
     */
    public Optional<IdempotencyRecord> record(String id) {
        return Optional.ofNullable(records.get(Objects.requireNonNull(id, "id")));
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
