/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverless4j.events.BatchResponse;
import io.serverless4j.events.Events;
import io.serverless4j.events.s3.S3Event;
import io.serverless4j.events.sqs.SqsEvent;
import io.serverless4j.retry.Backoff;
import io.serverless4j.retry.DeadlineExceededException;
import io.serverless4j.retry.RetryPolicy;
import io.serverless4j.testing.CallRecorder;
import io.serverless4j.testing.Fault;
import io.serverless4j.testing.FaultProxy;
import io.serverless4j.testing.LocalAws;
import io.serverless4j.testing.LocalDynamoDb;
import io.serverless4j.testing.LocalEventBridge;
import io.serverless4j.testing.TestLambdaContext;
import io.serverless4j.testing.events.S3Events;
import io.serverless4j.testing.events.SqsEvents;
import io.serverless4j.thumbnails.TestImages.JpegOptions;
import io.serverless4j.thumbnails.ThumbnailOutcome.Status;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The processor and the handler under a 3-second Lambda context in real time, against S3Mock, dynalite and the
 * EventBridge stub behind a {@link FaultProxy}: whatever an AWS call or a GetObject body does, the call returns
 * before the context's time is up, with a typed, retryable deadline failure, and nothing half-written as
 * docs/thumbnails.md defines it.
 */
@ExtendWith(LocalAws.class)
class ThumbnailsDeadlineIT {

    private static final Duration CONTEXT = Duration.ofSeconds(3);
    private static final Thumbnailer TWO_SIZES = Thumbnailer.builder()
            .spec(ThumbnailSpec.builder().box(256, 256).build())
            .spec(ThumbnailSpec.builder().name("sq").box(64, 64).fit(FitMode.COVER).format(OutputFormat.PNG).build())
            .build();
    private static final byte[] PHOTO = TestImages.jpeg(TestImages.scene(1200, 800, 31), JpegOptions.baseline420());
    /** Retries until the deadline stops them: short waits, attempts without end. */
    private static final RetryPolicy UNTIL_THE_DEADLINE = RetryPolicy.builder().maxAttempts(Integer.MAX_VALUE)
            .backoff(Backoff.fullJitter(Duration.ofMillis(10), Duration.ofMillis(50)))
            .throttledBackoff(Backoff.fullJitter(Duration.ofMillis(10), Duration.ofMillis(50)))
            .build();

    private S3Client s3;
    private DynamoDbClient dynamoDb;
    private EventBridgeClient eventBridge;
    private LocalEventBridge localEventBridge;
    private String bucket;
    private String table;

    @BeforeEach
    void setUp(S3Client s3, DynamoDbClient dynamoDb, EventBridgeClient eventBridge, LocalEventBridge local) {
        this.s3 = s3;
        this.dynamoDb = dynamoDb;
        this.eventBridge = eventBridge;
        this.localEventBridge = local;
        String unique = UUID.randomUUID().toString().substring(0, 8);
        bucket = "deadline-" + unique;
        table = "thumbs-" + unique;
        s3.createBucket(b -> b.bucket(bucket));
        LocalDynamoDb.createTableAndWait(dynamoDb, table, "id");
    }

    private S3ThumbnailProcessor.Builder processor() {
        return S3ThumbnailProcessor.builder().s3Client(s3).dynamoDbClient(dynamoDb).eventBridgeClient(eventBridge)
                .tableName(table).thumbnailer(TWO_SIZES).retryPolicy(UNTIL_THE_DEADLINE);
    }

    private S3ObjectRef upload(String key) {
        PutObjectResponse put = s3.putObject(r -> r.bucket(bucket).key(key).contentType("image/jpeg"),
                RequestBody.fromBytes(PHOTO));
        return new S3ObjectRef(bucket, key, put.versionId(), put.eTag(), PHOTO.length);
    }

    private List<String> thumbnails() {
        return s3.listObjectsV2(r -> r.bucket(bucket).prefix("thumb/")).contents().stream().map(S3Object::key)
                .toList();
    }

    private List<Map<String, AttributeValue>> metadataItems() {
        return dynamoDb.scan(r -> r.tableName(table)).items();
    }

    private long events() {
        return localEventBridge.receivedEntries().stream().filter(e -> e.detail().contains("\"" + bucket + "\""))
                .count();
    }

    /** Runs {@code work} and checks it returned before a 3 s context would have run out. */
    private static <T> T withinTheContext(Supplier<T> work) {
        long start = System.nanoTime();
        T result = work.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("wall time of the call").isLessThan(CONTEXT);
        return result;
    }

    private static void assertStoppedByTheDeadline(ThumbnailOutcome outcome, String operation) {
        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(Status.FAILED);
        assertThat(outcome.retryable()).isTrue();
        assertThat(outcome.failure()).isInstanceOfSatisfying(ThumbnailDeadlineException.class,
                e -> assertThat(e.started()).isTrue());
        assertThat(outcome.detail()).contains(operation).contains(outcome.object().key());
    }

