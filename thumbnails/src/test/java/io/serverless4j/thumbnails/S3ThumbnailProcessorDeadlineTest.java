/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverless4j.retry.Backoff;
import io.serverless4j.retry.DeadlineExceededException;
import io.serverless4j.retry.RetriesExhaustedException;
import io.serverless4j.retry.RetryPolicy;
import io.serverless4j.testing.CallRecorder;
import io.serverless4j.testing.LocalEndpoint;
import io.serverless4j.testing.TestLambdaContext;
import io.serverless4j.thumbnails.ThumbnailOutcome.Status;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The processor's rule for starting objects and its deadline, on a fake clock: real SDK clients pointed at a closed
 * port (every call fails at once with a connection error, which the policy retries), so time passes only through the
 * policy's backoff waits, and the outcome of each object is exact.
 */
class S3ThumbnailProcessorDeadlineTest {

    private static final Thumbnailer THUMBNAILER = Thumbnailer.builder()
            .spec(ThumbnailSpec.builder().box(64, 64).build()).build();
    /** Three attempts, 400 ms apart: an object whose calls all fail takes exactly 800 ms of the fake clock. */
    private static final RetryPolicy POLICY = RetryPolicy.builder().maxAttempts(3)
            .backoff(Backoff.exponential(Duration.ofMillis(400), Duration.ofMillis(400)))
            .safetyMargin(Duration.ofMillis(500))
            .build();

    private final CallRecorder calls = new CallRecorder();
    private S3Client s3;
    private DynamoDbClient dynamoDb;
    private EventBridgeClient eventBridge;

    @BeforeEach
    void pointClientsAtAClosedPort() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port);
        LocalEndpoint nowhere = () -> closed;
        s3 = nowhere.configure(S3Client.builder(), calls).build();
        dynamoDb = nowhere.configure(DynamoDbClient.builder(), calls).build();
        eventBridge = nowhere.configure(EventBridgeClient.builder(), calls).build();
    }

    @AfterEach
    void close() {
        s3.close();
        dynamoDb.close();
        eventBridge.close();
    }

    private S3ThumbnailProcessor.Builder processor() {
        return S3ThumbnailProcessor.builder().s3Client(s3).dynamoDbClient(dynamoDb).eventBridgeClient(eventBridge)
                .tableName("thumbnails").thumbnailer(THUMBNAILER).sourcePrefix("raw/").retryPolicy(POLICY);
    }

    private static List<S3ObjectRef> objects(int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> new S3ObjectRef("photos", "raw/" + i + ".jpg", null, "etag-" + i, 1000)).toList();
    }

    @Test
    void withLessThanMinTimeToStartLeftNoObjectIsStartedAndNoCallIsMadeButSkipsAreStillReported() {
        TestLambdaContext context = TestLambdaContext.onFakeClock(Duration.ofMillis(1400)); // 900 ms after the margin
        List<S3ObjectRef> objects = List.of(new S3ObjectRef("photos", "raw/a.jpg", null, "e1", 10),
                new S3ObjectRef("photos", "thumb/64/raw/a.jpg", null, "e2", 10),
                new S3ObjectRef("photos", "raw/b.png", "v1", null, 10));

        List<ThumbnailOutcome> outcomes = processor().build().process(objects, context);

        assertThat(outcomes).extracting(ThumbnailOutcome::status)
                .containsExactly(Status.NOT_STARTED, Status.SKIPPED, Status.NOT_STARTED);
        assertThat(outcomes.get(0).failure()).isInstanceOfSatisfying(ThumbnailDeadlineException.class, e -> {
            assertThat(e.started()).isFalse();
            assertThat(e.retryable()).isTrue();
            assertThat(e.getCause()).isNull();
            assertThat(e.objectName()).isEqualTo("s3://photos/raw/a.jpg");
        });
        assertThat(outcomes.get(0).detail()).contains("not started").contains("900 ms were left")
                .contains("at least 1000 ms");
        assertThat(outcomes.get(0).succeeded()).isFalse();
        assertThat(outcomes.get(1).succeeded()).isTrue();
        assertThat(calls.totalCalls()).isZero();
        assertThat(context.remainingTime()).as("no time passed").isEqualTo(Duration.ofMillis(1400));
    }

    @Test
    void theLongestObjectSoFarRaisesTheTimeNeededToStartTheNext() {
        // 2900 ms less the 500 ms margin = 2400 ms. Every object fails its GetItem three times: 800 ms each.
        TestLambdaContext context = TestLambdaContext.onFakeClock(Duration.ofMillis(2900));
        S3ThumbnailProcessor processor = processor().minTimeToStart(Duration.ofMillis(100)).build();

        List<ThumbnailOutcome> outcomes = processor.process(objects(4), context);

        // 0 and 1 run their 800 ms; 2 starts with 800 ms left (as long as the longest so far), and its second wait
        // would leave no room for a third attempt; 3 finds 0 ms left.
        assertThat(outcomes).extracting(ThumbnailOutcome::status)
                .containsExactly(Status.FAILED, Status.FAILED, Status.FAILED, Status.NOT_STARTED);
        assertThat(outcomes.get(0).failure()).isInstanceOfSatisfying(ThumbnailAwsException.class, e -> {
            assertThat(e.operation()).isEqualTo("DynamoDB GetItem");
            assertThat(e).hasCauseInstanceOf(RetriesExhaustedException.class);
        });
        assertThat(outcomes.get(2).failure()).isInstanceOfSatisfying(ThumbnailDeadlineException.class, e -> {
            assertThat(e.started()).isTrue();
            assertThat(e).hasCauseInstanceOf(DeadlineExceededException.class);
        });
        assertThat(outcomes).allMatch(ThumbnailOutcome::retryable);
        assertThat(calls.calls("GetItem")).isEqualTo(3 + 3 + 2);
        assertThat(calls.calls("HeadObject")).isZero();
    }

    @Test
    void anObjectLongerThanMinTimeToStartKeepsTheNextFromStartingWhenItWouldNotFit() {
        // 2100 ms less the margin = 1600 ms; the first object takes 800 ms, so 800 ms are left: as much as it took.
        // With 801 ms needed instead, the second is not started.
        TestLambdaContext context = TestLambdaContext.onFakeClock(Duration.ofMillis(2099));
        S3ThumbnailProcessor processor = processor().minTimeToStart(Duration.ofMillis(100)).build();

        List<ThumbnailOutcome> outcomes = processor.process(objects(2), context);

        assertThat(outcomes).extracting(ThumbnailOutcome::status).containsExactly(Status.FAILED, Status.NOT_STARTED);
        assertThat(outcomes.get(1).detail()).contains("799 ms were left").contains("at least 800 ms");
        assertThat(calls.calls("GetItem")).isEqualTo(3);
    }

    @Test
    void outsideLambdaThereIsNoDeadline() {
        List<ThumbnailOutcome> outcomes = processor().minTimeToStart(Duration.ofDays(1))
                .retryPolicy(POLICY.toBuilder().maxAttempts(1).build()).build()
                .process(objects(2), null);

        assertThat(outcomes).extracting(ThumbnailOutcome::status).containsExactly(Status.FAILED, Status.FAILED);
        assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isInstanceOf(ThumbnailAwsException.class));
    }
}
