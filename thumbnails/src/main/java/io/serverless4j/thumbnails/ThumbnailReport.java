/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import java.util.List;

/**
 * What a thumbnail run did, one entry per object: {@link S3ThumbnailHandler}'s JSON response (an asynchronous
 * invocation's on-success destination receives it), and the summary of {@link S3ThumbnailProcessor}'s outcomes
 * ({@link #of(List)}). The same shape as every serverless4j report: {@link #failed()} and {@link #allSucceeded()}.
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
     * The objects that did not succeed: {@code FAILED} (bad images and retryable failures alike; see
     * {@link Entry#retryable()}) and {@code NOT_STARTED}.
     *
     * @return those entries, in order
     */
    public List<Entry> failed() {
        return objects.stream().filter(e -> !e.succeeded()).toList();
    }

    /**
     * Whether every object was created, already done or skipped.
     *
     * @return true when {@link #failed()} is empty
     */
    public boolean allSucceeded() {
        return objects.stream().allMatch(Entry::succeeded);
    }

    /**
     * What happened to one object.
     *
     * @param bucket the bucket
     * @param key the object key (decoded)
     * @param status {@code CREATED}, {@code ALREADY_DONE}, {@code SKIPPED}, {@code FAILED} or {@code NOT_STARTED}
     *     (a {@link ThumbnailOutcome.Status} name)
     * @param retryable whether a retry could succeed (false for bad images)
     * @param thumbnailKeys the thumbnails written, when created
     * @param detail why it was skipped, failed or not started; empty when created
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

        /**
         * Whether the object was created, already done or skipped.
         *
         * @return false for {@code FAILED} and {@code NOT_STARTED}
         */
        public boolean succeeded() {
            return !ThumbnailOutcome.Status.FAILED.name().equals(status)
                    && !ThumbnailOutcome.Status.NOT_STARTED.name().equals(status);
        }
    }
}
