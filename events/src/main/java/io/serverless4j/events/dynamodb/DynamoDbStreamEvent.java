/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.dynamodb;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.serverless4j.events.internal.Checks;
import io.serverless4j.events.internal.InstantCodecs;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A batch of DynamoDB Streams records delivered to Lambda.
 *
 * <p>Immutable and thread-safe.
 *
 * @param records the stream records, in stream order per shard; never null (JSON {@code Records})
 */
public record DynamoDbStreamEvent(@JsonProperty("Records") List<Record> records) {

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException if a record is null
     */
    public DynamoDbStreamEvent {
        records = Checks.list(records, "Records");
    }

    /**
     * One change to one item.
     *
     * <p>Required fields: {@code eventID}, {@code eventName}, {@code dynamodb}. Immutable and thread-safe.
     *
     * @param eventId the event id (JSON {@code eventID})
     * @param eventName {@code INSERT}, {@code MODIFY} or {@code REMOVE} (JSON {@code eventName})
     * @param eventVersion the format version (JSON {@code eventVersion})
     * @param eventSource always {@code aws:dynamodb} (JSON {@code eventSource})
     * @param awsRegion the table's region (JSON {@code awsRegion})
     * @param eventSourceArn the stream ARN (JSON {@code eventSourceARN})
     * @param dynamodb the change itself (JSON {@code dynamodb})
     * @param userIdentity who made the change when it was not a user, e.g. TTL expiry; else null
     *     (JSON {@code userIdentity})
     */
    public record Record(
            @JsonProperty("eventID") String eventId,
            @JsonProperty("eventName") String eventName,
            @JsonProperty("eventVersion") String eventVersion,
            @JsonProperty("eventSource") String eventSource,
            @JsonProperty("awsRegion") String awsRegion,
            @JsonProperty("eventSourceARN") String eventSourceArn,
            @JsonProperty("dynamodb") StreamRecord dynamodb,
            @JsonProperty("userIdentity") UserIdentity userIdentity) {

        /**
         * Validates the components.
         *
         * @throws NullPointerException if {@code eventId}, {@code eventName} or {@code dynamodb} is null
         */
        public Record {
            Checks.required(eventId, "eventID");
            Checks.required(eventName, "eventName");
            Checks.required(dynamodb, "dynamodb");
        }
    }

    /**
     * The item change of a stream record.
     *
     * <p>Required fields: {@code SequenceNumber}. Images are empty maps when the stream view type does not
     * include them. Immutable and thread-safe.
     *
     * @param approximateCreationDateTime when the change was made, approximately (JSON
     *     {@code ApproximateCreationDateTime}, epoch seconds)
     * @param keys the item's key attributes; never null (JSON {@code Keys})
     * @param newImage the item after the change; never null (JSON {@code NewImage})
     * @param oldImage the item before the change; never null (JSON {@code OldImage})
     * @param sequenceNumber the sequence number; the item identifier to report in a partial-batch response
     *     (JSON {@code SequenceNumber})
     * @param sizeBytes the size of the record in bytes, or null (JSON {@code SizeBytes})
     * @param streamViewType {@code KEYS_ONLY}, {@code NEW_IMAGE}, {@code OLD_IMAGE} or
     *     {@code NEW_AND_OLD_IMAGES} (JSON {@code StreamViewType})
     */
    public record StreamRecord(
            @JsonProperty("ApproximateCreationDateTime")
            @JsonDeserialize(using = InstantCodecs.EpochSecondsDeserializer.class)
            @JsonSerialize(using = InstantCodecs.EpochSecondsSerializer.class)
            Instant approximateCreationDateTime,
            @JsonProperty("Keys") Map<String, AttributeValue> keys,
            @JsonProperty("NewImage") Map<String, AttributeValue> newImage,
            @JsonProperty("OldImage") Map<String, AttributeValue> oldImage,
            @JsonProperty("SequenceNumber") String sequenceNumber,
            @JsonProperty("SizeBytes") Long sizeBytes,
            @JsonProperty("StreamViewType") String streamViewType) {

        /**
         * Validates and copies the components.
         *
         * @throws NullPointerException if {@code sequenceNumber} is null
         */
        public StreamRecord {
            Checks.required(sequenceNumber, "SequenceNumber");
            keys = Checks.map(keys, "Keys");
            newImage = Checks.map(newImage, "NewImage");
            oldImage = Checks.map(oldImage, "OldImage");
        }
    }

    /**
     * The service that made a change, e.g. TTL deletions ({@code type} {@code Service}, principal
     * {@code dynamodb.amazonaws.com}).
     *
     * @param type the identity type (JSON {@code type})
     * @param principalId the principal (JSON {@code principalId})
     */
    public record UserIdentity(@JsonProperty("type") String type, @JsonProperty("principalId") String principalId) {
    }
}
