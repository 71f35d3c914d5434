/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.batch;

import com.amazonaws.services.lambda.runtime.Context;
import io.serverless4j.events.sqs.SqsEvent;
import io.serverless4j.testing.events.SqsEvents;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A stand-in for Lambda's SQS event source mapping on ElasticMQ, with a real redrive policy: receive up to 10,
 * invoke, delete the records the response did not name (what Lambda does with {@code ReportBatchItemFailures}).
 */
final class SqsEventSource {

    /** A queue: its URL and ARN. */
    record Queue(String url, String arn) {}

    private final SqsClient sqs;

    SqsEventSource(SqsClient sqs) {
        this.sqs = sqs;
    }

    Queue queue(String name, Map<QueueAttributeName, String> attributes) {
        String url = sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new Queue(url, arn);
    }

    /** A queue with a DLQ after {@code maxReceiveCount} receives (a FIFO queue gets a FIFO DLQ). */
    Queue withDlq(String name, int maxReceiveCount, Map<QueueAttributeName, String> extra) {
        boolean fifo = name.endsWith(".fifo");
        Queue dlq = fifo
                ? queue(name.substring(0, name.length() - 5) + "-dlq.fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true"))
                : queue(name + "-dlq", Map.of());
        Map<QueueAttributeName, String> attributes = new HashMap<>(extra);
        attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"maxReceiveCount\":\"" + maxReceiveCount
                + "\",\"deadLetterTargetArn\":\"" + dlq.arn() + "\"}");
        return queue(name, attributes);
    }

    /** One poll and invocation; the records the response names stay in the queue, the others are deleted. */
    SqsBatchResult invoke(Queue queue, SqsBatchProcessor processor, SqsBatchProcessor.RecordHandler handler,
            Context context, int waitSeconds) {
        List<Message> received = receive(queue, waitSeconds);
        SqsEvent event = SqsEvents.fromReceived(received, queue.arn());
        SqsBatchResult result = processor.process(event, context, handler);
        Set<String> failed = new HashSet<>();
        result.response().batchItemFailures().forEach(f -> failed.add(f.itemIdentifier()));
        List<DeleteMessageBatchRequestEntry> done = received.stream().filter(m -> !failed.contains(m.messageId()))
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle())
                        .build())
                .toList();
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queue.url()).entries(done));
        }
        return result;
    }

    List<Message> receive(Queue queue, int waitSeconds) {
        return sqs.receiveMessage(b -> b.queueUrl(queue.url()).maxNumberOfMessages(10).waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
    }
}
