/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq.internal;

import io.serverless4j.dlq.DlqMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Turns a received DLQ message into what is sent to the target: the (transformed) body and attributes plus the
 * replay attributes, checked against SQS's limits before anything is sent. Stateless.
 */
public final class Outgoing {

    /** SQS allows at most 10 message attributes per message. */
    public static final int MAX_MESSAGE_ATTRIBUTES = 10;

    /** The most messages in one SendMessageBatch. */
    public static final int MAX_BATCH_ENTRIES = 10;

    private Outgoing() {}

    /**
     * A message ready to send, or the reason it cannot be.
     *
     * @param source the message as received from the DLQ
     * @param receiptHandle its receipt handle in the DLQ
     * @param body the body to send
     * @param attributes the message attributes to send, replay attributes included
     * @param messageGroupId the FIFO group id to send, or null
     * @param sizeBytes the size SQS counts: body plus every attribute's name, type and value, in bytes
     * @param problem why it cannot be sent, or null when it can
     */
    public record Prepared(DlqMessage source, String receiptHandle, String body,
            Map<String, MessageAttributeValue> attributes, String messageGroupId, int sizeBytes, String problem) {

        /**
         * The batch entry, with a deduplication id for a FIFO target.
         *
         * @param id the entry id within its batch
         * @param deduplicationId the FIFO deduplication id, or null for a standard target
         * @return the entry
         */
        public SendMessageBatchRequestEntry entry(String id, String deduplicationId) {
            SendMessageBatchRequestEntry.Builder builder = SendMessageBatchRequestEntry.builder()
                    .id(id).messageBody(body);
            if (!attributes.isEmpty()) {
                builder.messageAttributes(attributes);
            }
            if (deduplicationId != null) {
                builder.messageGroupId(messageGroupId).messageDeduplicationId(deduplicationId);
            }
            return builder.build();
        }
    }

    /**
     * The attributes a replay sends: the message's own, plus {@link DlqMessage#ORIGINAL_MESSAGE_ID_ATTRIBUTE} (kept
     * when a previous replay set it) and {@link DlqMessage#REPLAY_COUNT_ATTRIBUTE} (one more than before).
     *
     * @param received the message as received (where the original id and count are read)
     * @param toSend the message as the transform left it (whose other attributes are sent)
     * @return the attributes, in order: the message's own, then the two replay attributes
     */
    public static Map<String, MessageAttributeValue> replayAttributes(DlqMessage received, DlqMessage toSend) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>(toSend.messageAttributes());
        attributes.remove(DlqMessage.ORIGINAL_MESSAGE_ID_ATTRIBUTE);
        attributes.remove(DlqMessage.REPLAY_COUNT_ATTRIBUTE);
        attributes.put(DlqMessage.ORIGINAL_MESSAGE_ID_ATTRIBUTE, MessageAttributeValue.builder()
                .dataType("String").stringValue(received.originalMessageId()).build());
        attributes.put(DlqMessage.REPLAY_COUNT_ATTRIBUTE, MessageAttributeValue.builder()
                .dataType("Number").stringValue(Integer.toString(received.replayCount() + 1)).build());
        return attributes;
    }

    /**
     * Prepares a message for the target, or says why it cannot be sent.
     *
     * @param received the message as received
     * @param receiptHandle its receipt handle
     * @param toSend the message as the transform left it
     * @param targetUrl the target queue (for messages)
     * @param targetFifo whether the target is a FIFO queue
     * @param maxBytes the largest message (and batch) SQS accepts here
     * @return the prepared message; check {@link Prepared#problem()}
     */
    public static Prepared prepare(DlqMessage received, String receiptHandle, DlqMessage toSend, String targetUrl,
            boolean targetFifo, int maxBytes) {
        Map<String, MessageAttributeValue> attributes = replayAttributes(received, toSend);
        int size = sizeBytes(toSend.body(), attributes);
        String problem = null;
        if (attributes.size() > MAX_MESSAGE_ATTRIBUTES) {
            problem = "message " + received.messageId() + " has " + toSend.messageAttributes().size()
                    + " message attributes; with " + DlqMessage.ORIGINAL_MESSAGE_ID_ATTRIBUTE + " and "
                    + DlqMessage.REPLAY_COUNT_ATTRIBUTE + " it would have " + attributes.size() + ", over SQS's limit"
                    + " of " + MAX_MESSAGE_ATTRIBUTES + " per message; no attribute was dropped and it stays in the "
                    + "DLQ: remove attributes with a transform to replay it";
        } else if (size > maxBytes) {
            problem = "message " + received.messageId() + " would be " + size + " bytes with the replay attributes, "
                    + "over the limit of " + maxBytes + " bytes; it stays in the DLQ: shrink it with a transform";
        } else if (targetFifo && (toSend.messageGroupId() == null || toSend.messageGroupId().isEmpty())) {
            problem = "message " + received.messageId() + " has no MessageGroupId but the target " + targetUrl
                    + " is a FIFO queue; it stays in the DLQ: set a group id with a transform";
        }
        return new Prepared(received, receiptHandle, toSend.body(), attributes,
                targetFifo ? toSend.messageGroupId() : null, size, problem);
    }

    /**
     * The size SQS counts for a message: the UTF-8 bytes of the body and of each attribute's name, data type and
     * value.
     *
     * @param body the body
     * @param attributes the attributes
     * @return the size in bytes
     */
    public static int sizeBytes(String body, Map<String, MessageAttributeValue> attributes) {
        long size = utf8Length(body);
        for (Map.Entry<String, MessageAttributeValue> entry : attributes.entrySet()) {
            MessageAttributeValue value = entry.getValue();
            size += utf8Length(entry.getKey()) + utf8Length(value.dataType());
            if (value.stringValue() != null) {
                size += utf8Length(value.stringValue());
            }
            SdkBytes binary = value.binaryValue();
            if (binary != null) {
                size += binary.asByteArrayUnsafe().length;
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    private static long utf8Length(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Splits messages into batches of at most 10 entries and at most {@code maxBatchBytes} together, keeping their
     * order (FIFO groups stay in order).
     *
     * @param messages the messages, each at most {@code maxBatchBytes}
     * @param maxBatchBytes the batch size limit
     * @return the batches
     */
    public static List<List<Prepared>> pack(List<Prepared> messages, int maxBatchBytes) {
        List<List<Prepared>> batches = new ArrayList<>();
        List<Prepared> current = new ArrayList<>();
        long bytes = 0;
        for (Prepared message : messages) {
            if (!current.isEmpty() && (current.size() == MAX_BATCH_ENTRIES
                    || bytes + message.sizeBytes() > maxBatchBytes)) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(message);
            bytes += message.sizeBytes();
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }
}
