/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.s3;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.serverless4j.events.internal.Checks;

/**
 * The {@code detail} of the S3 events that EventBridge delivers ({@code Object Created}, {@code Object Deleted},
 * and the other object-level detail types): read it with
 * {@code event.detail(S3ObjectEventDetail.class)} on an {@link io.serverless4j.events.eventbridge.EventBridgeEvent}.
 *
 * <p>Unlike the direct notification, AWS documents the EventBridge key without URL encoding, so {@code key}
 * is passed through as sent. Required fields: {@code bucket.name}, {@code object.key}. Immutable and thread-safe.
 *
 * @param version the detail version (JSON {@code version})
 * @param bucket the bucket; required (JSON {@code bucket})
 * @param object the object; required (JSON {@code object})
 * @param requestId the S3 request id (JSON {@code request-id})
 * @param requester the account or service principal that made the request (JSON {@code requester})
 * @param sourceIpAddress the caller's address, when known (JSON {@code source-ip-address})
 * @param reason the API that caused the event, e.g. {@code PutObject}, {@code DeleteObject}
 *     (JSON {@code reason})
 * @param deletionType for {@code Object Deleted}: {@code Permanently Deleted} or
 *     {@code Delete Marker Created} (JSON {@code deletion-type})
 */
public record S3ObjectEventDetail(
        @JsonProperty("version") String version,
        @JsonProperty("bucket") Bucket bucket,
        @JsonProperty("object") S3Object object,
        @JsonProperty("request-id") String requestId,
        @JsonProperty("requester") String requester,
        @JsonProperty("source-ip-address") String sourceIpAddress,
        @JsonProperty("reason") String reason,
        @JsonProperty("deletion-type") String deletionType) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if {@code bucket} or {@code object} is null
     */
    public S3ObjectEventDetail {
        Checks.required(bucket, "bucket");
        Checks.required(object, "object");
    }

    /**
     * The bucket of an EventBridge S3 event.
     *
     * @param name the bucket name; required (JSON {@code name})
     */
    public record Bucket(@JsonProperty("name") String name) {

        /**
         * Validates the components.
         *
         * @throws NullPointerException if {@code name} is null
         */
        public Bucket {
            Checks.required(name, "name");
        }
    }

    /**
     * The object of an EventBridge S3 event.
     *
     * @param key the object key; required (JSON {@code key})
     * @param size the size in bytes; null for deletions (JSON {@code size})
     * @param etag the entity tag; null for deletions (JSON {@code etag})
     * @param versionId the version id, for versioned buckets (JSON {@code version-id})
     * @param sequencer orders events for the same key (JSON {@code sequencer})
     */
    public record S3Object(
            @JsonProperty("key") String key,
            @JsonProperty("size") Long size,
            @JsonProperty("etag") String etag,
            @JsonProperty("version-id") String versionId,
            @JsonProperty("sequencer") String sequencer) {

        /**
         * Validates the components.
         *
         * @throws NullPointerException if {@code key} is null
         */
        public S3Object {
            Checks.required(key, "key");
        }
    }
}
