/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverless4j.events.BatchResponse;
import io.serverless4j.events.EventParseException;
import io.serverless4j.events.Events;
import io.serverless4j.events.s3.S3Event;
import io.serverless4j.events.sqs.SqsEvent;
import io.serverless4j.events.sqs.SqsMessage;
import io.serverless4j.testing.CallRecorder;
import io.serverless4j.testing.Fault;
import io.serverless4j.testing.FaultProxy;
import io.serverless4j.testing.LocalAws;
import io.serverless4j.testing.LocalDynamoDb;
import io.serverless4j.testing.TestLambdaContext;
import io.serverless4j.testing.events.EventBridgeEvents;
import io.serverless4j.testing.events.S3Events;
import io.serverless4j.testing.events.SnsEvents;
import io.serverless4j.testing.events.SqsEvents;
import io.serverless4j.thumbnails.TestImages.JpegOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The ready Lambda handler, invoked as the runtime invokes it (JSON bytes through {@code handleRequest}), with every
 * kind of S3 trigger (direct, EventBridge, SNS, and an SQS batch of any of them), against S3Mock, dynalite and the
 * EventBridge stub.
 */
@ExtendWith(LocalAws.class)
class S3ThumbnailHandlerIT {

    private static final Thumbnailer THUMBNAILER = Thumbnailer.builder()
            .spec(ThumbnailSpec.builder().box(128, 128).build()).build();
    private static final byte[] PHOTO = TestImages.jpeg(TestImages.scene(800, 600, 21), JpegOptions.baseline420());

    private S3Client s3;
    private DynamoDbClient dynamoDb;
    private EventBridgeClient eventBridge;
    private CallRecorder calls;
    private String bucket;
    private String table;
    private S3ThumbnailHandler handler;

    @BeforeEach
    void setUp(S3Client s3, DynamoDbClient dynamoDb, EventBridgeClient eventBridge, CallRecorder calls) {
        this.s3 = s3;
        this.dynamoDb = dynamoDb;
        this.eventBridge = eventBridge;
        this.calls = calls;
        String unique = UUID.randomUUID().toString().substring(0, 8);
        bucket = "uploads-" + unique;
        table = "thumbs-" + unique;
        s3.createBucket(b -> b.bucket(bucket));
        LocalDynamoDb.createTableAndWait(dynamoDb, table, "id");
        handler = new S3ThumbnailHandler(processorWith(s3), Set.of(bucket));
        calls.reset();
    }

    private S3ThumbnailProcessor processorWith(S3Client client) {
        return S3ThumbnailProcessor.builder().s3Client(client).dynamoDbClient(dynamoDb).eventBridgeClient(eventBridge)
                .tableName(table).thumbnailer(THUMBNAILER)
                .retryPolicy(io.serverless4j.retry.RetryPolicy.builder().maxAttempts(1).build()).build();
    }

    private S3Event.Record uploaded(String key, byte[] bytes) {
        PutObjectResponse put = s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
        return S3Events.objectCreated(bucket, key, bytes.length, put.eTag()).records().get(0);
    }

    /** An S3 client through the proxy; the processor's policy makes one attempt, so one fault fails one call. */
    private static S3Client withoutRetries(FaultProxy proxy, CallRecorder recorder) {
        return proxy.configure(S3Client.builder(), recorder).build();
    }

