/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency.spi;

import io.serverless4j.core.Invocation;
import java.time.Instant;
import java.util.Optional;

/**
 * Where idempotency records live. {@link io.serverless4j.idempotency.DynamoDbIdempotencyStore} is the production
 * store and {@link io.serverless4j.idempotency.InMemoryIdempotencyStore} the one for unit tests; implement this
 * to use another database, and run {@code IdempotencyStoreContract} (in the test jar of this module) against it.
 *
 * <p>Every method gets the {@link Invocation} of the call it serves, so that the store can bound its own calls by
 * the invocation's deadline (the shipped stores pass each request through a {@code RetryPolicy} with it). A call
 * the deadline stops throws {@link io.serverless4j.idempotency.IdempotencyDeadlineException}; a call that cannot
 * start for lack of time changes nothing. Other failures to reach the store are thrown as
 * {@link io.serverless4j.idempotency.IdempotencyStoreException} naming the operation and the hashed key.
 *
 * <p>Implementations must be thread-safe: one store serves every concurrent call of an
 * {@link io.serverless4j.idempotency.Idempotency}. Records are keyed by {@link IdempotencyRecord#id()}, which is
 * already hashed; stores never see raw keys.
 */
public interface IdempotencyStore {

    /**
     * Atomically writes an {@code IN_PROGRESS} record unless another record blocks it: the write succeeds when
     * there is no record with this id, or the stored one {@linkplain IdempotencyRecord#isReplaceableAt(Instant)
     * is replaceable at} {@code now} (expired, or a lock whose in-progress expiration has passed).
     *
     * <p>Of any number of concurrent calls for one id, at most one may succeed. When the write is refused the
     * store returns the record that blocked it, read consistently; if that record vanished before it could be
     * read (its holder deleted it), the store tries the write again, a bounded number of times.
     *
     * @param record the {@code IN_PROGRESS} record to write
     * @param now the caller's current time, used for the expiry comparisons
     * @param invocation the invocation whose deadline bounds the store's calls ({@link Invocation#none()} for none)
     * @return empty when the record was written (the caller now holds the key), otherwise the stored record
     * @throws io.serverless4j.idempotency.IdempotencyDeadlineException when the deadline stopped the write (it may
     *     or may not have been written; if it was, it is a lock that ends at {@code record.inProgressExpiration()})
     * @throws io.serverless4j.idempotency.IdempotencyStoreException when the store cannot be used
     */
    Optional<IdempotencyRecord> putInProgress(IdempotencyRecord record, Instant now, Invocation invocation);

    /**
     * Stores the completed record (status {@code COMPLETED}, the result, the new expiration, no in-progress
     * expiration), replacing the caller's {@code IN_PROGRESS} record, in one atomic write.
     *
     * @param record the completed record
     * @param invocation the invocation whose deadline bounds the store's calls
     * @throws io.serverless4j.idempotency.IdempotencyDeadlineException when the deadline stopped the write (the
     *     record is then either completed or still the caller's {@code IN_PROGRESS} lock)
     * @throws io.serverless4j.idempotency.IdempotencyStoreException when the store cannot be used
     */
    void complete(IdempotencyRecord record, Invocation invocation);

    /**
     * Deletes the record with this id if it is still {@code IN_PROGRESS}, so that the key can run again; a
     * {@code COMPLETED} record, or none, is left as it is.
     *
     * @param id the hashed key
     * @param invocation the invocation whose deadline bounds the store's calls
     * @throws io.serverless4j.idempotency.IdempotencyDeadlineException when the deadline stopped the delete
     * @throws io.serverless4j.idempotency.IdempotencyStoreException when the store cannot be used
     */
    void delete(String id, Invocation invocation);

    /**
     * Reads the record with this id, consistently (a write that completed before this call is seen).
     *
     * @param id the hashed key
     * @param invocation the invocation whose deadline bounds the store's calls
     * @return the record, or empty when there is none
     * @throws io.serverless4j.idempotency.IdempotencyDeadlineException when the deadline stopped the read
     * @throws io.serverless4j.idempotency.IdempotencyStoreException when the store cannot be used
     */
    Optional<IdempotencyRecord> get(String id, Invocation invocation);

    /**
     * Loads and initialises what the store needs (classes, request templates) without talking to the database,
     * for SnapStart or CRaC priming. The default does nothing.
     */
    default void prime() {}
}
