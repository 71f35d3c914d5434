/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.examples.imageupload;

import io.serverless4j.thumbnails.FitMode;
import io.serverless4j.thumbnails.OutputFormat;
import io.serverless4j.thumbnails.RetryableThumbnailException;
import io.serverless4j.thumbnails.S3ThumbnailHandler;
import io.serverless4j.thumbnails.S3ThumbnailProcessor;
import io.serverless4j.thumbnails.ThumbnailReport;
import io.serverless4j.thumbnails.ThumbnailSpec;
import io.serverless4j.thumbnails.Thumbnailer;
import java.util.Set;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Makes thumbnails of photos uploaded under {@code raw/}: for each {@code ObjectCreated} record of the S3
 * notification, thumbnails under {@code thumb/<size>/<key>}, a metadata item in DynamoDB and a
 * {@code ThumbnailCreated} event on EventBridge, through {@link S3ThumbnailProcessor} (idempotent per object
 * version, nothing half-written on failure). The Lambda plumbing is the library's {@link S3ThumbnailHandler}; this
 * class only configures it.
 *
 * <p>S3 invokes the function asynchronously. The function answers a {@link ThumbnailReport} with one entry per
 * object; a bad image (not an image, corrupt, too large) is logged and reported, not retried, because it would
 * fail the same way every time. When any object failed in a way a retry can fix (an AWS call failed), the
 * invocation throws {@link RetryableThumbnailException} after processing every object, so Lambda's asynchronous
 * retries run it again (objects already done are answered from the metadata table without touching S3) and, when
 * those are used up, the event goes to the function's on-failure destination.
 *
 * <p>Environment: {@code PHOTO_BUCKET} (records of other buckets are skipped: the function's IAM covers only
 * this one), {@code THUMBNAIL_TABLE}, {@code EVENT_BUS_NAME}. Built once per execution environment; tests and the
 * local demo use the public constructor that takes the clients. Thread-safe.
 */
public final class ImageUploadHandler extends S3ThumbnailHandler {

    /** Where uploads arrive; the S3 notification is filtered on it. */
    public static final String SOURCE_PREFIX = "raw/";
    /** Where thumbnails go; never processed, so a thumbnail never invokes the function. */
    public static final String OUTPUT_PREFIX = "thumb/";

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
        static final String PHOTO_BUCKET = requiredEnv("PHOTO_BUCKET");
        static final S3ThumbnailProcessor PROCESSOR = processor(
                S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                EventBridgeClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                requiredEnv("THUMBNAIL_TABLE"), requiredEnv("EVENT_BUS_NAME"));
    }

    /** The constructor the Lambda runtime calls: configuration from the environment. */
    public ImageUploadHandler() {
        super(FromEnvironment.PROCESSOR, Set.of(FromEnvironment.PHOTO_BUCKET));
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
        super(processor(s3, dynamoDb, eventBridge, thumbnailTable, eventBusName), Set.of(photoBucket));
    }

    private static S3ThumbnailProcessor processor(S3Client s3, DynamoDbClient dynamoDb, EventBridgeClient eventBridge,
            String thumbnailTable, String eventBusName) {
        return S3ThumbnailProcessor.builder()
                .s3Client(s3).dynamoDbClient(dynamoDb).eventBridgeClient(eventBridge)
                .tableName(thumbnailTable)
                .eventBusName(eventBusName)
                .thumbnailer(THUMBNAILER)
                .sourcePrefix(SOURCE_PREFIX)
                .outputPrefix(OUTPUT_PREFIX)
                .build();
    }

    private static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set; the SAM template sets it");
        }
        return value;
    }
}
