/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.kinesis;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.serverless4j.events.internal.Checks;
import io.serverless4j.events.internal.InstantCodecs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * A batch of Kinesis Data Streams records delivered to Lambda.
 *
 * <p>Immutable and thread-safe.
 *
 * @param records the records, in order per shard; never null (JSON {@code Records})
 */
public record KinesisEvent(@JsonProperty("Records") List<Record> records) {

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException if a record is null
     */
    public KinesisEvent {
        records = Checks.list(records, "Records");
    }

    /**
     * One Kinesis record with its event-source metadata.
     *
     * <p>Required fields: {@code kinesis}. Immutable and thread-safe.
     *
     * @param kinesis the data record (JSON {@code kinesis})
     * @param eventSource always {@code aws:kinesis} (JSON {@code eventSource})
     * @param eventVersion the format version (JSON {@code eventVersion})
     * @param eventId {@code shardId:sequenceNumber} (JSON {@code eventID})
     * @param eventName {@code aws:kinesis:record} (JSON {@code eventName})
     * @param invokeIdentityArn the role Lambda used to read the stream (JSON {@code invokeIdentityArn})
     * @param awsRegion the stream's region (JSON {@code awsRegion})
     * @param eventSourceArn the stream ARN (JSON {@code eventSourceARN})
     */
    public record Record(
            @JsonProperty("kinesis") Data kinesis,
            @JsonProperty("eventSource") String eventSource,
            @JsonProperty("eventVersion") String eventVersion,
            @JsonProperty("eventID") String eventId,
            @JsonProperty("eventName") String eventName,
            @JsonProperty("invokeIdentityArn") String invokeIdentityArn,
            @JsonProperty("awsRegion") String awsRegion,
            @JsonProperty("eventSourceARN") String eventSourceArn) {

        /**
         * Validates the components.
         *
         * @throws NullPointerException if {@code kinesis} is null
         */
        public Record {
            Checks.required(kinesis, "kinesis");
        }
    }

    /**
     * The data record itself.
     *
     * <p>Required fields: {@code partitionKey}, {@code sequenceNumber}, {@code data}. Immutable and thread-safe.
     *
     * @param kinesisSchemaVersion the schema version, {@code 1.0} (JSON {@code kinesisSchemaVersion})
     * @param partitionKey the partition key (JSON {@code partitionKey})
     * @param sequenceNumber the sequence number; the item identifier to report in a partial-batch response
     *     (JSON {@code sequenceNumber})
     * @param base64Data the payload in base64, as sent; see {@link #data()} (JSON {@code data})
     * @param approximateArrivalTimestamp when the stream accepted the record (JSON
     *     {@code approximateArrivalTimestamp}, epoch seconds with a fraction)
     * @param encryptionType {@code NONE} or {@code KMS}, or null (JSON {@code encryptionType})
     */
    public record Data(
            @JsonProperty("kinesisSchemaVersion") String kinesisSchemaVersion,
            @JsonProperty("partitionKey") String partitionKey,
            @JsonProperty("sequenceNumber") String sequenceNumber,
            @JsonProperty("data") String base64Data,
            @JsonProperty("approximateArrivalTimestamp")
            @JsonDeserialize(using = InstantCodecs.EpochSecondsDeserializer.class)
            @JsonSerialize(using = InstantCodecs.EpochSecondsSerializer.class)
            Instant approximateArrivalTimestamp,
            @JsonProperty("encryptionType") String encryptionType) {

        /**
         * Validates the components.
         *
         * @throws NullPointerException if {@code partitionKey}, {@code sequenceNumber} or {@code base64Data} is
         *     null
         */
        public Data {
            Checks.required(partitionKey, "partitionKey");
            Checks.required(sequenceNumber, "sequenceNumber");
            Checks.required(base64Data, "data");
        }

        /**
         * Returns the decoded payload.
         *
         * @return a fresh array of the bytes the producer put
         * @throws IllegalArgumentException if the data is not valid base64
         */
        public byte[] data() {
            return Base64.getDecoder().decode(base64Data);
        }

        /**
         * Returns the decoded payload as UTF-8 text, e.g. JSON.
         *
         * @return the text
         * @throws IllegalArgumentException if the data is not valid base64
         */
        public String dataAsString() {
            return new String(data(), StandardCharsets.UTF_8);
        }
    }
}
