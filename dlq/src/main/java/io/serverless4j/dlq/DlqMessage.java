/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq;

import io.serverless4j.events.sqs.SqsMessage;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * A message as received from the DLQ, as seen by filters and transforms, and as shown in dry-run samples.
 *
 * <p>A transform returns a changed copy ({@link #withBody(String)}, {@link #withMessageAttributes(Map)},
 * {@link #withMessageGroupId(String)}); the {@linkplain #messageId() message id} cannot be changed, because the
 * replay deletes the DLQ message by it and records it as the original id. Immutable and thread-safe.
 *
 * @param messageId the SQS message id in the DLQ (the id the message had in its source queue, since a redrive keeps
 *     it)
 * @param body the body
 * @param messageAttributes the message attributes, including {@link #ORIGINAL_MESSAGE_ID_ATTRIBUTE} and
 *     {@link #REPLAY_COUNT_ATTRIBUTE} when a previous replay added them; an unmodifiable copy
 * @param messageGroupId the FIFO message group id, or null for a standard queue
 * @param receiveCount the DLQ's {@code ApproximateReceiveCount}, or 0 when unknown
 * @param sentTimestamp when the message was first sent ({@code SentTimestamp}), or null when unknown
 */
public record DlqMessage(String messageId, String body, Map<String, MessageAttributeValue> messageAttributes,
        String messageGroupId, int receiveCount, Instant sentTimestamp) {

    /** The message attribute holding the id of the message that first failed; kept across repeated replays. */
    public static final String ORIGINAL_MESSAGE_ID_ATTRIBUTE = SqsMessage.ORIGINAL_MESSAGE_ID_ATTRIBUTE;

    /** The message attribute counting how many times the message was replayed (a {@code Number}). */
    public static final String REPLAY_COUNT_ATTRIBUTE = "serverless4j-replay-count";

    /**
     * Validates and copies.
     *
     * @throws NullPointerException when messageId, body or messageAttributes is null
     * @throws IllegalArgumentException when receiveCount is negative
     */
    public DlqMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(messageAttributes, "messageAttributes");
        if (receiveCount < 0) {
            throw new IllegalArgumentException("receiveCount must not be negative, was " + receiveCount);
        }
        // Keep the attributes' order (what SQS returned) so samples and archives read naturally.
        messageAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(messageAttributes));
    }

    /**
     * The id of the message that first failed: the {@link #ORIGINAL_MESSAGE_ID_ATTRIBUTE} attribute when a previous
     * replay set it, otherwise this message's own id. Idempotent consumers should key on it, since every replay
     * gives the message a new SQS message id.
     *
     * @return the original message id
     */
    public String originalMessageId() {
        MessageAttributeValue value = messageAttributes.get(ORIGINAL_MESSAGE_ID_ATTRIBUTE);
        return value != null && value.stringValue() != null && !value.stringValue().isBlank()
                ? value.stringValue() : messageId;
    }

    /**
     * How many times the message was replayed before: the {@link #REPLAY_COUNT_ATTRIBUTE} attribute, 0 when absent
     * or not a whole number.
     *
     * @return the replay count so far
     */
    public int replayCount() {
        MessageAttributeValue value = messageAttributes.get(REPLAY_COUNT_ATTRIBUTE);
        if (value == null || value.stringValue() == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(value.stringValue().trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * A copy with another body.
     *
     * @param newBody the body to send
     * @return the copy
     * @throws NullPointerException when newBody is null
     */
    public DlqMessage withBody(String newBody) {
        return new DlqMessage(messageId, newBody, messageAttributes, messageGroupId, receiveCount, sentTimestamp);
    }

    /**
     * A copy with other message attributes. The replay still sets {@link #ORIGINAL_MESSAGE_ID_ATTRIBUTE} and
     * {@link #REPLAY_COUNT_ATTRIBUTE} on what it sends, whatever this map holds.
     *
     * @param newAttributes the attributes to send
     * @return the copy
     * @throws NullPointerException when newAttributes is null
     */
    public DlqMessage withMessageAttributes(Map<String, MessageAttributeValue> newAttributes) {
        return new DlqMessage(messageId, body, newAttributes, messageGroupId, receiveCount, sentTimestamp);
    }

    /**
     * A copy with another FIFO message group id.
     *
     * @param newGroupId the group id, or null for none
     * @return the copy
     */
    public DlqMessage withMessageGroupId(String newGroupId) {
        return new DlqMessage(messageId, body, messageAttributes, newGroupId, receiveCount, sentTimestamp);
    }
}
