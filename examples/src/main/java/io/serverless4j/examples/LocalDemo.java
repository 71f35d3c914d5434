/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.examples;

import io.serverless4j.testing.CallRecorder;
import io.serverless4j.testing.Fault;
import io.serverless4j.testing.FaultProxy;
import io.serverless4j.testing.LocalAws;
import io.serverless4j.testing.LocalDynamoDb;
import io.serverless4j.testing.LocalEndpoint;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The README's first command: starts the local AWS and runs a short smoke scenario through every emulator with
 * the real SDK clients, printing what it did. Each step checks its own outcome; any surprise ends the run with a
 * non-zero exit code. The end-to-end demo of the example handlers grows out of this.
 */
public final class LocalDemo {

    private LocalDemo() {}

    /**
     * Runs the smoke scenario.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        long start = System.nanoTime();
        System.out.println("serverless4j local demo: a smoke run through the local AWS");
        System.out.println();
        try {
            System.out.println("Starting the local AWS on loopback:");
            LocalEndpoint sqsEndpoint = timed("SQS (ElasticMQ, in this JVM)", LocalAws::sqs);
            LocalEndpoint s3Endpoint = timed("S3 (S3Mock, in this JVM)", LocalAws::s3);
            LocalEndpoint dynamoDbEndpoint = timed("DynamoDB (dynalite, Node.js child)", LocalAws::dynamoDb);
            LocalEndpoint eventBridgeEndpoint = timed("EventBridge (WireMock PutEvents)", LocalAws::eventBridge);
            System.out.println();

            try (SqsClient sqs = sqsEndpoint.configure(SqsClient.builder()).build();
                    S3Client s3 = s3Endpoint.configure(S3Client.builder()).build();
                    DynamoDbClient dynamoDb = dynamoDbEndpoint.configure(DynamoDbClient.builder()).build();
                    EventBridgeClient eventBridge = eventBridgeEndpoint.configure(EventBridgeClient.builder()).build()) {
                sqsStep(sqs);
                s3Step(s3);
                dynamoDbStep(dynamoDb);
                eventBridgeStep(eventBridge);
                faultStep(dynamoDb);
            }
            System.out.printf("%nSmoke run passed in %.1f s.%n", (System.nanoTime() - start) / 1e9);
            System.exit(0);
        } catch (RuntimeException e) {
            System.out.println();
            System.out.println("Smoke run FAILED: " + e);
            e.printStackTrace(System.out);
            System.exit(1);
        }
    }

    private static <T extends LocalEndpoint> T timed(String label, Supplier<T> starter) {
        long t0 = System.nanoTime();
        T endpoint = starter.get();
        System.out.printf("  %-36s %-26s started in %.1f s%n", label, endpoint.endpoint(), (System.nanoTime() - t0) / 1e9);
        return endpoint;
    }

    private static void sqsStep(SqsClient sqs) {
        String dlqUrl = sqs.createQueue(b -> b.queueName("orders-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String url = sqs.createQueue(b -> b.queueName("orders").attributes(Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"maxReceiveCount\":\"3\",\"deadLetterTargetArn\":\"" + dlqArn + "\"}"))).queueUrl();
        sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                e -> e.id("1").messageBody("{\"orderId\":\"o-1\"}"),
                e -> e.id("2").messageBody("{\"orderId\":\"o-2\"}"),
                e -> e.id("3").messageBody("{\"orderId\":\"o-3\"}")));
        List<Message> received = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages();
        check(received.size() == 3, "expected 3 messages from SQS, got " + received.size());
        sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(received.stream()
                .map(m -> software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry.builder()
                        .id(m.messageId()).receiptHandle(m.receiptHandle()).build()).toList()));
        System.out.printf("SQS          queue 'orders' (DLQ 'orders-dlq' after 3 receives): sent 3, received 3, "
                + "deleted 3%n");
    }

    private static void s3Step(S3Client s3) {
        String key = "raw/my cat (copy) 고양이.jpg";
        byte[] bytes = "not really a JPEG yet".getBytes(StandardCharsets.UTF_8);
        s3.createBucket(b -> b.bucket("photos"));
        s3.putObject(b -> b.bucket("photos").key(key).contentType("image/jpeg"), RequestBody.fromBytes(bytes));
        List<String> keys = s3.listObjectsV2(b -> b.bucket("photos").prefix("raw/")).contents().stream()
                .map(S3Object::key).toList();
        check(keys.equals(List.of(key)), "expected the one key back from ListObjectsV2, got " + keys);
        byte[] back = s3.getObjectAsBytes(b -> b.bucket("photos").key(key)).asByteArray();
        check(java.util.Arrays.equals(bytes, back), "the object read back differs from what was written");
        System.out.printf("S3           bucket 'photos': put '%s' (%d bytes), listed it, read it back identical%n",
                key, bytes.length);
    }

    private static void dynamoDbStep(DynamoDbClient dynamoDb) {
        LocalDynamoDb.createTableAndWait(dynamoDb, b -> b.tableName("orders")
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .billingMode(BillingMode.PAY_PER_REQUEST));
        Map<String, AttributeValue> item = Map.of("id", AttributeValue.fromS("o-1"), "total",
                AttributeValue.fromN("42"));
        dynamoDb.putItem(b -> b.tableName("orders").item(item).conditionExpression("attribute_not_exists(id)"));
        boolean duplicateRejected = false;
        try {
            dynamoDb.putItem(b -> b.tableName("orders").item(item).conditionExpression("attribute_not_exists(id)"));
        } catch (ConditionalCheckFailedException e) {
            duplicateRejected = true;
        }
        check(duplicateRejected, "the duplicate conditional put was not rejected");
        System.out.println("DynamoDB     table 'orders': first conditional put stored o-1, the duplicate was rejected "
                + "(ConditionalCheckFailed)");
    }

    private static void eventBridgeStep(EventBridgeClient eventBridge) {
        PutEventsRequestEntry entry = PutEventsRequestEntry.builder().source("demo.orders")
                .detailType("OrderAccepted").detail("{\"orderId\":\"o-1\"}").build();
        int failed = eventBridge.putEvents(b -> b.entries(entry, entry.toBuilder().detail("{\"orderId\":\"o-2\"}")
                .build())).failedEntryCount();
        int recorded = LocalAws.eventBridge().receivedEntries().size();
        check(failed == 0 && recorded == 2, "expected 2 recorded entries and no failures, got " + recorded + "/" + failed);
        System.out.println("EventBridge  PutEvents with 2 OrderAccepted entries: 0 failed, the stub recorded 2");
    }

    private static void faultStep(DynamoDbClient direct) {
        CallRecorder calls = new CallRecorder();
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.dynamoDb());
                DynamoDbClient dynamoDb = proxy.configure(DynamoDbClient.builder(), calls).build()) {
            proxy.failNext("PutItem", 2, Fault.throttling());
            dynamoDb.putItem(b -> b.tableName("orders").item(Map.of("id", AttributeValue.fromS("o-2"))));
            check(calls.calls("PutItem") == 1 && calls.attempts("PutItem") == 3,
                    "expected 1 PutItem call in 3 attempts, got " + calls);
        }
        check(direct.getItem(b -> b.tableName("orders").key(Map.of("id", AttributeValue.fromS("o-2")))).hasItem(),
                "o-2 was not stored after the throttled attempts");
        System.out.println("Faults       2 throttled PutItem responses injected by the fault proxy: the SDK retried, "
                + "1 call in 3 attempts, o-2 stored");
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException(failure);
        }
    }
}
