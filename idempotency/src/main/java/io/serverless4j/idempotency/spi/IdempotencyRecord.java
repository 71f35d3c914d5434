/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored idempotency record, as laid out in the architecture: the hashed key, the state, the two expiries, the
 * serialized result and the payload hash. Immutable.
 *
 * @param id the hashed key, {@code <keyPrefix>#<sha256 hex of the canonical key>}; never the raw key
 * @param status {@link Status#IN_PROGRESS} while the work runs, {@link Status#COMPLETED} once its result is stored
 * @param expiration when the record stops counting (second precision; DynamoDB's TTL attribute)
 * @param inProgressExpiration when an {@code IN_PROGRESS} lock ends at the latest (millisecond precision; the
 *     holder's Lambda deadline); null for a completed record
 * @param data the JSON of the result; null unless {@code COMPLETED}
 * @param payloadHash SHA-256 hex of the validated part of the payload, or null when payloads are not validated
 */
public record IdempotencyRecord(String id, Status status, Instant expiration, Instant inProgressExpiration,
        String data, String payloadHash) {

    /** The states of a record. */
    public enum Status {
        /** The work is running (or its runner crashed; see {@link IdempotencyRecord#inProgressExpiration()}). */
        IN_PROGRESS,
        /** The work finished and its result is in {@link IdempotencyRecord#data()}. */
        COMPLETED
    }

    /**
     * Validates the record, and truncates the expiries to what is stored (seconds, milliseconds).
     *
     * @param id the hashed key
     * @param status the state
     * @param expiration when the record stops counting
     * @param inProgressExpiration when an {@code IN_PROGRESS} lock ends, or null
     * @param data the result JSON, or null
     * @param payloadHash the payload hash, or null
     * @throws NullPointerException when id, status or expiration is null, or an {@code IN_PROGRESS} record has no
     *     in-progress expiration
     * @throws IllegalArgumentException when id is blank
     */
    public IdempotencyRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(expiration, "expiration");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        if (status == Status.IN_PROGRESS) {
            Objects.requireNonNull(inProgressExpiration, "inProgressExpiration of an IN_PROGRESS record");
        }
        // Stored as epoch seconds; truncate so that a record compares equal before and after a round trip.
        expiration = Instant.ofEpochSecond(expiration.getEpochSecond());
        if (inProgressExpiration != null) {
            inProgressExpiration = Instant.ofEpochMilli(inProgressExpiration.toEpochMilli());
        }
    }

    /**
     * A new {@code IN_PROGRESS} record: the lock a call takes before running the work.
     *
     * @param id the hashed key
     * @param expiration when the record expires
     * @param inProgressExpiration when the lock ends at the latest
     * @param payloadHash the payload hash, or null
     * @return the record
     */
    public static IdempotencyRecord inProgress(String id, Instant expiration, Instant inProgressExpiration,
            String payloadHash) {
        return new IdempotencyRecord(id, Status.IN_PROGRESS, expiration, inProgressExpiration, null, payloadHash);
    }

    /**
     * This record completed with a result.
     *
     * @param resultJson the serialized result
     * @param newExpiration when the completed record expires
     * @return a {@code COMPLETED} copy without an in-progress expiration
     */
    public IdempotencyRecord completed(String resultJson, Instant newExpiration) {
        return new IdempotencyRecord(id, Status.COMPLETED, newExpiration, null, resultJson, payloadHash);
    }

    /**
     * Whether the record has expired at {@code now}: {@code expiration < now}, compared in epoch seconds exactly as
     * the conditional write does ({@code expiration < :now}).
     *
     * @param now the current time
     * @return true once the record no longer counts
     */
    public boolean isExpired(Instant now) {
        return expiration.getEpochSecond() < now.getEpochSecond();
    }

    /**
     * Whether a new call may take over this record at {@code now}: it has expired, or it is an {@code IN_PROGRESS}
     * lock whose in-progress expiration has passed (compared in epoch millis, as
     * {@code inProgressExpiration < :nowMillis}). This is the condition of
     * {@link IdempotencyStore#putInProgress(IdempotencyRecord, Instant, io.serverless4j.core.Invocation)}.
     *
     * @param now the current time
     * @return true when a conditional put at {@code now} would replace this record
     */
    public boolean isReplaceableAt(Instant now) {
        return isExpired(now) || (status == Status.IN_PROGRESS
                && inProgressExpiration.toEpochMilli() < now.toEpochMilli());
    }

    @Override
    public String toString() {
        // data may hold personal data from a result: never print it.
        return "IdempotencyRecord[id=" + id + ", status=" + status + ", expiration=" + expiration
                + ", inProgressExpiration=" + inProgressExpiration + ", data=" + (data == null ? "null" : "<"
                + data.length() + " chars>") + ", payloadHash=" + payloadHash + "]";
    }
}
