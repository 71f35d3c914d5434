/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverless4j.retry.Backoff;
import io.serverless4j.retry.RetryPolicy;
import io.serverless4j.testing.CallRecorder;
import io.serverless4j.testing.Fault;
import io.serverless4j.testing.FaultProxy;
import io.serverless4j.testing.LocalAws;
import io.serverless4j.testing.LocalDynamoDb;
import io.serverless4j.testing.LocalEventBridge;
import io.serverless4j.testing.TestLambdaContext;
import io.serverless4j.thumbnails.TestImages.JpegOptions;
import io.serverless4j.thumbnails.ThumbnailOutcome.Status;
import java.awt.image.BufferedImage;
import io.serverless4j.events.Events;
import io.serverless4j.events.s3.S3Event;
import io.serverless4j.testing.events.S3Events;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The processor against S3Mock, dynalite and the EventBridge stub, through the real SDK clients. */
@ExtendWith(LocalAws.class)
class S3ThumbnailProcessorIT {

    private static final Thumbnailer THUMBNAILER = Thumbnailer.builder()
            .spec(ThumbnailSpec.builder().box(256, 256).build())
            .spec(ThumbnailSpec.builder().name("sq").box(64, 64).fit(FitMode.COVER).format(OutputFormat.PNG).build())
            .build();
    private static final byte[] PHOTO = TestImages.jpeg(TestImages.scene(1200, 800, 11), JpegOptions.baseline420());
    /** The default attempts, with waits short enough for tests. */
    private static final RetryPolicy FAST = RetryPolicy.builder()
            .backoff(Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(5)))
            .throttledBackoff(Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(5)))
            .build();

    private S3Client s3;
    private DynamoDbClient dynamoDb;
    private EventBridgeClient eventBridge;
    private LocalEventBridge localEventBridge;
    private CallRecorder calls;
    private String bucket;
    private String table;
    private S3ThumbnailProcessor processor;

    @BeforeEach
    void setUp(S3Client s3, DynamoDbClient dynamoDb, EventBridgeClient eventBridge, LocalEventBridge local,
            CallRecorder calls) {
        this.s3 = s3;
        this.dynamoDb = dynamoDb;
        this.eventBridge = eventBridge;
        this.localEventBridge = local;
        this.calls = calls;
        String unique = UUID.randomUUID().toString().substring(0, 8);
        bucket = "photos-" + unique;
        table = "thumbnails-" + unique;
        s3.createBucket(b -> b.bucket(bucket));
        LocalDynamoDb.createTableAndWait(dynamoDb, table, "id");
        processor = processorWith(s3);
        calls.reset();
    }

    private S3ThumbnailProcessor processorWith(S3Client client) {
        return S3ThumbnailProcessor.builder().s3Client(client).dynamoDbClient(dynamoDb).eventBridgeClient(eventBridge)
                .tableName(table).thumbnailer(THUMBNAILER).sourcePrefix("raw/").retryPolicy(FAST).build();
    }

    private S3ObjectRef upload(String key, byte[] bytes) {
        PutObjectResponse put = s3.putObject(r -> r.bucket(bucket).key(key).contentType("image/jpeg"),
                RequestBody.fromBytes(bytes));
        return new S3ObjectRef(bucket, key, put.versionId(), put.eTag(), bytes.length);
    }

    private List<String> keysUnder(String prefix) {
        return s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix)).contents().stream().map(S3Object::key)
                .toList();
    }

    private List<PutEventsRequestEntry> eventsForThisBucket() {
        return localEventBridge.receivedEntries().stream().filter(e -> e.detail().contains("\"" + bucket + "\""))
                .toList();
    }

    private Map<String, AttributeValue> metadataItems() {
        var items = dynamoDb.scan(r -> r.tableName(table)).items();
        assertThat(items.size()).isLessThanOrEqualTo(1);
        return items.isEmpty() ? Map.of() : items.get(0);
    }

    @Test
    void writesEachThumbnailWithItsContentTypeThenTheEventThenTheMetadataItem() {
        S3ObjectRef photo = upload("raw/cat.jpg", PHOTO);

        ThumbnailOutcome outcome = processor.process(photo, null);

        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(Status.CREATED);
        assertThat(outcome.thumbnailKeys()).containsExactly("thumb/256/raw/cat.jpg", "thumb/sq/raw/cat.jpg");
        ResponseBytes<GetObjectResponse> large = s3.getObjectAsBytes(r -> r.bucket(bucket)
                .key("thumb/256/raw/cat.jpg"));
        assertThat(large.response().contentType()).isEqualTo("image/jpeg");
        assertThat(large.response().cacheControl()).isEqualTo("public, max-age=31536000, immutable");
        BufferedImage image = TestImages.read(large.asByteArray());
        assertThat(image.getWidth()).isEqualTo(256);
        assertThat(image.getHeight()).isEqualTo(171);
        ResponseBytes<GetObjectResponse> square = s3.getObjectAsBytes(r -> r.bucket(bucket)
                .key("thumb/sq/raw/cat.jpg"));
        assertThat(square.response().contentType()).isEqualTo("image/png");
        assertThat(TestImages.read(square.asByteArray()).getWidth()).isEqualTo(64);

        Map<String, AttributeValue> item = metadataItems();
        assertThat(item.get("id").s()).startsWith(bucket + "/raw/cat.jpg#");
        assertThat(item.get("width").n()).isEqualTo("1200");
        assertThat(item.get("height").n()).isEqualTo("800");
        assertThat(item.get("format").s()).isEqualTo("JPEG");
        assertThat(item.get("thumbnails").l()).hasSize(2);
        assertThat(item.get("totalMicros").n()).isNotEmpty();

        List<PutEventsRequestEntry> events = eventsForThisBucket();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).detailType()).isEqualTo("ThumbnailCreated");
        assertThat(events.get(0).source()).isEqualTo("serverless4j.thumbnails");
        assertThat(events.get(0).detail()).contains("\"key\":\"raw/cat.jpg\"")
                .contains("\"key\":\"thumb/256/raw/cat.jpg\",\"width\":256,\"height\":171");
    }

    @Test
    void neverProcessesItsOwnOutputOrKeysOutsideTheSourcePrefixOrNonImages() {
        S3ObjectRef thumbnail = new S3ObjectRef(bucket, "thumb/256/raw/cat.jpg", null, "abc", 100);
        S3ObjectRef outside = new S3ObjectRef(bucket, "other/cat.jpg", null, "abc", 100);
        S3ObjectRef text = new S3ObjectRef(bucket, "raw/readme.txt", null, "abc", 100);

        List<ThumbnailOutcome> outcomes = processor.process(List.of(thumbnail, outside, text), null);

        assertThat(outcomes).extracting(ThumbnailOutcome::status).containsOnly(Status.SKIPPED);
        assertThat(outcomes.get(0).detail()).contains("under the output prefix thumb/");
        assertThat(calls.totalCalls()).as("AWS calls for skipped keys").isZero();
    }

    @Test
    void handlesKeysWithSpacesPlusSignsAndUnicode() {
        String key = "raw/holiday 2026/a+b c=d (1) 사진 ☃.JPG";
        S3ObjectRef photo = upload(key, PHOTO);

        ThumbnailOutcome outcome = processor.process(photo, null);

        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(Status.CREATED);
        assertThat(keysUnder("thumb/")).containsExactlyInAnyOrder("thumb/256/" + key, "thumb/sq/" + key);
        assertThat(eventsForThisBucket().get(0).detail()).contains(key);
    }

    @Test
    void aRedeliveryOfTheSameVersionMakesNoS3ReadsOrWrites() {
        S3ObjectRef photo = upload("raw/dog.jpg", PHOTO);
        assertThat(processor.process(photo, null).status()).isEqualTo(Status.CREATED);
        calls.reset();

        ThumbnailOutcome again = processor.process(photo, null);

        assertThat(again.status()).isEqualTo(Status.ALREADY_DONE);
        assertThat(calls.calls("GetObject")).isZero();
        assertThat(calls.calls("HeadObject")).isZero();
        assertThat(calls.calls("PutObject")).isZero();
        assertThat(calls.calls("GetItem")).isEqualTo(1);
        assertThat(eventsForThisBucket()).hasSize(1);
    }

    @Test
    void aNewVersionOfTheSameKeyIsProcessedAgain() {
        assertThat(processor.process(upload("raw/dog.jpg", PHOTO), null).status()).isEqualTo(Status.CREATED);
        byte[] other = TestImages.jpeg(TestImages.scene(600, 900, 12), JpegOptions.baseline420());

        ThumbnailOutcome second = processor.process(upload("raw/dog.jpg", other), null);

        assertThat(second.status()).isEqualTo(Status.CREATED);
        assertThat(TestImages.read(s3.getObjectAsBytes(r -> r.bucket(bucket).key("thumb/256/raw/dog.jpg"))
                .asByteArray()).getHeight()).isEqualTo(256);
    }

    @Test
    void aFailedPutLeavesNoThumbnailNoMetadataAndNoEventAndARetrySucceeds(CallRecorder recorder) {
        S3ObjectRef photo = upload("raw/bird.jpg", PHOTO);
        recorder.reset();
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.s3())) {
            // The first thumbnail's put passes (only delayed); the second fails on every attempt the policy makes.
            // The first must then be deleted again.
            proxy.failNext("PutObject", 1, Fault.delay(Duration.ofMillis(1)));
            proxy.failNext("PutObject", 10, Fault.serverError());
            S3Client faulty = proxy.configure(S3Client.builder(), recorder).build();
            S3ThumbnailProcessor withFaults = processorWith(faulty);

            ThumbnailOutcome outcome = withFaults.process(photo, null);

            assertThat(outcome.status()).isEqualTo(Status.FAILED);
            assertThat(outcome.retryable()).isTrue();
            assertThat(outcome.failure()).isInstanceOfSatisfying(ThumbnailAwsException.class,
                    e -> assertThat(e.operation()).isEqualTo("S3 PutObject"));
            assertThat(outcome.failure()).hasCauseInstanceOf(io.serverless4j.retry.RetriesExhaustedException.class);
            // One put for the first thumbnail, the policy's three attempts for the second (the SDK retries none).
            assertThat(recorder.calls("PutObject")).isEqualTo(1 + FAST.maxAttempts());
            assertThat(recorder.attempts("PutObject")).isEqualTo(1 + FAST.maxAttempts());
            assertThat(recorder.calls("DeleteObjects")).isEqualTo(1);
            assertThat(outcome.detail()).contains("raw/bird.jpg");
            assertThat(keysUnder("thumb/")).as("thumbnails left behind").isEmpty();
            assertThat(metadataItems()).isEmpty();
            assertThat(eventsForThisBucket()).isEmpty();

            proxy.clearFaults();
            assertThat(withFaults.process(photo, null).status()).isEqualTo(Status.CREATED);
            assertThat(keysUnder("thumb/")).hasSize(2);
            faulty.close();
        }
    }

    @Test
    void aGetObjectBodyThatBreaksOffIsARetryableReadFailureNotACorruptImage(CallRecorder recorder) {
        S3ObjectRef photo = upload("raw/cut-off.jpg", PHOTO);
        recorder.reset();
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.s3())) {
            // The SDK has handed over the streamed body when it breaks, so it cannot retry: the read fails in the
            // decoder, and that must be told apart from bad image data.
            proxy.failNext("GetObject", 1, Fault.brokenBody());
            S3Client faulty = proxy.configure(S3Client.builder(), recorder).build();
            S3ThumbnailProcessor withFaults = processorWith(faulty);

            ThumbnailOutcome outcome = withFaults.process(photo, TestLambdaContext.withRemainingTime(
                    Duration.ofSeconds(30)));

            assertThat(outcome.status()).isEqualTo(Status.FAILED);
            assertThat(outcome.retryable()).isTrue();
            assertThat(outcome.failure()).isInstanceOf(ImageReadException.class);
            assertThat(outcome.detail()).contains("raw/cut-off.jpg").contains("reading the image failed");
            assertThat(recorder.calls("GetObject")).isEqualTo(1);
            assertThat(recorder.calls("PutObject")).isZero();
            assertThat(keysUnder("thumb/")).isEmpty();
            assertThat(metadataItems()).isEmpty();
            assertThat(eventsForThisBucket()).isEmpty();

            assertThat(withFaults.process(photo, null).status()).isEqualTo(Status.CREATED);
            faulty.close();
        }
    }

    @Test
    void aCorruptImageIsReportedFailedNotRetryableAndNothingIsWritten() {
        byte[] corrupt = PHOTO.clone();
        for (int i = corrupt.length / 2; i < corrupt.length / 2 + 64; i += 2) {
            corrupt[i] = (byte) 0xFF;
            corrupt[i + 1] = 0;
        }
        S3ObjectRef bad = upload("raw/corrupt.jpg", corrupt);
        S3ObjectRef empty = upload("raw/empty.jpg", new byte[0]);
        S3ObjectRef good = upload("raw/good.jpg", PHOTO);

        List<ThumbnailOutcome> outcomes = processor.process(List.of(bad, empty, good), null);

        assertThat(outcomes).extracting(ThumbnailOutcome::status)
                .containsExactly(Status.FAILED, Status.FAILED, Status.CREATED);
        assertThat(outcomes.get(0).failure()).isInstanceOf(CorruptImageException.class);
        assertThat(outcomes.get(0).retryable()).isFalse();
        assertThat(outcomes.get(0).detail()).contains("raw/corrupt.jpg").contains("corrupt Huffman data");
        assertThat(outcomes.get(1).failure()).isInstanceOf(NotAnImageException.class);
        assertThat(keysUnder("thumb/")).allMatch(k -> k.endsWith("/raw/good.jpg")).hasSize(2);
        assertThat(eventsForThisBucket()).hasSize(1);
    }

    @Test
    void anObjectOverTheByteLimitIsRefusedWithoutDownloadingIt() {
        S3ObjectRef photo = upload("raw/huge.jpg", PHOTO);
        S3ThumbnailProcessor strict = processor.toBuilder()
                .thumbnailer(THUMBNAILER.toBuilder().maxInputBytes(1000).build()).build();

        ThumbnailOutcome outcome = strict.process(photo, null);

        assertThat(outcome.failure()).isInstanceOf(ImageTooLargeException.class);
        assertThat(outcome.retryable()).isFalse();
        assertThat(calls.calls("GetObject")).isZero();
    }

    @Test
    void anEventForAnOverwrittenObjectIsSkippedInFavourOfTheNewerOne() {
        S3ObjectRef first = upload("raw/cat.jpg", PHOTO);
        upload("raw/cat.jpg", TestImages.jpeg(TestImages.scene(300, 300, 13), JpegOptions.baseline420()));
        S3ObjectRef stale = new S3ObjectRef(bucket, first.key(), null, first.eTag(), first.sizeBytes());

        ThumbnailOutcome outcome = processor.process(stale, null);

        assertThat(outcome.status()).isEqualTo(Status.SKIPPED);
        assertThat(outcome.detail()).contains("overwritten");
        assertThat(keysUnder("thumb/")).isEmpty();
    }

    @Test
    void aParsedS3NotificationDrivesTheProcessorWithTheDecodedKey() {
        S3ObjectRef uploaded = upload("raw/summer trip+2026 (1).jpg", PHOTO);
        String notification = """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
                "eventTime":"2026-11-25T10:00:00.000Z","eventName":"ObjectCreated:Put",
                "s3":{"s3SchemaVersion":"1.0","configurationId":"thumbnails",
                "bucket":{"name":"%s","arn":"arn:aws:s3:::%s"},
                "object":{"key":"%s","size":%d,"eTag":"%s","sequencer":"0A1B2C3D4E5F678901"}}}]}
                """.formatted(bucket, bucket, S3Events.encodeKey(uploaded.key()), PHOTO.length, uploaded.eTag());

        List<ThumbnailOutcome> outcomes = processor.process(
                S3ObjectRef.fromNotification(Events.parse(notification, S3Event.class)),
                TestLambdaContext.withRemainingTime(Duration.ofSeconds(30)));

        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.status()).isEqualTo(ThumbnailOutcome.Status.CREATED));
        assertThat(keysUnder("thumb/")).anyMatch(k -> k.endsWith("raw/summer trip+2026 (1).jpg"));
    }
}