    private static ThumbnailReport invoke(S3ThumbnailHandler handler, Object event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Events.write(event).getBytes(StandardCharsets.UTF_8)), out,
                TestLambdaContext.withRemainingTime(java.time.Duration.ofSeconds(30)));
        return Events.parse(out.toByteArray(), ThumbnailReport.class);
    }

    private List<String> thumbnailKeys() {
        return s3.listObjectsV2(r -> r.bucket(bucket).prefix("thumb/")).contents().stream().map(S3Object::key)
                .toList();
    }

    @Test
    void aNotificationIsAnsweredWithOneEntryPerCreatedObjectAndBadImagesAreReportedNotThrown() {
        List<S3Event.Record> records = new ArrayList<>();
        records.add(uploaded("raw/a photo+1.jpg", PHOTO));
        records.add(uploaded("raw/broken.jpg", java.util.Arrays.copyOf(PHOTO, 300)));
        records.add(S3Events.objectCreated("someone-elses-bucket", "x.jpg").records().get(0));
        records.add(S3Events.objectRemoved(bucket, "raw/gone.jpg").records().get(0));

        ThumbnailReport report = invoke(handler, new S3Event(records));

        assertThat(report.objects()).extracting(ThumbnailReport.Entry::key, ThumbnailReport.Entry::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("raw/a photo+1.jpg", "CREATED"),
                        org.assertj.core.groups.Tuple.tuple("raw/broken.jpg", "FAILED"),
                        org.assertj.core.groups.Tuple.tuple("x.jpg", "SKIPPED"));
        assertThat(report.objects().get(0).thumbnailKeys()).containsExactly("thumb/128/raw/a photo+1.jpg");
        assertThat(report.objects().get(1).retryable()).isFalse();
        assertThat(report.objects().get(1).detail()).contains("raw/broken.jpg").contains("truncated");
        assertThat(report.objects().get(2).detail()).contains("not one this function handles");
        assertThat(thumbnailKeys()).containsExactly("thumb/128/raw/a photo+1.jpg");
        assertThat(calls.calls("HeadObject")).as("nothing asked of the other bucket").isEqualTo(2);
    }

    @Test
    void anEventBridgeObjectCreatedEventWorksTheSameAndARedeliveryIsAlreadyDone() {
        PutObjectResponse put = s3.putObject(r -> r.bucket(bucket).key("raw/eb.jpg"), RequestBody.fromBytes(PHOTO));
        Object event = S3Events.eventBridgeObjectCreated(bucket, "raw/eb.jpg", PHOTO.length, put.eTag());

        ThumbnailReport first = invoke(handler, event);
        ThumbnailReport again = invoke(handler, event);

        assertThat(first.objects()).singleElement().extracting(ThumbnailReport.Entry::status).isEqualTo("CREATED");
        assertThat(again.objects()).singleElement().extracting(ThumbnailReport.Entry::status)
                .isEqualTo("ALREADY_DONE");
        assertThat(thumbnailKeys()).containsExactly("thumb/128/raw/eb.jpg");
        assertThat(calls.calls("GetObject")).isEqualTo(1);
    }

    @Test
    void anEventBridgeEventThatIsNotAnS3UploadGivesAnEmptyReportAndNoAwsCall() {
        ThumbnailReport report = invoke(handler, EventBridgeEvents.of("com.example.orders", "OrderPlaced",
                Map.of("orderId", "o-1")));

        assertThat(report.objects()).isEmpty();
        assertThat(calls.totalCalls()).isZero();
    }

    @Test
    void aRetryableFailureIsThrownAfterEveryObjectWasTriedSoLambdaRetriesTheEvent(CallRecorder recorder) {
        S3Event.Record first = uploaded("raw/one.jpg", PHOTO);
        S3Event.Record second = uploaded("raw/two.jpg", PHOTO);
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.s3())) {
            proxy.failNext("PutObject", 1, Fault.serverError()); // the first object's put; the policy does not retry
            S3Client faulty = withoutRetries(proxy, recorder);
            S3ThumbnailHandler withFaults = new S3ThumbnailHandler(processorWith(faulty));

            assertThatThrownBy(() -> invoke(withFaults, new S3Event(List.of(first, second))))
                    .isInstanceOfSatisfying(RetryableThumbnailException.class, e -> {
                        assertThat(e.outcomes()).extracting(o -> o.object().key()).containsExactly("raw/one.jpg");
                        assertThat(e.retryable()).isTrue();
                        assertThat(e).isInstanceOf(ThumbnailException.class)
                                .hasCauseInstanceOf(ThumbnailAwsException.class);
                        assertThat(e).hasMessageContaining("s3://" + bucket + "/raw/one.jpg");
                    });
            assertThat(thumbnailKeys()).as("the second object was still tried").containsExactly(
                    "thumb/128/raw/two.jpg");

            ThumbnailReport retried = invoke(withFaults, new S3Event(List.of(first, second)));
            assertThat(retried.objects()).extracting(ThumbnailReport.Entry::status)
                    .containsExactly("CREATED", "ALREADY_DONE");
            faulty.close();
        }
    }

    @Test
    void anSqsBatchReportsExactlyTheMessagesARetryCanHelpOrThatAreNotS3Events(CallRecorder recorder) {
        String retryable = Events.write(new S3Event(List.of(uploaded("raw/q1.jpg", PHOTO))));
        String direct = Events.write(new S3Event(List.of(uploaded("raw/q2.jpg", PHOTO))));
        String badImage = Events.write(new S3Event(List.of(uploaded("raw/q3.jpg", java.util.Arrays.copyOf(PHOTO,
                200)))));
        PutObjectResponse put = s3.putObject(r -> r.bucket(bucket).key("raw/q4.jpg"), RequestBody.fromBytes(PHOTO));
        String viaEventBridge = Events.write(S3Events.eventBridgeObjectCreated(bucket, "raw/q4.jpg", PHOTO.length,
                put.eTag()));
        String viaSns = Events.write(new S3Event(List.of(uploaded("raw/q5.jpg", PHOTO))));
        String testEvent = "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\","
                + "\"Time\":\"2026-11-25T10:00:00.000Z\","
                + "\"Bucket\":\"" + bucket + "\",\"RequestId\":\"R1\",\"HostId\":\"H1\"}";
        SqsEvent batch = SqsEvents.of(retryable, direct, badImage, viaEventBridge, "not an event", testEvent);
        SqsMessage fromSns = SqsEvents.fromSns("arn:aws:sns:us-east-1:123456789012:uploads", viaSns).records().get(0);
        List<SqsMessage> messages = new ArrayList<>(batch.records());
        messages.add(fromSns);
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.s3())) {
            proxy.failNext("PutObject", 1, Fault.serverError()); // the first message's put; the policy does not retry
            S3Client faulty = withoutRetries(proxy, recorder);
            S3ThumbnailHandler withFaults = new S3ThumbnailHandler(processorWith(faulty));

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            withFaults.handleRequest(new ByteArrayInputStream(Events.write(new SqsEvent(messages))
                    .getBytes(StandardCharsets.UTF_8)), out, TestLambdaContext.withRemainingTime(
                            java.time.Duration.ofSeconds(30)));
            BatchResponse response = Events.parse(out.toByteArray(), BatchResponse.class);

            // The failed put (a retry can help) and the body that is no event (kept for the DLQ); not the bad image.
            assertThat(response.batchItemFailures()).extracting(BatchResponse.ItemFailure::itemIdentifier)
                    .containsExactly(messages.get(0).messageId(), messages.get(4).messageId());
            assertThat(thumbnailKeys()).containsExactlyInAnyOrder("thumb/128/raw/q2.jpg", "thumb/128/raw/q4.jpg",
                    "thumb/128/raw/q5.jpg");
            faulty.close();
        }
    }

    @Test
    void anS3NotificationThroughSnsIsHandledLikeADirectOne() {
        String notification = Events.write(new S3Event(List.of(uploaded("raw/sns.jpg", PHOTO))));

        ThumbnailReport report = invoke(handler, SnsEvents.of("arn:aws:sns:us-east-1:123456789012:uploads",
                notification));

        assertThat(report.objects()).singleElement().extracting(ThumbnailReport.Entry::status).isEqualTo("CREATED");
        assertThat(thumbnailKeys()).containsExactly("thumb/128/raw/sns.jpg");
    }

    @Test
    void inputThatIsNeitherKindOfEventIsAParseErrorNamingWhatIsWrong() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> handler.handleRequest(
                new ByteArrayInputStream("{\"Records\": 42}".getBytes(StandardCharsets.UTF_8)), out,
                TestLambdaContext.withRemainingTime(java.time.Duration.ofSeconds(30))))
                .isInstanceOf(EventParseException.class).hasMessageContaining("Records");
        assertThatThrownBy(() -> handler.handleRequest(
                new ByteArrayInputStream("not json".getBytes(StandardCharsets.UTF_8)), out,
                TestLambdaContext.withRemainingTime(java.time.Duration.ofSeconds(30))))
                .isInstanceOf(EventParseException.class);
        assertThat(out.size()).isZero();
        assertThat(calls.totalCalls()).isZero();
    }
}
