/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing.events;

import io.serverless4j.events.Events;
import io.serverless4j.events.eventbridge.EventBridgeEvent;
import io.serverless4j.events.s3.S3Event;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds S3 notifications, direct ({@code Records[]}) and through EventBridge. Keys are given as they are in S3
 * and encoded the way S3 encodes them in direct notifications ({@code "my cat (copy).jpg"} becomes
 * {@code my+cat+%28copy%29.jpg}), so code under test must decode them, as it must in production.
 *
 * <p>Stateless; thread-safe.
 */
public final class S3Events {

    private S3Events() {
    }

    /**
     * Returns an {@code ObjectCreated:Put} notification for one object of 1024 bytes.
     *
     * @param bucket the bucket name
     * @param key the object key, not encoded
     * @return the event
     * @throws NullPointerException if an argument is null
     */
    public static S3Event objectCreated(String bucket, String key) {
        return notification("ObjectCreated:Put", bucket, key, 1024L, Md5.hex(key));
    }

    /**
     * Returns an {@code ObjectCreated:Put} notification for an object that really exists, with its real size and
     * ETag (S3 notifications quote neither), so that code checking the object version against S3 accepts it.
     *
     * @param bucket the bucket
     * @param key the object key, not encoded
     * @param sizeBytes the object's size
     * @param eTag the object's ETag, as PutObject or HeadObject returned it (quotes are removed)
     * @return the event
     * @throws NullPointerException if an argument is null
     */
    public static S3Event objectCreated(String bucket, String key, long sizeBytes, String eTag) {
        return notification("ObjectCreated:Put", bucket, key, sizeBytes,
                Objects.requireNonNull(eTag, "eTag").replace("\"", ""));
    }

    /**
     * Returns an {@code ObjectRemoved:Delete} notification, which carries neither size nor eTag.
     *
     * @param bucket the bucket name
     * @param key the object key, not encoded
     * @return the event
     * @throws NullPointerException if an argument is null
     */
    public static S3Event objectRemoved(String bucket, String key) {
        return notification("ObjectRemoved:Delete", bucket, key, null, null);
    }

    /**
     * Returns the EventBridge {@code Object Created} event for one object, as S3 sends it to EventBridge.
     *
     * @param bucket the bucket name
     * @param key the object key (EventBridge events carry it as it is)
     * @param sizeBytes the object size
     * @return the event
     * @throws NullPointerException if an argument is null
     */
    public static EventBridgeEvent eventBridgeObjectCreated(String bucket, String key, long sizeBytes) {
        return eventBridgeObjectCreated(bucket, key, sizeBytes, Md5.hex(key));
    }

    /**
     * Returns the EventBridge {@code Object Created} event for one object with its real ETag (from PutObject).
     *
     * @param bucket the bucket name
     * @param key the object key (EventBridge events carry it as it is)
     * @param sizeBytes the object size
     * @param eTag the object's ETag, with or without quotes
     * @return the event
     * @throws NullPointerException if an argument is null
     */
    public static EventBridgeEvent eventBridgeObjectCreated(String bucket, String key, long sizeBytes, String eTag) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("key", Objects.requireNonNull(key, "key"));
        object.put("size", sizeBytes);
        object.put("etag", Objects.requireNonNull(eTag, "eTag").replace("\"", ""));
        object.put("sequencer", Long.toHexString(TestIds.nextNumber()).toUpperCase(java.util.Locale.ROOT));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("version", "0");
        detail.put("bucket", Map.of("name", Objects.requireNonNull(bucket, "bucket")));
        detail.put("object", object);
        detail.put("request-id", "REQ" + TestIds.nextNumber());
        detail.put("requester", TestIds.ACCOUNT);
        detail.put("source-ip-address", "192.0.2.1");
        detail.put("reason", "PutObject");
        return EventBridgeEvents.of("aws.s3", "Object Created", detail, List.of("arn:aws:s3:::" + bucket));
    }

    /**
     * Encodes a key as S3 does in direct notifications: form URL encoding, with {@code /} left as it is.
     *
     * @param key the key as stored in S3
     * @return the encoded key
     */
    public static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    private static S3Event notification(String eventName, String bucket, String key, Long size, String eTag) {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        S3Event.Bucket s3Bucket = new S3Event.Bucket(bucket, new S3Event.UserIdentity("A3I5XTEXAMAI3E"),
                "arn:aws:s3:::" + bucket);
        S3Event.S3Object object = new S3Event.S3Object(encodeKey(key), size, eTag, null,
                String.format("%018X", TestIds.nextNumber()));
        S3Event.Record record = new S3Event.Record("2.1", "aws:s3", TestIds.REGION, Instant.now(), eventName,
                new S3Event.UserIdentity("AWS:AIDAINPONIXQXHT3IKHL2"), Map.of("sourceIPAddress", "192.0.2.1"),
                Map.of("x-amz-request-id", "REQ" + TestIds.nextNumber(), "x-amz-id-2", "id2"),
                new S3Event.Entity("1.0", "test-notification", s3Bucket, object));
        return Events.parse(Events.write(new S3Event(List.of(record))), S3Event.class);
    }
}
