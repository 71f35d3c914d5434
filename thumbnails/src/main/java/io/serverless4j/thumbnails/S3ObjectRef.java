/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import io.serverless4j.events.eventbridge.EventBridgeEvent;
import io.serverless4j.events.s3.S3Event;
import io.serverless4j.events.s3.S3ObjectEventDetail;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

    /**
     * The created objects of an S3 event notification, in order; records of other events (deletions, restores,
     * ...) are left out. Keys are URL-decoded ({@code +} is a space, {@code %28} is {@code (}).
     *
     * @param event a direct S3 notification
     * @return one reference per {@code ObjectCreated:*} record
     */
    public static List<S3ObjectRef> fromNotification(S3Event event) {
        Objects.requireNonNull(event, "event");
        List<S3ObjectRef> objects = new ArrayList<>();
        for (S3Event.Record record : event.records()) {
            if (record.eventName().startsWith("ObjectCreated:")) {
                S3Event.S3Object object = record.s3().object();
                objects.add(new S3ObjectRef(record.bucketName(), object.key(), object.versionId(), object.eTag(),
                        object.size() == null ? -1 : object.size()));
            }
        }
        return objects;
    }

    /**
     * The object of an S3 {@code Object Created} event delivered by EventBridge; empty for any other event.
     *
     * @param event an EventBridge event
     * @return the created object, if the event is one
     * @throws io.serverless4j.events.EventParseException when an S3 event's detail is not the documented shape
     */
    public static Optional<S3ObjectRef> fromEventBridge(EventBridgeEvent event) {
        Objects.requireNonNull(event, "event");
        if (!"aws.s3".equals(event.source()) || !"Object Created".equals(event.detailType())) {
            return Optional.empty();
        }
        S3ObjectEventDetail detail = event.detail(S3ObjectEventDetail.class);
        S3ObjectEventDetail.S3Object object = detail.object();
        return Optional.of(new S3ObjectRef(detail.bucket().name(), object.key(), object.versionId(), object.etag(),
                object.size() == null ? -1 : object.size()));
    }
}
