/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * SQS queues for tests, through the real SDK: queues with redrive policies, filling them, draining them, waiting for
 * messages in flight and counting them. Stateless; every method takes the client to use.
 */
public final class SqsQueues {

    private SqsQueues() {}

    /**
     * A DLQ and the queue whose redrive policy names it.
     *
     * @param dlqUrl the dead-letter queue
     * @param sourceUrl the queue that sends its failed messages there
     */
    public record Pair(String dlqUrl, String sourceUrl) {}

    /**
     * A standard queue with a unique name.
     *
     * @param sqs the client
     * @param prefix the start of the name
     * @return the queue's URL
     */
    public static String create(SqsClient sqs, String prefix) {
        return sqs.createQueue(b -> b.queueName(prefix + "-" + UUID.randomUUID())).queueUrl();
    }

    /**
     * A FIFO queue with a unique name.
     *
     * @param sqs the client
     * @param prefix the start of the name
     * @return the queue's URL
     */
    public static String createFifo(SqsClient sqs, String prefix) {
        return sqs.createQueue(b -> b.queueName(prefix + "-" + UUID.randomUUID() + ".fifo")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
    }

    /**
     * A queue's ARN.
     *
     * @param sqs the client
     * @param url the queue's URL
     * @return its ARN
     */
    public static String arn(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /**
     * A queue whose redrive policy sends messages to {@code dlqUrl} after {@code maxReceiveCount} receives (FIFO when
     * the DLQ is).
     *
     * @param sqs the client
     * @param prefix the start of the name
     * @param dlqUrl the dead-letter queue
     * @param maxReceiveCount receives before a message moves to the DLQ
     * @return the queue's URL
     */
    public static String withRedrive(SqsClient sqs, String prefix, String dlqUrl, int maxReceiveCount) {
        boolean fifo = dlqUrl.endsWith(".fifo");
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"maxReceiveCount\":\"" + maxReceiveCount
                + "\",\"deadLetterTargetArn\":\"" + arn(sqs, dlqUrl) + "\"}");
        if (fifo) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        }
        String name = prefix + "-" + UUID.randomUUID() + (fifo ? ".fifo" : "");
        return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    }

    /**
     * A DLQ and a queue that sends messages there after 3 receives.
     *
     * @param sqs the client
     * @param prefix the start of the names
     * @return both URLs
     */
    public static Pair pair(SqsClient sqs, String prefix) {
        String dlq = create(sqs, prefix + "-dlq");
        return new Pair(dlq, withRedrive(sqs, prefix, dlq, 3));
    }

    /**
     * Sends entries in batches of 10.
     *
     * @param sqs the client
     * @param url the queue
     * @param entries the entries
     * @throws IllegalStateException when SQS refuses one
     */
    public static void send(SqsClient sqs, String url, List<SendMessageBatchRequestEntry> entries) {
        for (int from = 0; from < entries.size(); from += 10) {
            List<SendMessageBatchRequestEntry> chunk = entries.subList(from, Math.min(entries.size(), from + 10));
            var response = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(chunk));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException("could not fill " + url + ": " + response.failed());
            }
        }
    }

    /**
     * Sends one message per body, in batches of 10.
     *
     * @param sqs the client
     * @param url the queue
     * @param bodies the bodies
     */
    public static void sendBodies(SqsClient sqs, String url, List<String> bodies) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id("e" + (i % 10)).messageBody(bodies.get(i)).build());
        }
        send(sqs, url, entries);
    }

    /**
     * Numbered bodies: {@code prefix-00000}, {@code prefix-00001}, ...
     *
     * @param prefix the start of each body
     * @param count how many
     * @return the bodies
     */
    public static List<String> bodies(String prefix, int count) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            bodies.add(String.format("%s-%05d", prefix, i));
        }
        return bodies;
    }

    /**
     * A string message attribute.
     *
     * @param value the value
     * @return the attribute
     */
    public static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    /**
     * Receives and deletes everything visible, with all attributes.
     *
     * @param sqs the client
     * @param url the queue
     * @return the messages received
     */
    public static List<Message> drain(SqsClient sqs, String url) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                    .messages();
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id("d" + i)
                        .receiptHandle(batch.get(i).receiptHandle()).build());
            }
            sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(entries));
        }
    }

    /**
     * Waits (polling SQS) until no message of the queue is in flight, e.g. after a replay was cut off.
     *
     * @param sqs the client
     * @param url the queue
     * @param atMost the longest wait
     * @throws AssertionError when messages are still in flight after {@code atMost}
     */
    public static void awaitAllVisible(SqsClient sqs, String url, Duration atMost) {
        long end = System.nanoTime() + atMost.toNanos();
        while (counts(sqs, url)[1] > 0) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("messages of " + url + " still in flight after " + atMost);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Visible and in-flight message counts.
     *
     * @param sqs the client
     * @param url the queue
     * @return {visible, in flight}
     */
    public static int[] counts(SqsClient sqs, String url) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return new int[] {
            Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)),
            Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        };
    }
}
