/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverless4j.testing.LocalAws;
import io.serverless4j.testing.LocalDynamoDb;
import io.serverless4j.thumbnails.TestImages.JpegOptions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** The snippets in docs/thumbnails.md and thumbnails/README.md, compiled and run against the emulators. */
@ExtendWith(LocalAws.class)
class ThumbnailsDocSnippetsIT {

    // --8<-- [start:thumbnailer]
    static final Thumbnailer THUMBNAILER = Thumbnailer.builder()
            .spec(ThumbnailSpec.builder().box(256, 256).build())                     // JPEG q=0.85, inside the box
            .spec(ThumbnailSpec.builder().name("square").box(128, 128)
                    .fit(FitMode.COVER).format(OutputFormat.PNG).build())            // centre-cropped PNG
            .maxPixels(100_000_000)                                                  // refused from the header
            .maxInputBytes(50L * 1024 * 1024)
            .build();
    // --8<-- [end:thumbnailer]

    static S3ThumbnailProcessor processor(S3Client s3, DynamoDbClient dynamoDb, EventBridgeClient eventBridge) {
        // --8<-- [start:processor]
        S3ThumbnailProcessor processor = S3ThumbnailProcessor.builder()
                .s3(s3).dynamoDb(dynamoDb).eventBridge(eventBridge)                  // your clients, built once
                .tableName("thumbnails")                                             // partition key "id" (S)
                .thumbnailer(THUMBNAILER)
                .sourcePrefix("raw/")                                                // the notification's filter
                .outputPrefix("thumb/")                                              // never processed
                .build();
        // --8<-- [end:processor]
        return processor;
    }

    /** What a handler does with the outcomes (until the typed S3 event models land, records are built by hand). */
    static List<String> failedKeysToRetry(S3ThumbnailProcessor processor, List<S3ObjectRef> objects) {
        // --8<-- [start:outcomes]
        List<ThumbnailOutcome> outcomes = processor.process(objects);
        for (ThumbnailOutcome outcome : outcomes) {
            if (outcome.status() == ThumbnailOutcome.Status.FAILED && !outcome.retryable()) {
                System.err.println("permanent: " + outcome.detail());                // a bad image: to the DLQ
            }
        }
        return outcomes.stream().filter(ThumbnailOutcome::retryable)                   // AWS trouble: retry these
                .map(o -> o.object().key()).toList();
        // --8<-- [end:outcomes]
    }

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

        List<String> retry = failedKeysToRetry(processor(s3, dynamoDb, eventBridge), List.of(object));

        assertThat(retry).isEmpty();
        assertThat(s3.listObjectsV2(r -> r.bucket(bucket).prefix("thumb/")).keyCount()).isEqualTo(2);
    }
}
