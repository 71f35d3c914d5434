/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

@ExtendWith(LocalAws.class)
class FaultProxyIT {

    private static DynamoDbClient noRetries(FaultProxy proxy, CallRecorder calls) {
        return proxy.configure(DynamoDbClient.builder(), calls)
                .overrideConfiguration(o -> o.addExecutionInterceptor(calls).retryStrategy(RetryMode.STANDARD)
                        .retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    private static void put(DynamoDbClient dynamoDb, String table, String id) {
        dynamoDb.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS(id))));
    }

    @Test
    void throttlesExactlyTheNextNCallsOfTheOperationThenPassesThrough(DynamoDbClient direct) {
        String table = Tables.newTable(direct, "faults");
        CallRecorder calls = new CallRecorder();
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.dynamoDb());
                DynamoDbClient dynamoDb = noRetries(proxy, calls)) {
            proxy.failNext("PutItem", 2, Fault.throttling());

            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> put(dynamoDb, table, "a"))
                        .isInstanceOfSatisfying(SdkServiceException.class, e -> {
                            assertThat(e.isThrottlingException()).isTrue();
                            assertThat(e.statusCode()).isEqualTo(400);
                        });
            }
            // Other operations were never affected, and the third PutItem reaches dynalite.
            assertThat(dynamoDb.describeTable(b -> b.tableName(table)).table().tableName()).isEqualTo(table);
            put(dynamoDb, table, "a");

            assertThat(proxy.injectedFaults()).isEqualTo(2);
            assertThat(proxy.remainingFaults("PutItem")).isZero();
            assertThat(direct.getItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS("a"))))
                    .hasItem()).isTrue();
        }
    }

    // tag::fault-proxy[]
    @Test
    void theSdksOwnRetriesGetThroughAThrottlingBurstAndTheRecorderSeesEveryAttempt(DynamoDbClient direct) {
        String table = "orders-" + UUID.randomUUID();
        LocalDynamoDb.createTableAndWait(direct, table, "id");
        CallRecorder calls = new CallRecorder();
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.dynamoDb());
                DynamoDbClient throttled = proxy.configure(DynamoDbClient.builder(), calls).build()) {
            proxy.failNext("PutItem", 2, Fault.throttling());

            throttled.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS("o-1"))));

            assertThat(calls.calls("PutItem")).isEqualTo(1);    // one call by the code under test
            assertThat(calls.attempts("PutItem")).isEqualTo(3); // the SDK's own retries got through
        }
    }
    // end::fault-proxy[]

    @Test
    void serverErrorsAndConnectionResetsReachTheCallerAsTheSdkReportsThem(DynamoDbClient direct) {
        String table = Tables.newTable(direct, "faults");
        CallRecorder calls = new CallRecorder();
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.dynamoDb());
                DynamoDbClient dynamoDb = noRetries(proxy, calls)) {
            proxy.failNext("PutItem", 1, Fault.serverError()).failNext("GetItem", 1, Fault.connectionReset());

            assertThatThrownBy(() -> put(dynamoDb, table, "c"))
                    .isInstanceOfSatisfying(SdkServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
            assertThatThrownBy(() -> dynamoDb.getItem(b -> b.tableName(table)
                    .key(Map.of("id", AttributeValue.fromS("c")))))
                    .isInstanceOf(SdkClientException.class);
            put(dynamoDb, table, "c");
            assertThat(dynamoDb.getItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS("c"))))
                    .hasItem()).isTrue();
        }
    }

    @Test
    void aDelayHoldsTheResponseButStillPassesTheCallThrough(SqsClient direct) {
        String url = direct.createQueue(b -> b.queueName("delayed-" + UUID.randomUUID())).queueUrl();
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.sqs());
                SqsClient sqs = proxy.configure(SqsClient.builder()).build()) {
            proxy.failNext("SendMessage", 1, Fault.delay(Duration.ofMillis(700)));
            long start = System.nanoTime();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("late"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
            assertThat(direct.receiveMessage(b -> b.queueUrl(url)).messages()).hasSize(1);
        }
    }

    @Test
    void sqsThrottlingIsSeenAsThrottlingBySdk(SqsClient direct) {
        String url = direct.createQueue(b -> b.queueName("throttled-" + UUID.randomUUID())).queueUrl();
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.sqs());
                SqsClient sqs = proxy.configure(SqsClient.builder())
                        .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1))).build()) {
            proxy.failNext("SendMessageBatch", 1, Fault.throttling());
            assertThatThrownBy(() -> sqs.sendMessageBatch(b -> b.queueUrl(url)
                    .entries(e -> e.id("1").messageBody("x"))))
                    .isInstanceOfSatisfying(SdkServiceException.class,
                            e -> assertThat(e.isThrottlingException()).isTrue());
            assertThat(sqs.sendMessageBatch(b -> b.queueUrl(url).entries(e -> e.id("1").messageBody("x")))
                    .successful()).hasSize(1);
        }
    }

    @Test
    void s3OperationsAreRecognisedFromMethodAndPath(S3Client direct) {
        String bucket = "faulty-" + UUID.randomUUID();
        direct.createBucket(b -> b.bucket(bucket));
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.s3());
                S3Client s3 = proxy.configure(S3Client.builder())
                        .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1))).build()) {
            proxy.failNext("PutObject", 1, Fault.throttling());
            assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("thumb/a b.jpg"),
                    RequestBody.fromString("x", StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(SdkServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(503);
                        assertThat(e.isThrottlingException()).isTrue();
                    });
            assertThat(direct.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();

            s3.putObject(b -> b.bucket(bucket).key("thumb/a b.jpg"), RequestBody.fromString("x", StandardCharsets.UTF_8));
            assertThat(direct.getObjectAsBytes(b -> b.bucket(bucket).key("thumb/a b.jpg")).asUtf8String()).isEqualTo("x");
        }
    }
}
