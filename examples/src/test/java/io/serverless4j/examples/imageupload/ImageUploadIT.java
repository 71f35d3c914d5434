/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.examples.imageupload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.serverless4j.examples.Lambda;
import io.serverless4j.events.Events;
import io.serverless4j.testing.Fault;
import io.serverless4j.testing.FaultProxy;
import io.serverless4j.testing.LocalAws;
import io.serverless4j.testing.LocalDynamoDb;
import io.serverless4j.testing.LocalEventBridge;
import io.serverless4j.testing.TestLambdaContext;
import io.serverless4j.testing.events.S3Events;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The image-upload function invoked as S3 invokes it: a real JPEG put into S3Mock, then the notification S3 would
 * send for it (JSON bytes, the object's real ETag and size, the key URL-encoded) through {@code handleRequest};
 * metadata on dynalite, events recorded by the local EventBridge.
 */
@ExtendWith(LocalAws.class)
class ImageUploadIT {

    private static final String TABLE = "thumbnails-" + UUID.randomUUID();
    private static final String BUS = "photos-bus";
    private static DynamoDbClient setup;

    private S3Client s3;
    private DynamoDbClient dynamoDb;
    private EventBridgeClient eventBridge;
    private LocalEventBridge events;
    private String bucket;
    private ImageUploadHandler handler;

    @BeforeAll
    static void createTable() {
        setup = LocalAws.dynamoDb().newClient();
        LocalDynamoDb.createTableAndWait(setup, TABLE, "id");
    }

    @AfterAll
    static void closeSetupClient() {
        setup.close();
    }

    @BeforeEach
    void setUp(S3Client s3, DynamoDbClient dynamoDb, EventBridgeClient eventBridge, LocalEventBridge events) {
        this.s3 = s3;
        this.dynamoDb = dynamoDb;
        this.eventBridge = eventBridge;
        this.events = events;
        events.reset();
        bucket = "photos-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(b -> b.bucket(bucket));
        handler = new ImageUploadHandler(s3, dynamoDb, eventBridge, bucket, TABLE, BUS);
    }

    @Test
    void makesBothThumbnailsRecordsTheMetadataAndPublishesThumbnailCreated() throws IOException {
        String key = "raw/holiday 2026/beach (1)+sunset.jpg";
        byte[] jpeg = jpeg(1200, 800);
        String eTag = upload(key, jpeg, "image/jpeg");

        JsonNode report = invoke(notification(key, jpeg.length, eTag));

        assertThat(report.path("objects")).singleElement().satisfies(o -> {
            assertThat(o.path("key").asText()).isEqualTo(key);
            assertThat(o.path("status").asText()).isEqualTo("CREATED");
            assertThat(o.path("retryable").asBoolean()).isFalse();
        });
        // thumb/<size>/<the upload's whole key>
        assertThat(keys("thumb/")).containsExactlyInAnyOrder("thumb/320/" + key, "thumb/square/" + key);
        BufferedImage big = read("thumb/320/" + key);
        assertThat(big.getWidth()).isEqualTo(320);
        assertThat(big.getHeight()).isEqualTo(213);
        BufferedImage small = read("thumb/square/" + key);
        assertThat(small.getWidth()).isEqualTo(128);
        assertThat(small.getHeight()).isEqualTo(128);
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("thumb/320/" + key));
        assertThat(head.contentType()).isEqualTo("image/jpeg");
        assertThat(head.cacheControl()).contains("immutable");

        List<Map<String, AttributeValue>> items = metadataItems(key);
        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.get("eTag").s()).isEqualTo(eTag.replace("\"", ""));
            assertThat(item.get("width").n()).isEqualTo("1200");
            assertThat(item.get("height").n()).isEqualTo("800");
            assertThat(item.get("format").s()).isEqualTo("JPEG");
            assertThat(item.get("thumbnails").l()).hasSize(2);
        });

        assertThat(thumbnailCreated()).singleElement().satisfies(e -> {
            assertThat(e.eventBusName()).isEqualTo(BUS);
            JsonNode detail = Lambda.parse(e.detail());
            assertThat(detail.path("bucket").asText()).isEqualTo(bucket);
            assertThat(detail.path("key").asText()).isEqualTo(key);
            assertThat(detail.path("width").asInt()).isEqualTo(1200);
        });
    }

    @Test
    void answersARedeliveredNotificationFromTheMetadataTableWithoutWritingAgain() throws IOException {
        String key = "raw/again.jpg";
        byte[] jpeg = jpeg(640, 480);
        String notification = notification(key, jpeg.length, upload(key, jpeg, "image/jpeg"));
        invoke(notification);

        JsonNode second = invoke(notification);

        assertThat(second.path("objects")).singleElement()
                .satisfies(o -> assertThat(o.path("status").asText()).isEqualTo("ALREADY_DONE"));
        assertThat(thumbnailCreated()).hasSize(1);
        assertThat(metadataItems(key)).hasSize(1);
    }

    @Test
    void reportsACorruptUploadAsFailedAndNotRetryableWithNothingWritten() throws IOException {
        String key = "raw/broken.jpg";
        byte[] truncated = Arrays.copyOf(jpeg(800, 600), 600);
        String eTag = upload(key, truncated, "image/jpeg");

        // Returns (no exception): Lambda must not retry an image that fails the same way every time.
        JsonNode report = invoke(notification(key, truncated.length, eTag));

        assertThat(report.path("objects")).singleElement().satisfies(o -> {
            assertThat(o.path("status").asText()).isEqualTo("FAILED");
            assertThat(o.path("retryable").asBoolean()).isFalse();
            assertThat(o.path("detail").asText()).isNotBlank();
        });
        assertThat(keys("thumb/")).isEmpty();
        assertThat(metadataItems(key)).isEmpty();
        assertThat(thumbnailCreated()).isEmpty();
    }

    @Test
    void throwsWhenAWriteFailsSoLambdaRetriesTheInvocationAndTheRetryCompletesIt() throws IOException {
        String key = "raw/retry me.jpg";
        byte[] jpeg = jpeg(640, 480);
        String notification = notification(key, jpeg.length, upload(key, jpeg, "image/jpeg"));
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.s3());
                S3Client faulty = proxy.configure(S3Client.builder()).build()) {
            proxy.failNext("PutObject", 10, Fault.serverError()); // more than the SDK's own retries
            ImageUploadHandler withFaults = new ImageUploadHandler(faulty, dynamoDb, eventBridge, bucket, TABLE, BUS);

            assertThatThrownBy(() -> invoke(withFaults, notification))
                    .isInstanceOf(io.serverless4j.thumbnails.RetryableThumbnailException.class)
                    .hasMessageContaining("raw/retry me.jpg");
            assertThat(keys("thumb/")).isEmpty();
            assertThat(metadataItems(key)).isEmpty();
            assertThat(thumbnailCreated()).isEmpty();

            // Lambda's asynchronous retry, once S3 answers again.
            proxy.clearFaults();
            assertThat(invoke(withFaults, notification).path("objects")).singleElement()
                    .satisfies(o -> assertThat(o.path("status").asText()).isEqualTo("CREATED"));
        }
        assertThat(keys("thumb/")).hasSize(2);
        assertThat(thumbnailCreated()).hasSize(1);
    }

    @Test
    void skipsANotificationForAThumbnailSoTheFunctionNeverProcessesItsOwnOutput() throws IOException {
        byte[] jpeg = jpeg(300, 200);
        String thumbKey = "thumb/320/stray.jpg";
        String eTag = upload(thumbKey, jpeg, "image/jpeg");

        JsonNode report = invoke(notification(thumbKey, jpeg.length, eTag));

        assertThat(report.path("objects")).singleElement()
                .satisfies(o -> assertThat(o.path("status").asText()).isEqualTo("SKIPPED"));
        assertThat(keys("thumb/")).containsExactly(thumbKey);
        assertThat(thumbnailCreated()).isEmpty();
    }

    private JsonNode invoke(String notificationJson) {
        return invoke(handler, notificationJson);
    }

    private static JsonNode invoke(ImageUploadHandler target, String notificationJson) {
        return Lambda.invoke(target, notificationJson,
                TestLambdaContext.withRemainingTime(Duration.ofSeconds(60)).withFunctionName("image-upload"));
    }

    /** An {@code ObjectCreated:Put} notification as S3 sends it: the key URL-encoded, the ETag of the object. */
    private String notification(String key, long size, String eTag) {
        return Events.write(S3Events.objectCreated(bucket, key, size, eTag));
    }

    private String upload(String key, byte[] bytes, String contentType) {
        return s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes))
                .eTag();
    }

    private List<String> keys(String prefix) {
        return s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents().stream().map(S3Object::key)
                .toList();
    }

    private BufferedImage read(String key) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key))
                .asByteArray()));
    }

    private List<Map<String, AttributeValue>> metadataItems(String key) {
        return dynamoDb.scan(b -> b.tableName(TABLE).consistentRead(true).filterExpression("sourceKey = :k AND #b = :b")
                .expressionAttributeNames(Map.of("#b", "bucket"))
                .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(key), ":b", AttributeValue.fromS(bucket))))
                .items();
    }

    private List<PutEventsRequestEntry> thumbnailCreated() {
        return events.receivedEntries().stream().filter(e -> "ThumbnailCreated".equals(e.detailType()))
                .filter(e -> e.detail().contains(bucket)).toList();
    }

    /** A real baseline JPEG written by ImageIO: a diagonal gradient with a disc, so the thumbnails have content. */
    static byte[] jpeg(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(30, 90, 200), width, height, new Color(250, 180, 40)));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(240, 240, 240));
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "jpg", out)) {
                throw new IllegalStateException("no JPEG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
