/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.examples.imageupload;

import com.amazonaws.services.lambda.runtime.Context;
import io.serverless4j.events.EventHandler;
import io.serverless4j.events.s3.S3Event;
import io.serverless4j.thumbnails.FitMode;
import io.serverless4j.thumbnails.OutputFormat;
import io.serverless4j.thumbnails.S3ObjectRef;
import io.serverless4j.thumbnails.S3ThumbnailProcessor;
import io.serverless4j.thumbnails.ThumbnailOutcome;
import io.serverless4j.thumbnails.ThumbnailSpec;
import io.serverless4j.thumbnails.Thumbnailer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Makes thumbnails of photos uploaded under {@code raw/}: for each {@code ObjectCreated} record of the S3
 * notification, thumbnails under {@code thumb/<size>/<key>}, a metadata item in DynamoDB and a
 * {@code ThumbnailCreated} event on EventBridge, through {@link S3ThumbnailProcessor} (idempotent per object
 * version, nothing half-written on failure).
 *
 * <p>S3 invokes the function asynchronously. The function returns an {@link ImageUploadReport} with one outcome
 * per object; a bad image (not an image, corrupt, too large) is logged and reported, not retried, because it would
 * fail the same way every time. When any outcome is retryable (an AWS call failed), the invocation throws
 * {@link RetryableUploadFailure} after processing every object, so Lambda's asynchronous retries run it again
 * (objects already done are answered from the metadata table without touching S3) and, when those are used up,
 * the event goes to the function's on-failure destination.
 *
 * <p>Environment: {@code PHOTO_BUCKET} (records of other buckets are skipped: the function's IAM covers only
 * this one), {@code THUMBNAIL_TABLE}, {@code EVENT_BUS_NAME}. Built once per execution environment; tests and the
 * local demo use the public constructor that takes the clients. Thread-safe.
 */
public final class ImageUploadHandler extends EventHandler<S3Event, ImageUploadReport> {

    /** Where uploads arrive; the S3 notification is filtered on it. */
    public static final String SOURCE_PREFIX = "raw/";
    /** Where thumbnails go; never processed, so a thumbnail never invokes the function. */
    public static final String OUTPUT_PREFIX = "thumb/";

    private static final Logger LOG = LoggerFactory.getLogger(ImageUploadHandler.class);

    /** Two sizes from one decode: a 320 px JPEG for lists and a 128 px centre-cropped square for grids. */
    static final Thumbnailer THUMBNAILER = Thumbnailer.builder()
            .spec(ThumbnailSpec.builder().name("320").box(320, 320).build())
            .spec(ThumbnailSpec.builder().name("square").box(128, 128).fit(FitMode.COVER)
                    .format(OutputFormat.JPEG).build())
            .maxPixels(100_000_000)
            .maxInputBytes(50L * 1024 * 1024)
            .build();

    /** What the Lambda runtime uses: built on the first invocation, once per execution environment. */
    private static final class FromEnvironment {
        static final S3Client S3 = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        static final DynamoDbClient DYNAMO_DB = DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        static final EventBridgeClient EVENT_BRIDGE = EventBridgeClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        static final ImageUploadHandler HANDLER = new ImageUploadHandler(S3, DYNAMO_DB, EVENT_BRIDGE,
                requiredEnv("PHOTO_BUCKET"), requiredEnv("THUMBNAIL_TABLE"), requiredEnv("EVENT_BUS_NAME"));
    }

    private final String photoBucket;
    private final S3ThumbnailProcessor processor;

    /** The constructor the Lambda runtime calls: configuration from the environment. */
    public ImageUploadHandler() {
        this(FromEnvironment.HANDLER);
    }

    private ImageUploadHandler(ImageUploadHandler configured) {
        super(S3Event.class);
        this.photoBucket = configured.photoBucket;
        this.processor = configured.processor;
    }

    /**
     * For tests and the local demo.
     *
     * @param s3 the client for the photo bucket
     * @param dynamoDb the client for the metadata table
     * @param eventBridge the client for PutEvents
     * @param photoBucket the bucket whose uploads this function handles
     * @param thumbnailTable the metadata table (partition key {@code id}, a string)
     * @param eventBusName the bus {@code ThumbnailCreated} goes to
     */
    public ImageUploadHandler(S3Client s3, DynamoDbClient dynamoDb, EventBridgeClient eventBridge, String photoBucket,
            String thumbnailTable, String eventBusName) {
        super(S3Event.class);
        this.photoBucket = photoBucket;
        this.processor = S3ThumbnailProcessor.builder()
                .s3(s3).dynamoDb(dynamoDb).eventBridge(eventBridge)
                .tableName(thumbnailTable)
                .eventBusName(eventBusName)
                .thumbnailer(THUMBNAILER)
                .sourcePrefix(SOURCE_PREFIX)
                .outputPrefix(OUTPUT_PREFIX)
                .build();
    }

    /**
     * Processes every created object of the notification.
     *
     * @throws RetryableUploadFailure when an object failed in a way a retry can fix; the others are done
     */
    @Override
    protected ImageUploadReport handle(S3Event event, Context context) {
        List<S3ObjectRef> objects = new ArrayList<>();
        for (S3ObjectRef object : S3ObjectRef.fromNotification(event)) {
            if (object.bucket().equals(photoBucket)) {
                objects.add(object);
            } else {
                LOG.warn("skipped {}: not in the photo bucket {}", object.uri(), photoBucket);
            }
        }
        List<ThumbnailOutcome> outcomes = processor.process(objects);
        List<ImageUploadReport.Outcome> reported = new ArrayList<>();
        List<ThumbnailOutcome> retryable = new ArrayList<>();
        for (ThumbnailOutcome outcome : outcomes) {
            reported.add(ImageUploadReport.Outcome.of(outcome));
            if (outcome.retryable()) {
                retryable.add(outcome);
                LOG.warn("will retry {}: {}", outcome.object().uri(), outcome.detail());
            } else if (outcome.status() == ThumbnailOutcome.Status.FAILED) {
                // The image itself is bad: a retry fails the same way. Logged for whoever uploaded it.
                LOG.error("no thumbnails for {} (not retried): {}", outcome.object().uri(), outcome.detail());
            } else {
                LOG.info("{} {}", outcome.status(), outcome.object().uri());
            }
        }
        if (!retryable.isEmpty()) {
            throw new RetryableUploadFailure(retryable);
        }
        return new ImageUploadReport(reported);
    }

    private static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set; the SAM template sets it");
        }
        return value;
    }

    /**
     * Thrown when some objects of an invocation failed in a way a retry can fix (throttling, a network error, a
     * failed write), so that Lambda retries the invocation and finally sends it to the on-failure destination.
     */
    public static final class RetryableUploadFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RetryableUploadFailure(List<ThumbnailOutcome> retryable) {
            super(retryable.size() + " object(s) failed and will be retried: " + retryable.stream()
                    .map(o -> o.object().uri() + " (" + o.detail() + ")").toList(), retryable.get(0).failure());
        }
    }
}
