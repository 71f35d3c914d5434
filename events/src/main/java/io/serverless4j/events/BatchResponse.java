/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.serverless4j.events.internal.Checks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The partial-batch response of SQS, Kinesis and DynamoDB Streams handlers: the items that failed and must be
 * retried. It takes effect only when the event source mapping has {@code ReportBatchItemFailures} enabled.
 *
 * <p>The item identifier is the SQS {@code messageId}, the Kinesis {@code sequenceNumber} or the DynamoDB Streams
 * {@code SequenceNumber}. An empty list means the whole batch succeeded. Immutable and thread-safe.
 *
 * @param batchItemFailures the failed items; never null (JSON {@code batchItemFailures})
 */
public record BatchResponse(@JsonProperty("batchItemFailures") List<ItemFailure> batchItemFailures) {

    private static final BatchResponse ALL_SUCCEEDED = new BatchResponse(List.of());

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException if an element is null
     */
    public BatchResponse {
        batchItemFailures = Checks.list(batchItemFailures, "batchItemFailures");
    }

    /**
     * Returns the response for a batch in which every item succeeded.
     *
     * @return a response with no failures
     */
    public static BatchResponse allSucceeded() {
        return ALL_SUCCEEDED;
    }

    /**
     * Returns the response that asks for {@code itemIdentifiers} to be retried.
     *
     * @param itemIdentifiers SQS message ids or Kinesis/DynamoDB sequence numbers, in batch order
     * @return the response
     * @throws NullPointerException if the collection or an identifier is null
     */
    public static BatchResponse failed(Collection<String> itemIdentifiers) {
        List<ItemFailure> failures = new ArrayList<>(itemIdentifiers.size());
        for (String id : itemIdentifiers) {
            failures.add(new ItemFailure(id));
        }
        return new BatchResponse(failures);
    }

    /**
     * One failed item.
     *
     * @param itemIdentifier the SQS message id or the Kinesis/DynamoDB sequence number; required
     *     (JSON {@code itemIdentifier})
     */
    public record ItemFailure(@JsonProperty("itemIdentifier") String itemIdentifier) {

        /**
         * Validates the component.
         *
         * @throws NullPointerException if {@code itemIdentifier} is null
         */
        public ItemFailure {
            Objects.requireNonNull(Checks.required(itemIdentifier, "itemIdentifier"));
        }
    }
}
