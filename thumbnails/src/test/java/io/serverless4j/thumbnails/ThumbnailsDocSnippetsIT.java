/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import io.serverless4j.retry.RetryPolicy;
import io.serverless4j.testing.LocalAws;
import io.serverless4j.testing.LocalDynamoDb;
import io.serverless4j.testing.TestLambdaContext;
import io.serverless4j.thumbnails.TestImages.JpegOptions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The snippets in docs/thumbnails.md and thumbnails/README.md: compiled here and run against the emulators. Each
 * sits between {@code tag::name[]} and {@code end::name[]} comments; the checks module's DocSnippetsTest keeps the
 * Markdown equal to them.
 */
@ExtendWith(LocalAws.class)
class ThumbnailsDocSnippetsIT {

    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailsDocSnippetsIT.class);

    // tag::thumbnailer[]
    static final Thumbnailer THUMBNAILER = Thumbnailer.builder()
            .spec(ThumbnailSpec.builder().box(256, 256).build())                     // JPEG q=0.85, inside the box
            .spec(ThumbnailSpec.builder().name("square").box(128, 128)
                    .fit(FitMode.COVER).format(OutputFormat.PNG).build())            // centre-cropped PNG
            .maxPixels(100_000_000)                                                  // refused from the header
            .maxInputBytes(50L * 1024 * 1024)
            .build();
    // end::thumbnailer[]

    static S3ThumbnailProcessor processor(S3Client s3, DynamoDbClient dynamoDb, EventBridgeClient eventBridge) {
        // tag::processor[]
        S3ThumbnailProcessor processor = S3ThumbnailProcessor.builder()
                .s3Client(s3).dynamoDbClient(dynamoDb).eventBridgeClient(eventBridge) // your clients, built once
                .tableName("thumbnails")                                             // partition key "id" (S)
                .thumbnailer(THUMBNAILER)
                .sourcePrefix("raw/")                                                // the notification's filter
                .outputPrefix("thumb/")                                              // never processed
                .retryPolicy(RetryPolicy.builder().maxAttempts(4).build())           // every AWS call it makes
                .minTimeToStart(Duration.ofSeconds(1))                               // no new object with less left
                .build();
        // end::processor[]
        return processor;
    }

    /** What a handler of its own does with the outcomes. */
    static List<String> keysToRetry(S3ThumbnailProcessor processor, List<S3ObjectRef> objects, Context context) {
        // tag::outcomes[]
        List<ThumbnailOutcome> outcomes = processor.process(objects, context);       // within the invocation's time
        ThumbnailReport report = ThumbnailReport.of(outcomes);
        for (ThumbnailReport.Entry failed : report.failed()) {
            if (!failed.retryable()) {
                LOG.error("no thumbnails for {}: {}", failed.key(), failed.detail()); // a bad image: to the DLQ
            }
        }
        return outcomes.stream().filter(ThumbnailOutcome::retryable)                   // AWS trouble, the deadline
                .map(o -> o.object().key()).toList();
        // end::outcomes[]
    }

    /** Compiled, never loaded: its static fields need a region and the function's environment. */
    // tag::handler[]
    public static final class Thumbnails extends S3ThumbnailHandler {
        static final S3ThumbnailProcessor PROCESSOR = S3ThumbnailProcessor.builder()
                .s3Client(S3Client.create())
                .dynamoDbClient(DynamoDbClient.create())
                .eventBridgeClient(EventBridgeClient.create())
                .tableName(System.getenv("THUMBNAIL_TABLE"))
                .thumbnailer(THUMBNAILER)
                .build();

        public Thumbnails() {
            super(PROCESSOR, Set.of(System.getenv("PHOTO_BUCKET")));     // other buckets: SKIPPED, no AWS call
        }
    }
    // end::handler[]

    @Test
    void theDocumentedSetupMakesThumbnails(S3Client s3, DynamoDbClient dynamoDb, EventBridgeClient eventBridge) {
        String bucket = "docs-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(b -> b.bucket(bucket));
        try {
            dynamoDb.describeTable(b -> b.tableName("thumbnails"));
        } catch (software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException absent) {
            LocalDynamoDb.createTableAndWait(dynamoDb, "thumbnails", "id");
        }
        byte[] photo = TestImages.jpeg(TestImages.scene(800, 600, 1), JpegOptions.baseline420());
        PutObjectResponse put = s3.putObject(r -> r.bucket(bucket).key("raw/a.jpg"), RequestBody.fromBytes(photo));
        S3ObjectRef object = new S3ObjectRef(bucket, "raw/a.jpg", put.versionId(), put.eTag(), photo.length);
        S3ObjectRef bad = new S3ObjectRef(bucket, "raw/missing.jpg", null, "no-such-etag", 10);

        List<String> retry = keysToRetry(processor(s3, dynamoDb, eventBridge), List.of(object, bad),
                TestLambdaContext.withRemainingTime(Duration.ofSeconds(30)));

        assertThat(retry).isEmpty();
        assertThat(s3.listObjectsV2(r -> r.bucket(bucket).prefix("thumb/")).keyCount()).isEqualTo(2);
    }
}
