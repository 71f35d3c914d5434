/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing.events;

import io.serverless4j.events.Events;
import io.serverless4j.events.sqs.SqsEvent;
import io.serverless4j.events.sqs.SqsMessage;
import io.serverless4j.events.sqs.SqsMessageAttribute;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds SQS events as Lambda delivers them: unique message ids and receipt handles, receive count 1, sent
 * timestamps of now, queue {@code arn:aws:sqs:us-east-1:123456789012:test-queue}.
 *
 * <p>Stateless apart from a JVM-wide id counter; thread-safe.
 */
public final class SqsEvents {

    /** The ARN of the standard queue the built messages come from. */
    public static final String QUEUE_ARN = "arn:aws:sqs:" + TestIds.REGION + ":" + TestIds.ACCOUNT + ":test-queue";
    /** The ARN of the FIFO queue the built FIFO messages come from. */
    public static final String FIFO_QUEUE_ARN = "arn:aws:sqs:" + TestIds.REGION + ":" + TestIds.ACCOUNT
            + ":test-queue.fifo";

    private SqsEvents() {
    }

    /**
     * Returns an event with one standard-queue message per body, in order.
     *
     * @param bodies the message bodies
     * @return the event
     * @throws NullPointerException if a body is null
     */
    public static SqsEvent of(String... bodies) {
        List<SqsMessage> messages = new ArrayList<>();
        for (String body : bodies) {
            messages.add(message(body, QUEUE_ARN, Map.of(), Map.of()));
        }
        return new SqsEvent(messages);
    }

    /**
     * Returns an event from a FIFO queue with every message in {@code messageGroupId}, in order, with sequence
     * numbers and deduplication ids.
     *
     * @param messageGroupId the message group
     * @param bodies the message bodies
     * @return the event
     * @throws NullPointerException if an argument is null
     */
    public static SqsEvent fifo(String messageGroupId, String... bodies) {
        Objects.requireNonNull(messageGroupId, "messageGroupId");
        List<SqsMessage> messages = new ArrayList<>();
        for (String body : bodies) {
            long sequence = TestIds.nextNumber();
            messages.add(message(body, FIFO_QUEUE_ARN, Map.of(
                    "MessageGroupId", messageGroupId,
                    "MessageDeduplicationId", "dedup-" + sequence,
                    "SequenceNumber", String.format("%020d", sequence)), Map.of()));
        }
        return new SqsEvent(messages);
    }

    /**
     * Returns an event with one message per SNS message, each body an SNS notification envelope as SNS delivers
     * it to a queue without raw message delivery.
     *
     * @param topicArn the topic the messages were published to
     * @param snsMessages the published messages
     * @return the event
     * @throws NullPointerException if an argument is null
     */
    public static SqsEvent fromSns(String topicArn, String... snsMessages) {
        Objects.requireNonNull(topicArn, "topicArn");
        List<SqsMessage> messages = new ArrayList<>();
        for (String snsMessage : snsMessages) {
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put("Type", "Notification");
            envelope.put("MessageId", TestIds.uuid());
            envelope.put("TopicArn", topicArn);
            envelope.put("Message", Objects.requireNonNull(snsMessage, "snsMessage"));
            envelope.put("Timestamp", Instant.now().toString());
            envelope.put("SignatureVersion", "1");
            envelope.put("Signature", "dGVzdA==");
            envelope.put("SigningCertURL", "https://sns." + TestIds.REGION + ".amazonaws.com/cert.pem");
            envelope.put("UnsubscribeURL", "https://sns." + TestIds.REGION
                    + ".amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + topicArn + ":" + TestIds.uuid());
            messages.add(message(Events.write(envelope), QUEUE_ARN, Map.of(), Map.of()));
        }
        return new SqsEvent(messages);
    }

    /**
     * Returns the event Lambda's SQS event source mapping would deliver for messages received from a real queue
     * (an emulator's, in tests): ids, receipt handles, bodies, system attributes (ask for them with
     * {@code messageSystemAttributeNames(ALL)}) and message attributes as received, so a handler under test can
     * report failures that the queue then really redelivers.
     *
     * @param received the messages from {@code ReceiveMessage}
     * @param queueArn the queue's ARN, which becomes each record's {@code eventSourceARN}
     * @return the event
     * @throws NullPointerException if an argument is null
     */
    public static SqsEvent fromReceived(List<software.amazon.awssdk.services.sqs.model.Message> received,
            String queueArn) {
        Objects.requireNonNull(queueArn, "queueArn");
        String[] arn = queueArn.split(":");
        String region = arn.length > 3 ? arn[3] : TestIds.REGION;
        List<SqsMessage> messages = new ArrayList<>();
        for (software.amazon.awssdk.services.sqs.model.Message m : received) {
            Map<String, SqsMessageAttribute> attributes = new LinkedHashMap<>();
            m.messageAttributes().forEach((name, value) -> attributes.put(name, new SqsMessageAttribute(
                    value.dataType(), value.stringValue(),
                    value.binaryValue() == null ? null
                            : java.util.Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()),
                    null, null)));
            messages.add(new SqsMessage(m.messageId(), m.receiptHandle(), m.body(), m.attributesAsStrings(),
                    attributes, m.md5OfBody(), m.md5OfMessageAttributes(), "aws:sqs", queueArn, region));
        }
        return new SqsEvent(messages);
    }

    /**
     * Returns one standard-queue message with user-defined string attributes, for building events by hand.
     *
     * @param body the body
     * @param stringAttributes message attributes of type {@code String}
     * @return the message
     * @throws NullPointerException if an argument is null
     */
    public static SqsMessage message(String body, Map<String, String> stringAttributes) {
        Map<String, SqsMessageAttribute> attributes = new LinkedHashMap<>();
        stringAttributes.forEach((name, value) -> attributes.put(name, SqsMessageAttribute.ofString(value)));
        return message(body, QUEUE_ARN, Map.of(), attributes);
    }

    private static SqsMessage message(String body, String queueArn, Map<String, String> extraAttributes,
            Map<String, SqsMessageAttribute> messageAttributes) {
        Objects.requireNonNull(body, "body");
        String now = Long.toString(Instant.now().toEpochMilli());
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("ApproximateReceiveCount", "1");
        attributes.put("SentTimestamp", now);
        attributes.put("SenderId", "AIDAIENQZJOLO23YVJ4VO");
        attributes.put("ApproximateFirstReceiveTimestamp", now);
        attributes.putAll(extraAttributes);
        String id = TestIds.uuid();
        return new SqsMessage(id, "AQEB" + id.replace("-", ""), body, attributes, messageAttributes,
                Md5.hex(body), null, "aws:sqs", queueArn, TestIds.REGION);
    }
}
