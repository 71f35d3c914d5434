/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import java.util.List;

/**
 * What an {@link S3ThumbnailHandler} invocation did, one entry per object of the event: the function's JSON
 * response (an asynchronous invocation's on-success destination receives it).
 *
 * @param objects the objects, in the event's order
 */
public record ThumbnailReport(List<Entry> objects) {

    /** Copies the list. */
    public ThumbnailReport {
        objects = List.copyOf(objects);
    }

    /**
     * The report of these outcomes.
     *
     * @param outcomes the processor's outcomes
     * @return the report
     */
    public static ThumbnailReport of(List<ThumbnailOutcome> outcomes) {
        return new ThumbnailReport(outcomes.stream().map(Entry::of).toList());
    }

    /**
     * What happened to one object.
     *
     * @param bucket the bucket
     * @param key the object key (decoded)
     * @param status {@code CREATED}, {@code ALREADY_DONE}, {@code SKIPPED} or {@code FAILED}
     * @param retryable whether a retry could succeed (false for bad images)
     * @param thumbnailKeys the thumbnails written, when created
     * @param detail why it was skipped or failed; empty when created
     */
    public record Entry(String bucket, String key, String status, boolean retryable, List<String> thumbnailKeys,
            String detail) {

        /** Copies the list. */
        public Entry {
            thumbnailKeys = List.copyOf(thumbnailKeys);
        }

        /**
         * The entry for one outcome.
         *
         * @param outcome the processor's outcome
         * @return the entry
         */
        public static Entry of(ThumbnailOutcome outcome) {
            return new Entry(outcome.object().bucket(), outcome.object().key(), outcome.status().name(),
                    outcome.retryable(), outcome.thumbnailKeys(), outcome.detail());
        }
    }
}
