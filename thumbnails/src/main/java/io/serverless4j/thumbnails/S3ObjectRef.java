/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import java.util.Objects;

/**
 * One S3 object version to make thumbnails for, as an S3 {@code ObjectCreated} notification (direct or through
 * EventBridge) describes it. Build it from the event record; the adapters from serverless4j's typed S3 and
 * EventBridge events will arrive with those event models.
 *
 * @param bucket the bucket name
 * @param key the object key, already URL-decoded (S3 notifications URL-encode it, with {@code +} for a space)
 * @param versionId the version id, or {@code null} when the bucket is not versioned
 * @param eTag the ETag, with or without quotes, or {@code null} when unknown
 * @param sizeBytes the object's size from the event, or -1 when unknown
 */
public record S3ObjectRef(String bucket, String key, String versionId, String eTag, long sizeBytes) {

    /**
     * Validates the values and removes quotes around the ETag.
     *
     * @throws NullPointerException when {@code bucket} or {@code key} is null
     * @throws IllegalArgumentException when both {@code versionId} and {@code eTag} are null (one of them is
     *     needed to tell object versions apart), when a name is empty, or when {@code sizeBytes} is below -1
     */
    public S3ObjectRef {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        if (bucket.isEmpty() || key.isEmpty()) {
            throw new IllegalArgumentException("bucket and key must not be empty");
        }
        if (eTag != null) {
            eTag = eTag.replace("\"", "");
            if (eTag.isEmpty()) {
                eTag = null;
            }
        }
        if (versionId != null && versionId.isEmpty()) {
            versionId = null;
        }
        if (versionId == null && eTag == null) {
            throw new IllegalArgumentException("s3://" + bucket + "/" + key + ": a versionId or an eTag is needed "
                    + "to tell object versions apart");
        }
        if (sizeBytes < -1) {
            throw new IllegalArgumentException("sizeBytes must be -1 (unknown) or more, was " + sizeBytes);
        }
    }

    /**
     * The object's address, for messages.
     *
     * @return {@code s3://bucket/key}
     */
    public String uri() {
        return "s3://" + bucket + "/" + key;
    }
}
