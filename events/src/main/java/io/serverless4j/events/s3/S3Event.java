/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.s3;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.serverless4j.events.internal.Checks;
import io.serverless4j.events.internal.UrlDecoding;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An S3 event notification sent to Lambda directly (or through SNS/SQS): the {@code Records[]} shape.
 *
 * <p>Immutable and thread-safe.
 *
 * @param records the notifications; never null (JSON {@code Records})
 */
public record S3Event(@JsonProperty("Records") List<Record> records) {

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException if a record is null
     */
    public S3Event {
        records = Checks.list(records, "Records");
    }

    /**
     * One S3 notification.
     *
     * <p>Required fields: {@code eventName}, {@code eventTime}, {@code s3} (with {@code bucket.name} and
     * {@code object.key}). Immutable and thread-safe.
     *
     * @param eventVersion the notification format version, e.g. {@code 2.1} (JSON {@code eventVersion})
     * @param eventSource always {@code aws:s3} (JSON {@code eventSource})
     * @param awsRegion the bucket's region (JSON {@code awsRegion})
     * @param eventTime when S3 finished processing the request (JSON {@code eventTime}, ISO-8601)
     * @param eventName the event type, e.g. {@code ObjectCreated:Put} (JSON {@code eventName})
     * @param userIdentity the principal that caused the event; may be null (JSON {@code userIdentity})
     * @param requestParameters the request's parameters, e.g. {@code sourceIPAddress}; never null
     *     (JSON {@code requestParameters})
     * @param responseElements the response's ids, e.g. {@code x-amz-request-id}; never null
     *     (JSON {@code responseElements})
     * @param s3 the bucket and object (JSON {@code s3})
     */
    public record Record(
            @JsonProperty("eventVersion") String eventVersion,
            @JsonProperty("eventSource") String eventSource,
            @JsonProperty("awsRegion") String awsRegion,
            @JsonProperty("eventTime") Instant eventTime,
            @JsonProperty("eventName") String eventName,
            @JsonProperty("userIdentity") UserIdentity userIdentity,
            @JsonProperty("requestParameters") Map<String, String> requestParameters,
            @JsonProperty("responseElements") Map<String, String> responseElements,
            @JsonProperty("s3") Entity s3) {

        /**
         * Validates and copies the components.
         *
         * @throws NullPointerException if {@code eventName}, {@code eventTime} or {@code s3} is null
         */
        public Record {
            Checks.required(eventName, "eventName");
            Checks.required(eventTime, "eventTime");
            Checks.required(s3, "s3");
            requestParameters = Checks.map(requestParameters, "requestParameters");
            responseElements = Checks.map(responseElements, "responseElements");
        }

        /**
         * Returns the bucket name, a shortcut for {@code s3().bucket().name()}.
         *
         * @return the bucket name
         */
        public String bucketName() {
            return s3.bucket().name();
        }

        /**
         * Returns the decoded object key, a shortcut for {@code s3().object().key()}.
         *
         * @return the object key as S3 APIs expect it
         */
        public String key() {
            return s3.object().key();
        }
    }

    /**
     * The principal of an S3 notification.
     *
     * @param principalId the principal id (JSON {@code principalId})
     */
    public record UserIdentity(@JsonProperty("principalId") String principalId) {
    }

    /**
     * The {@code s3} object of a notification.
     *
     * <p>Immutable and thread-safe.
     *
     * @param s3SchemaVersion the schema version, {@code 1.0} (JSON {@code s3SchemaVersion})
     * @param configurationId the notification configuration id (JSON {@code configurationId})
     * @param bucket the bucket; required (JSON {@code bucket})
     * @param object the object; required (JSON {@code object})
     */
    public record Entity(
            @JsonProperty("s3SchemaVersion") String s3SchemaVersion,
            @JsonProperty("configurationId") String configurationId,
            @JsonProperty("bucket") Bucket bucket,
            @JsonProperty("object") S3Object object) {

        /**
         * Validates the components.
         *
         * @throws NullPointerException if {@code bucket} or {@code object} is null
         */
        public Entity {
            Checks.required(bucket, "bucket");
            Checks.required(object, "object");
        }
    }

    /**
     * The bucket of a notification.
     *
     * @param name the bucket name; required (JSON {@code name})
     * @param ownerIdentity the owner; may be null (JSON {@code ownerIdentity})
     * @param arn the bucket ARN (JSON {@code arn})
     */
    public record Bucket(
            @JsonProperty("name") String name,
            @JsonProperty("ownerIdentity") UserIdentity ownerIdentity,
            @JsonProperty("arn") String arn) {

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
     * The object of a notification. S3 sends the key URL-encoded ({@code "my cat (copy).jpg"} arrives as
     * {@code my+cat+%28copy%29.jpg}); {@link #key()} decodes it, {@link #rawKey()} keeps it as sent.
     *
     * <p>Immutable and thread-safe.
     *
     * @param rawKey the key as S3 sent it, URL-encoded; required (JSON {@code key})
     * @param size the object size in bytes; null for delete events (JSON {@code size})
     * @param eTag the entity tag; null for delete events (JSON {@code eTag})
     * @param versionId the version id, for versioned buckets (JSON {@code versionId})
     * @param sequencer orders events for the same key: compare as hex strings of equal length
     *     (JSON {@code sequencer})
     */
    public record S3Object(
            @JsonProperty("key") String rawKey,
            @JsonProperty("size") Long size,
            @JsonProperty("eTag") String eTag,
            @JsonProperty("versionId") String versionId,
            @JsonProperty("sequencer") String sequencer) {

        /**
         * Validates the components.
         *
         * @throws NullPointerException if {@code rawKey} is null
         */
        public S3Object {
            Checks.required(rawKey, "key");
        }

        /**
         * Returns the object key decoded from S3's URL encoding: {@code +} is a space and {@code %XX} sequences
         * are UTF-8 bytes. This is the key to pass to S3 APIs.
         *
         * @return the decoded key
         * @throws IllegalArgumentException if the raw key holds a malformed {@code %} escape
         */
        public String key() {
            return UrlDecoding.decode(rawKey);
        }
    }
}
