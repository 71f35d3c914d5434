/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.sqs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import io.serverless4j.events.EventParseException;
import io.serverless4j.events.internal.Checks;
import io.serverless4j.events.internal.Json;
import io.serverless4j.events.internal.SnsEnvelopes;
import io.serverless4j.events.sns.SnsNotification;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One SQS message in a Lambda SQS event.
 *
 * <p>Required fields (AWS always sends them): {@code messageId}, {@code receiptHandle}, {@code body}. The
 * numeric system attributes ({@code ApproximateReceiveCount}, {@code SentTimestamp},
 * {@code ApproximateFirstReceiveTimestamp}), when present, must be integers. Immutable and thread-safe.
 *
 * @param messageId the SQS message id; the item identifier to report in a partial-batch response
 *     (JSON {@code messageId})
 * @param receiptHandle the handle to delete or change the visibility of this receipt (JSON {@code receiptHandle})
 * @param body the message body as sent, possibly empty (JSON {@code body})
 * @param attributes the SQS system attributes by name, e.g. {@code ApproximateReceiveCount}; never null
 *     (JSON {@code attributes})
 * @param messageAttributes the user-defined message attributes by name; never null
 *     (JSON {@code messageAttributes})
 * @param md5OfBody the MD5 digest of the body (JSON {@code md5OfBody})
 * @param md5OfMessageAttributes the MD5 digest of the message attributes, null when there are none
 *     (JSON {@code md5OfMessageAttributes})
 * @param eventSource always {@code aws:sqs} (JSON {@code eventSource})
 * @param eventSourceArn the queue ARN (JSON {@code eventSourceARN})
 * @param awsRegion the queue's region (JSON {@code awsRegion})
 */
public record SqsMessage(
        @JsonProperty("messageId") String messageId,
        @JsonProperty("receiptHandle") String receiptHandle,
        @JsonProperty("body") String body,
        @JsonProperty("attributes") Map<String, String> attributes,
        @JsonProperty("messageAttributes") Map<String, SqsMessageAttribute> messageAttributes,
        @JsonProperty("md5OfBody") String md5OfBody,
        @JsonProperty("md5OfMessageAttributes") String md5OfMessageAttributes,
        @JsonProperty("eventSource") String eventSource,
        @JsonProperty("eventSourceARN") String eventSourceArn,
        @JsonProperty("awsRegion") String awsRegion) {

    /**
     * The message attribute in which a DLQ replay keeps the id of the message that first failed (a replayed message
     * is a new SQS message with a new {@code messageId}).
     */
    public static final String ORIGINAL_MESSAGE_ID_ATTRIBUTE = "serverless4j-original-message-id";

    private static final String RECEIVE_COUNT = "ApproximateReceiveCount";
    private static final String SENT_TIMESTAMP = "SentTimestamp";
    private static final String FIRST_RECEIVE_TIMESTAMP = "ApproximateFirstReceiveTimestamp";

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if {@code messageId}, {@code receiptHandle} or {@code body} is null
     * @throws IllegalArgumentException if a numeric system attribute is not an integer
     */
    public SqsMessage {
        Checks.required(messageId, "messageId");
        Checks.required(receiptHandle, "receiptHandle");
        Checks.required(body, "body");
        attributes = Checks.map(attributes, "attributes");
        messageAttributes = Checks.map(messageAttributes, "messageAttributes");
        checkInteger(attributes, RECEIVE_COUNT);
        checkInteger(attributes, SENT_TIMESTAMP);
        checkInteger(attributes, FIRST_RECEIVE_TIMESTAMP);
    }

    private static void checkInteger(Map<String, String> attributes, String name) {
        String value = attributes.get(name);
        if (value != null) {
            try {
                Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw Checks.invalid("attributes." + name, "expected an integer in a string, found \"" + value + '"');
            }
        }
    }

    /**
     * Returns how many times SQS has delivered this message, including this delivery.
     *
     * @return the {@code ApproximateReceiveCount} attribute, or 0 when absent (Lambda always sends it)
     */
    public int approximateReceiveCount() {
        String value = attributes.get(RECEIVE_COUNT);
        return value == null ? 0 : Integer.parseInt(value);
    }

    /**
     * Returns when the message was sent to the queue.
     *
     * @return the {@code SentTimestamp} attribute, or null when absent (Lambda always sends it)
     */
    public Instant sentTimestamp() {
        return epochMillis(SENT_TIMESTAMP);
    }

    /**
     * Returns when the message was first received from the queue.
     *
     * @return the {@code ApproximateFirstReceiveTimestamp} attribute, or null when absent
     */
    public Instant approximateFirstReceiveTimestamp() {
        return epochMillis(FIRST_RECEIVE_TIMESTAMP);
    }

    /**
     * Returns an id of this message that a DLQ replay does not change: the {@value #ORIGINAL_MESSAGE_ID_ATTRIBUTE}
     * message attribute when a replay set it, else the {@code messageId}. Key per-message idempotency on it.
     *
     * @return the replay-stable id
     */
    public String originalMessageId() {
        SqsMessageAttribute original = messageAttributes.get(ORIGINAL_MESSAGE_ID_ATTRIBUTE);
        String value = original == null ? null : original.stringValue();
        return value == null || value.isBlank() ? messageId : value;
    }

    /**
     * Returns the message group of a FIFO queue message.
     *
     * @return the {@code MessageGroupId} attribute; empty for standard queues
     */
    public Optional<String> messageGroupId() {
        return Optional.ofNullable(attributes.get("MessageGroupId"));
    }

    /**
     * Returns the deduplication id of a FIFO queue message.
     *
     * @return the {@code MessageDeduplicationId} attribute; empty for standard queues
     */
    public Optional<String> messageDeduplicationId() {
        return Optional.ofNullable(attributes.get("MessageDeduplicationId"));
    }

    /**
     * Parses the body as JSON into {@code type}, with the library's shared mapper and rules.
     *
     * @param type the target type
     * @param <T> the target type
     * @return the parsed body
     * @throws EventParseException if the body is not JSON of that shape; the message names the message id
     */
    public <T> T body(Class<T> type) {
        return Json.readNested(body, type, "SqsMessage " + messageId + " body");
    }

    /**
     * Parses the body as JSON into a generic type, e.g. {@code new TypeReference<List<Order>>() {}}.
     *
     * @param type the target type
     * @param <T> the target type
     * @return the parsed body
     * @throws EventParseException if the body is not JSON of that shape; the message names the message id
     */
    public <T> T body(TypeReference<T> type) {
        return Json.readNested(body, type, "SqsMessage " + messageId + " body");
    }

    /**
     * Returns the SNS notification envelope when this message came from an SNS topic without raw message
     * delivery. With raw message delivery (or a message sent to the queue directly) the body is the message
     * itself and this returns empty.
     *
     * <p>The body counts as an envelope when it is a JSON object with {@code "Type"}, {@code "MessageId"},
     * {@code "TopicArn"} and {@code "Message"} string fields.
     *
     * @return the parsed envelope, or empty when the body is not an SNS envelope
     * @throws EventParseException if the body is an SNS envelope with a wrongly typed field
     */
    public Optional<SnsNotification> snsNotification() {
        return SnsEnvelopes.parse(body, messageId);
    }

    private Instant epochMillis(String name) {
        String value = attributes.get(name);
        return value == null ? null : Instant.ofEpochMilli(Long.parseLong(value));
    }
}
