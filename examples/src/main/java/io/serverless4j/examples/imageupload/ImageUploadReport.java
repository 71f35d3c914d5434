/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.examples.imageupload;

import io.serverless4j.thumbnails.ThumbnailOutcome;
import java.util.List;

/**
 * The image-upload function's output: what happened to each object of the notification.
 *
 * @param objects one outcome per created object, in the notification's order
 */
public record ImageUploadReport(List<Outcome> objects) {

    /** Copies the list. */
    public ImageUploadReport {
        objects = List.copyOf(objects);
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
    public record Outcome(String bucket, String key, String status, boolean retryable, List<String> thumbnailKeys,
            String detail) {

        /** Copies the list. */
        public Outcome {
            thumbnailKeys = List.copyOf(thumbnailKeys);
        }

        static Outcome of(ThumbnailOutcome outcome) {
            return new Outcome(outcome.object().bucket(), outcome.object().key(), outcome.status().name(),
                    outcome.retryable(), outcome.thumbnailKeys(), outcome.detail());
        }
    }
}
