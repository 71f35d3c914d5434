/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.examples;

import io.serverless4j.testing.TestLambdaContext;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.serverless4j.testing.events.SqsEvents;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A queue with its DLQ and a redrive policy on ElasticMQ, and a small stand-in for Lambda's SQS event source
 * mapping: receive, invoke the handler with the event built from the received messages, delete what the
 * response did not name as failed.
 *
 * @param sqs the client
 * @param queueUrl the queue
 * @param queueArn its ARN
 * @param dlqUrl its dead-letter queue
 */
public record QueueFixture(SqsClient sqs, String queueUrl, String queueArn, String dlqUrl) {

    /**
     * Creates {@code <name>-<random>} and {@code <name>-<random>-dlq}.
     *
     * @param sqs the client
     * @param name the name's prefix
     * @param maxReceiveCount receives before SQS moves a message to the DLQ
     * @param visibilityTimeout the queue's visibility timeout
     * @return the fixture
     */
    public static QueueFixture create(SqsClient sqs, String name, int maxReceiveCount, Duration visibilityTimeout) {
        String unique = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        String dlqUrl = sqs.createQueue(b -> b.queueName(unique + "-dlq")).queueUrl();
        String dlqArn = arn(sqs, dlqUrl);
        String queueUrl = sqs.createQueue(b -> b.queueName(unique).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(visibilityTimeout.toSeconds()),
                QueueAttributeName.REDRIVE_POLICY, "{\"maxReceiveCount\":\"" + maxReceiveCount
                        + "\",\"deadLetterTargetArn\":\"" + dlqArn + "\"}"))).queueUrl();
        return new QueueFixture(sqs, queueUrl, arn(sqs, queueUrl), dlqUrl);
    }

    private static String arn(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /**
     * Sends a message to the queue.
     *
     * @param body the body
     * @return its message id
     */
    public String send(String body) {
        return sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)).messageId();
    }

    /**
     * Receives up to 10 messages with every attribute, waiting up to {@code wait} for the first.
     *
     * @param url the queue
     * @param wait the long-polling wait
     * @return the messages
     */
    public List<Message> receive(String url, Duration wait) {
        return sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                .waitTimeSeconds((int) wait.toSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
    }

    /**
     * One poll of the event source mapping: receives a batch, invokes the handler, deletes the records that the
     * response does not report as failed.
     *
     * @param handler the function
     * @param wait the long-polling wait
     * @return the delivered messages and the ids the function reported as failed
     */
    public Delivery deliver(RequestStreamHandler handler, Duration wait) {
        List<Message> received = receive(queueUrl, wait);
        if (received.isEmpty()) {
            return new Delivery(received, Set.of());
        }
        JsonNode response = Lambda.invoke(handler, SqsEvents.fromReceived(received, queueArn),
                TestLambdaContext.withRemainingTime(Duration.ofSeconds(30)).withFunctionName("order-worker"));
        Set<String> failed = new HashSet<>();
        response.path("batchItemFailures").forEach(f -> failed.add(f.path("itemIdentifier").asText()));
        List<DeleteMessageBatchRequestEntry> done = received.stream().filter(m -> !failed.contains(m.messageId()))
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle())
                        .build())
                .toList();
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
        }
        return new Delivery(received, failed);
    }

    /**
     * What one poll delivered.
     *
     * @param messages the messages in the batch
     * @param failedIds the message ids the function reported as failed
     */
    public record Delivery(List<Message> messages, Set<String> failedIds) {}
}