    @Test
    void throttlingEveryHeadObjectStopsAtTheDeadlineWithNothingWritten(CallRecorder recorder) {
        S3ObjectRef photo = upload("raw/throttled.jpg");
        recorder.reset(); // the upload was a PutObject too
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.s3());
                S3Client throttled = proxy.configure(S3Client.builder(), recorder).build()) {
            proxy.failNext("HeadObject", Integer.MAX_VALUE, Fault.throttling());
            S3ThumbnailProcessor processor = processor().s3Client(throttled).build();

            ThumbnailOutcome outcome = withinTheContext(() -> processor.process(photo,
                    TestLambdaContext.withRemainingTime(CONTEXT)));

            assertStoppedByTheDeadline(outcome, "S3 HeadObject");
            assertThat(outcome.failure()).hasCauseInstanceOf(DeadlineExceededException.class);
            assertThat(recorder.calls("HeadObject")).as("attempts until the deadline").isGreaterThan(3);
            assertThat(recorder.calls("GetObject")).isZero();
            assertThat(thumbnails()).isEmpty();
            assertThat(metadataItems()).isEmpty();
            assertThat(events()).isZero();
        }
    }

    @Test
    void aPutObjectThatNeverAnswersStopsAtTheDeadlineAndWhatItMayHaveWrittenIsDeleted(CallRecorder recorder) {
        S3ObjectRef photo = upload("raw/silent.jpg");
        recorder.reset(); // the upload was a PutObject too
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.s3());
                S3Client silent = proxy.configure(S3Client.builder(), recorder).build()) {
            // The proxy passes the put on to S3Mock and holds only the answer: the thumbnail exists, unconfirmed.
            proxy.failNext("PutObject", Integer.MAX_VALUE, Fault.delay(Duration.ofMinutes(2)));
            S3ThumbnailProcessor processor = processor().s3Client(silent).build();

            ThumbnailOutcome outcome = withinTheContext(() -> processor.process(photo,
                    TestLambdaContext.withRemainingTime(CONTEXT)));

            assertStoppedByTheDeadline(outcome, "S3 PutObject");
            assertThat(outcome.failure()).hasCauseInstanceOf(DeadlineExceededException.class);
            assertThat(recorder.calls("PutObject")).as("one attempt, cut off at the deadline").isEqualTo(1);
            assertThat(recorder.calls("DeleteObjects")).isEqualTo(1);
            assertThat(thumbnails()).as("nothing half-written").isEmpty();
            assertThat(metadataItems()).isEmpty();
            assertThat(events()).isZero();
        }
    }

    @Test
    void whenTheSecondPutNeverAnswersTheFirstThumbnailIsDeletedToo(CallRecorder recorder) {
        S3ObjectRef photo = upload("raw/half.jpg");
        recorder.reset(); // the upload was a PutObject too
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.s3());
                S3Client silent = proxy.configure(S3Client.builder(), recorder).build()) {
            proxy.failNext("PutObject", 1, Fault.delay(Duration.ofMillis(1)));
            proxy.failNext("PutObject", Integer.MAX_VALUE, Fault.delay(Duration.ofMinutes(2)));
            S3ThumbnailProcessor processor = processor().s3Client(silent).build();

            ThumbnailOutcome outcome = withinTheContext(() -> processor.process(photo,
                    TestLambdaContext.withRemainingTime(CONTEXT)));

            assertStoppedByTheDeadline(outcome, "S3 PutObject");
            assertThat(recorder.calls("PutObject")).isEqualTo(2);
            assertThat(thumbnails()).as("the first, confirmed thumbnail and the unconfirmed second").isEmpty();
            assertThat(metadataItems()).isEmpty();
            assertThat(events()).isZero();

            proxy.clearFaults();
            assertThat(processor.process(photo, TestLambdaContext.withRemainingTime(CONTEXT)).status())
                    .as("the retry").isEqualTo(Status.CREATED);
            assertThat(thumbnails()).hasSize(2);
        }
    }

    @Test
    void aGetObjectBodyThatTricklesPastTheDeadlineIsCutOffAndTheRetrySucceeds(CallRecorder recorder) {
        S3ObjectRef photo = upload("raw/trickle.jpg");
        recorder.reset(); // the upload was a PutObject too
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.s3());
                S3Client slow = proxy.configure(S3Client.builder(), recorder).build()) {
            // Headers and the first 1% after 400 ms, then 1% every 400 ms: the SDK's call has long returned.
            proxy.failNext("GetObject", 1, Fault.slowBody(Duration.ofMillis(400)));
            S3ThumbnailProcessor processor = processor().s3Client(slow).build();

            ThumbnailOutcome outcome = withinTheContext(() -> processor.process(photo,
                    TestLambdaContext.withRemainingTime(CONTEXT)));

            assertStoppedByTheDeadline(outcome, "GetObject body");
            assertThat(recorder.calls("GetObject")).isEqualTo(1);
            assertThat(recorder.calls("PutObject")).isZero();
            assertThat(thumbnails()).isEmpty();
            assertThat(metadataItems()).isEmpty();
            assertThat(events()).isZero();

            assertThat(processor.process(photo, TestLambdaContext.withRemainingTime(CONTEXT)).status())
                    .as("the retry").isEqualTo(Status.CREATED);
        }
    }

    @Test
    void throttlingEveryPutEventsStopsAtTheDeadlineAndTheThumbnailsAreDeleted() {
        S3ObjectRef photo = upload("raw/no-event.jpg");
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.eventBridge());
                EventBridgeClient throttled = proxy.configure(EventBridgeClient.builder()).build()) {
            proxy.failNext("PutEvents", Integer.MAX_VALUE, Fault.throttling());
            S3ThumbnailProcessor processor = processor().eventBridgeClient(throttled).build();

            ThumbnailOutcome outcome = withinTheContext(() -> processor.process(photo,
                    TestLambdaContext.withRemainingTime(CONTEXT)));

            assertStoppedByTheDeadline(outcome, "EventBridge PutEvents");
            assertThat(proxy.injectedFaults()).isGreaterThan(3);
            assertThat(thumbnails()).isEmpty();
            assertThat(metadataItems()).isEmpty();
            assertThat(events()).isZero();
        }
    }

    @Test
    void whenTheItemCannotBeWrittenAfterTheEventTheThumbnailsItNamesStayAndNoItemIsWritten() {
        S3ObjectRef photo = upload("raw/no-item.jpg");
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.dynamoDb());
                DynamoDbClient throttled = proxy.configure(DynamoDbClient.builder()).build()) {
            proxy.failNext("PutItem", Integer.MAX_VALUE, Fault.throttling());
            S3ThumbnailProcessor processor = processor().dynamoDbClient(throttled).build();

            ThumbnailOutcome outcome = withinTheContext(() -> processor.process(photo,
                    TestLambdaContext.withRemainingTime(CONTEXT)));

            assertStoppedByTheDeadline(outcome, "DynamoDB PutItem");
            assertThat(metadataItems()).as("the version is not marked done").isEmpty();
            assertThat(events()).isEqualTo(1);
            assertThat(thumbnails()).as("named by the published event, so kept")
                    .containsExactlyInAnyOrder("thumb/256/raw/no-item.jpg", "thumb/sq/raw/no-item.jpg");

            proxy.clearFaults();
            assertThat(processor.process(photo, TestLambdaContext.withRemainingTime(CONTEXT)).status())
                    .as("the retry").isEqualTo(Status.CREATED);
            assertThat(metadataItems()).hasSize(1);
            assertThat(events()).as("at least once").isEqualTo(2);
        }
    }

    @Test
    void anSqsBatchStopsStartingObjectsWhenTimeIsShortAndReturnsTheRestForRedelivery(CallRecorder recorder) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String key = "raw/batch-" + i + ".jpg";
            PutObjectResponse put = s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(PHOTO));
            bodies.add(Events.write(S3Events.objectCreated(bucket, key, PHOTO.length, put.eTag())));
        }
        SqsEvent batch = SqsEvents.of(bodies.toArray(String[]::new));
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.s3());
                S3Client slowPuts = proxy.configure(S3Client.builder(), recorder).build()) {
            // Every object takes at least 700 ms (its one thumbnail's put answers late): of the 2.5 s before the
            // deadline less the margin, the first starts with 2.5 s left, a second only if 1.5 s are still left.
            proxy.failNext("PutObject", Integer.MAX_VALUE, Fault.delay(Duration.ofMillis(700)));
            S3ThumbnailHandler handler = new S3ThumbnailHandler(processor().s3Client(slowPuts)
                    .thumbnailer(Thumbnailer.builder().spec(ThumbnailSpec.builder().box(128, 128).build()).build())
                    .minTimeToStart(Duration.ofMillis(1500)).build());
            recorder.reset();

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            withinTheContext(() -> {
                handler.handleRequest(new ByteArrayInputStream(Events.write(batch).getBytes(StandardCharsets.UTF_8)),
                        out, TestLambdaContext.withRemainingTime(CONTEXT));
                return null;
            });
            BatchResponse response = Events.parse(out.toByteArray(), BatchResponse.class);

            List<String> created = thumbnails();
            int started = created.size();
            assertThat(started).as("objects done before time ran short").isBetween(1, 2);
            assertThat(created).allMatch(k -> k.startsWith("thumb/128/raw/batch-"));
            List<String> notStarted = batch.records().subList(started, 5).stream()
                    .map(io.serverless4j.events.sqs.SqsMessage::messageId).toList();
            assertThat(response.batchItemFailures()).extracting(BatchResponse.ItemFailure::itemIdentifier)
                    .as("exactly the messages of the objects not started").containsExactlyElementsOf(notStarted);
            for (int i = 0; i < started; i++) {
                assertThat(created).contains("thumb/128/raw/batch-" + i + ".jpg");
            }
            assertThat(recorder.calls("HeadObject")).as("never started: no S3 call").isEqualTo(started);
            assertThat(recorder.calls("GetObject")).isEqualTo(started);
            assertThat(metadataItems()).hasSize(started);
        }
    }

    @Test
    void theProcessorReportsObjectsNotStartedAsRetryableDeadlineFailures(CallRecorder recorder) {
        List<S3ObjectRef> objects = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            objects.add(upload("raw/later-" + i + ".jpg"));
        }
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.s3());
                S3Client slowPuts = proxy.configure(S3Client.builder(), recorder).build()) {
            proxy.failNext("PutObject", Integer.MAX_VALUE, Fault.delay(Duration.ofMillis(300)));
            S3ThumbnailProcessor processor = processor().s3Client(slowPuts).minTimeToStart(Duration.ofSeconds(2))
                    .build();
            recorder.reset();

            List<ThumbnailOutcome> outcomes = withinTheContext(() -> processor.process(objects,
                    TestLambdaContext.withRemainingTime(CONTEXT)));

            // 2.5 s before the deadline less the margin: the first (two puts of 300 ms) starts, then less than the
            // 2 s an object needs to start is left.
            assertThat(outcomes).extracting(ThumbnailOutcome::status)
                    .containsExactly(Status.CREATED, Status.NOT_STARTED, Status.NOT_STARTED, Status.NOT_STARTED);
            assertThat(outcomes.subList(1, 4)).allSatisfy(o -> {
                assertThat(o.retryable()).isTrue();
                assertThat(o.failure()).isInstanceOfSatisfying(ThumbnailDeadlineException.class,
                        e -> assertThat(e.started()).isFalse());
                assertThat(o.detail()).contains("not started");
            });
            ThumbnailReport report = ThumbnailReport.of(outcomes);
            assertThat(report.allSucceeded()).isFalse();
            assertThat(report.failed()).extracting(ThumbnailReport.Entry::key)
                    .containsExactly("raw/later-1.jpg", "raw/later-2.jpg", "raw/later-3.jpg");
            assertThat(recorder.calls("HeadObject")).as("no S3 call for the objects not started").isEqualTo(1);
            assertThat(thumbnails()).hasSize(2).allMatch(k -> k.endsWith("raw/later-0.jpg"));
            assertThat(metadataItems()).hasSize(1);
        }
    }

    /** The direct-trigger path: the handler throws, naming the objects not started, so Lambda retries the event. */
    @Test
    void aDirectNotificationWithObjectsNotStartedThrowsSoLambdaRetriesIt() {
        S3ObjectRef first = upload("raw/direct-0.jpg");
        S3ObjectRef second = upload("raw/direct-1.jpg");
        S3Event event = new S3Event(List.of(
                S3Events.objectCreated(bucket, first.key(), PHOTO.length, first.eTag()).records().get(0),
                S3Events.objectCreated(bucket, second.key(), PHOTO.length, second.eTag()).records().get(0)));
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.s3());
                S3Client slowPuts = proxy.configure(S3Client.builder()).build()) {
            proxy.failNext("PutObject", Integer.MAX_VALUE, Fault.delay(Duration.ofMillis(300)));
            S3ThumbnailHandler handler = new S3ThumbnailHandler(processor().s3Client(slowPuts)
                    .minTimeToStart(Duration.ofSeconds(2)).build());

            Throwable thrown = withinTheContext(() -> {
                try {
                    handler.handle(event, TestLambdaContext.withRemainingTime(CONTEXT));
                    return null;
                } catch (RetryableThumbnailException e) {
                    return e;
                }
            });

            assertThat(thrown).isInstanceOfSatisfying(RetryableThumbnailException.class, e -> {
                assertThat(e.outcomes()).extracting(o -> o.object().key()).containsExactly("raw/direct-1.jpg");
                assertThat(e.outcomes().get(0).status()).isEqualTo(Status.NOT_STARTED);
                assertThat(e).hasCauseInstanceOf(ThumbnailDeadlineException.class);
            });
            assertThat(thumbnails()).hasSize(2).allMatch(k -> k.endsWith("raw/direct-0.jpg"));
        }
    }
}
