/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.serverless4j.events.BatchResponse;
import io.serverless4j.events.Events;
import io.serverless4j.events.apigateway.ApiGatewayV2HttpResponse;
import io.serverless4j.examples.imageupload.ImageUploadHandler;
import io.serverless4j.examples.orderapi.OrderApiHandler;
import io.serverless4j.examples.orderworker.OrderWorkerHandler;
import io.serverless4j.retry.Backoff;
import io.serverless4j.dlq.DlqReplayListener;
import io.serverless4j.dlq.DlqReplayProgress;
import io.serverless4j.dlq.DlqReplayReport;
import io.serverless4j.dlq.DlqReplayer;
import io.serverless4j.testing.CallRecorder;
import io.serverless4j.testing.Fault;
import io.serverless4j.testing.FaultProxy;
import io.serverless4j.testing.LocalAws;
import io.serverless4j.testing.LocalDynamoDb;
import io.serverless4j.testing.LocalEndpoint;
import io.serverless4j.testing.LocalEventBridge;
import io.serverless4j.testing.TestLambdaContext;
import io.serverless4j.testing.events.ApiGatewayEvents;
import io.serverless4j.testing.events.S3Events;
import io.serverless4j.testing.events.SqsEvents;
import io.serverless4j.thumbnails.ThumbnailReport;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The README's first command: starts the local AWS and runs the example handlers end to end through it, invoked
 * as Lambda invokes them (JSON bytes through {@code handleRequest}), with the real SDK clients:
 * <ol>
 * <li>photos uploaded under {@code raw/} → {@link ImageUploadHandler} → thumbnails, metadata, events; a corrupt
 * upload reported as failed with nothing written;</li>
 * <li>orders posted to {@link OrderApiHandler} with repeated {@code Idempotency-Key}s: one order per key;</li>
 * <li>an {@link OrderWorkerHandler} batch where some records fail → redelivery → DLQ after
 * {@code maxReceiveCount} → the fault is fixed → {@link DlqReplayer} → every order accepted exactly once;</li>
 * <li>the SDK retrying throttled DynamoDB calls injected by the fault proxy.</li>
 * </ol>
 * Prints a report and writes {@code report.html} (thumbnails beside their originals, counts, timings) to the
 * directory named by {@code -Dserverless4j.demo.dir} (the demo profile passes {@code examples/target/demo}).
 * Each step checks its outcome; any failed check ends the run with exit code 1.
 */
public final class LocalDemo {

    private static final Duration LAMBDA_TIMEOUT = Duration.ofSeconds(60);
    private static final String BUCKET = "photos";
    private static final String THUMBNAILS_TABLE = "thumbnails";
    private static final String ORDERS_TABLE = "orders";
    private static final String IDEMPOTENCY_TABLE = "idempotency";
    private static final String BUS = "demo-bus";
    private static final int MAX_RECEIVE_COUNT = 3;
    private static final Path MATE_PHOTOS = Path.of("/usr/share/backgrounds/mate/nature");

    private final Path outputDir;
    private final SqsClient sqs;
    private final S3Client s3;
    private final DynamoDbClient dynamoDb;
    private final EventBridgeClient eventBridge;
    private final LocalEventBridge events = LocalAws.eventBridge();
    private final Map<String, String> timings = new LinkedHashMap<>();
    private final Map<String, String> counts = new LinkedHashMap<>();
    private final List<Photo> photos = new ArrayList<>();

    private LocalDemo(Path outputDir, SqsClient sqs, S3Client s3, DynamoDbClient dynamoDb,
            EventBridgeClient eventBridge) {
        this.outputDir = outputDir;
        this.sqs = sqs;
        this.s3 = s3;
        this.dynamoDb = dynamoDb;
        this.eventBridge = eventBridge;
    }

    /**
     * Runs the demo; exits with 0 when every check passed, else 1.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        long start = System.nanoTime();
        System.out.println("serverless4j local demo: the example handlers end to end on a local AWS");
        System.out.println();
        try {
            System.out.println("Starting the local AWS on loopback:");
            LocalEndpoint sqsEndpoint = timed("SQS (ElasticMQ, in this JVM)", LocalAws::sqs);
            LocalEndpoint s3Endpoint = timed("S3 (S3Mock, in this JVM)", LocalAws::s3);
            LocalEndpoint dynamoDbEndpoint = timed("DynamoDB (dynalite, Node.js child)", LocalAws::dynamoDb);
            LocalEndpoint eventBridgeEndpoint = timed("EventBridge (WireMock PutEvents)", LocalAws::eventBridge);
            System.out.println();
            Path outputDir = Path.of(System.getProperty("serverless4j.demo.dir", "target/demo")).toAbsolutePath();
            try (SqsClient sqs = sqsEndpoint.configure(SqsClient.builder()).build();
                    S3Client s3 = s3Endpoint.configure(S3Client.builder()).build();
                    DynamoDbClient dynamoDb = dynamoDbEndpoint.configure(DynamoDbClient.builder()).build();
                    EventBridgeClient eventBridge = eventBridgeEndpoint.configure(EventBridgeClient.builder())
                            .build()) {
                LocalDemo demo = new LocalDemo(outputDir, sqs, s3, dynamoDb, eventBridge);
                demo.step("1 photos", demo::photos);
                demo.step("2 order API", demo::orderApi);
                demo.step("3 order worker, DLQ, replay", demo::orderWorker);
                demo.step("4 fault injection", demo::faults);
                demo.timings.put("total", seconds(System.nanoTime() - start));
                demo.writeHtml();
                System.out.println();
                System.out.println("Counts:");
                demo.counts.forEach((k, v) -> System.out.printf("  %-52s %s%n", k, v));
                System.out.println("Timings:");
                demo.timings.forEach((k, v) -> System.out.printf("  %-52s %s%n", k, v));
                System.out.println();
                System.out.println("Report: " + outputDir.resolve("report.html"));
            }
            System.out.printf("%nDemo passed: every check held, in %.1f s.%n", (System.nanoTime() - start) / 1e9);
            System.exit(0);
        } catch (RuntimeException e) {
            System.out.println();
            System.out.println("Demo FAILED: " + e);
            e.printStackTrace(System.out);
            System.exit(1);
        }
    }

    private void step(String name, Runnable body) {
        long t0 = System.nanoTime();
        body.run();
        timings.put(name, seconds(System.nanoTime() - t0));
        System.out.println();
    }

    // ---------------------------------------------------------------- 1. photos

    private void photos() {
        System.out.println("1. Photo uploads: S3 raw/ -> ImageUploadHandler -> thumb/, DynamoDB, ThumbnailCreated");
        s3.createBucket(b -> b.bucket(BUCKET));
        createTable(THUMBNAILS_TABLE, "id");
        ImageUploadHandler handler = new ImageUploadHandler(s3, dynamoDb, eventBridge, BUCKET, THUMBNAILS_TABLE, BUS);

        Map<String, byte[]> uploads = new LinkedHashMap<>();
        uploads.put("raw/generated/sunrise 1600x1000.jpg", generatedJpeg(1600, 1000, new Color(20, 40, 120),
                new Color(255, 170, 60)));
        uploads.put("raw/generated/portrait (900x1400).jpg", generatedJpeg(900, 1400, new Color(10, 120, 80),
                new Color(230, 230, 120)));
        uploads.put("raw/generated/square+small 500.jpg", generatedJpeg(500, 500, new Color(120, 20, 90),
                new Color(90, 200, 230)));
        int fromMate = 0;
        for (Path file : matePhotos()) {
            uploads.put("raw/mate/" + file.getFileName(), readAllBytes(file));
            fromMate++;
        }
        System.out.printf("   %d generated JPEGs, %d photos from %s%n", 3, fromMate,
                fromMate == 0 ? "nowhere (mate-backgrounds is not installed; optional)" : MATE_PHOTOS);

        int created = 0;
        for (Map.Entry<String, byte[]> upload : uploads.entrySet()) {
            long t0 = System.nanoTime();
            ThumbnailReport report = uploadAndInvoke(handler, upload.getKey(), upload.getValue());
            ThumbnailReport.Entry outcome = report.objects().get(0);
            check(report.objects().size() == 1 && outcome.status().equals("CREATED"),
                    upload.getKey() + ": expected CREATED, got " + report.objects());
            created++;
            String millis = String.format("%.0f ms", (System.nanoTime() - t0) / 1e6);
            photos.add(savePhoto(upload.getKey(), upload.getValue(), outcome.thumbnailKeys(), millis));
            System.out.printf("   %-46s %5d KB -> %s (%s)%n", upload.getKey(), upload.getValue().length / 1024,
                    outcome.thumbnailKeys(), millis);
        }

        // A redelivered notification: answered from the metadata table, no thumbnail written again.
        String first = uploads.keySet().iterator().next();
        ThumbnailReport again = uploadAndInvoke(handler, null, null, first, uploads.get(first));
        check(again.objects().get(0).status().equals("ALREADY_DONE"), "a redelivery was not ALREADY_DONE: "
                + again.objects());
        System.out.printf("   the notification for '%s' delivered again: ALREADY_DONE%n", first);

        // A corrupt upload: reported as failed, not retried, nothing written.
        byte[] truncated = Arrays.copyOf(generatedJpeg(800, 600, Color.BLACK, Color.WHITE), 700);
        ThumbnailReport bad = uploadAndInvoke(handler, "raw/generated/truncated.jpg", truncated);
        ThumbnailReport.Entry badOutcome = bad.objects().get(0);
        check(badOutcome.status().equals("FAILED") && !badOutcome.retryable(), "the corrupt upload was not a "
                + "non-retryable failure: " + bad.objects());
        System.out.printf("   raw/generated/truncated.jpg (700 bytes): FAILED, not retried: %s%n", badOutcome.detail());

        List<String> thumbnails = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("thumb/")).contents().stream()
                .map(S3Object::key).toList();
        int items = dynamoDb.scan(b -> b.tableName(THUMBNAILS_TABLE).consistentRead(true)).count();
        long thumbnailEvents = events.receivedEntries().stream()
                .filter(e -> e.detailType().equals("ThumbnailCreated")).count();
        check(thumbnails.size() == 2 * created, "expected " + 2 * created + " thumbnails, found " + thumbnails.size());
        check(thumbnails.stream().noneMatch(k -> k.contains("truncated")), "a thumbnail of the corrupt upload exists");
        check(items == created, "expected " + created + " metadata items, found " + items);
        check(thumbnailEvents == created, "expected " + created + " ThumbnailCreated events, got " + thumbnailEvents);
        System.out.printf("   checked: %d thumbnails in thumb/, %d metadata items, %d ThumbnailCreated events%n",
                thumbnails.size(), items, thumbnailEvents);
        counts.put("photos uploaded (generated + mate-backgrounds)", created + " (3 + " + fromMate + ")");
        counts.put("thumbnails / metadata items / ThumbnailCreated", thumbnails.size() + " / " + items + " / "
                + thumbnailEvents);
        counts.put("corrupt uploads failed, nothing written", "1");
    }

    private ThumbnailReport uploadAndInvoke(ImageUploadHandler handler, String key, byte[] bytes) {
        return uploadAndInvoke(handler, key, bytes, key, bytes);
    }

    private ThumbnailReport uploadAndInvoke(ImageUploadHandler handler, String uploadKey, byte[] uploadBytes,
            String key, byte[] bytes) {
        String eTag;
        if (uploadKey != null) {
            eTag = s3.putObject(b -> b.bucket(BUCKET).key(uploadKey).contentType("image/" + extension(uploadKey)),
                    RequestBody.fromBytes(uploadBytes)).eTag();
        } else {
            eTag = s3.headObject(b -> b.bucket(BUCKET).key(key)).eTag();
        }
        // What S3 sends: the key URL-encoded, the object's real size and ETag.
        String notification = Events.write(S3Events.objectCreated(BUCKET, key, bytes.length, eTag));
        return invoke(handler, notification, "image-upload", ThumbnailReport.class);
    }

    private static List<Path> matePhotos() {
        if (!Files.isDirectory(MATE_PHOTOS)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(MATE_PHOTOS)) {
            return files.filter(p -> p.toString().endsWith(".jpg")).filter(p -> p.toFile().length() < 8_000_000)
                    .sorted().limit(4).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    // ---------------------------------------------------------------- 2. order API

    private void orderApi() {
        System.out.println("2. Order API: POST /orders with Idempotency-Key -> OrderApiHandler -> DynamoDB");
        createTable(ORDERS_TABLE, "orderId");
        createTable(IDEMPOTENCY_TABLE, "id");
        String origin = "https://shop.example.com";
        OrderApiHandler api = new OrderApiHandler(dynamoDb, ORDERS_TABLE, IDEMPOTENCY_TABLE,
                OrderApiHandler.corsPolicy(origin));
        Map<String, String> firstBodies = new HashMap<>();
        int created = 0;
        int repeats = 0;
        Set<String> orderIds = new HashSet<>();
        for (int round = 1; round <= 3; round++) {
            for (int customer = 1; customer <= 3; customer++) {
                String key = "demo-key-" + customer;
                String body = "{\"customerId\":\"c-" + customer + "\",\"items\":[{\"sku\":\"sku-" + customer
                        + "\",\"quantity\":" + customer + "}]}";
                ApiGatewayV2HttpResponse response = invoke(api, Events.write(ApiGatewayEvents.httpApi("POST", "/orders")
                        .header("Origin", origin).header("Content-Type", "application/json")
                        .header("Idempotency-Key", key).body(body).build()), "order-api",
                        ApiGatewayV2HttpResponse.class);
                if (round == 1) {
                    check(response.statusCode() == 201, key + ": expected 201, got " + response.statusCode() + " "
                            + response.body());
                    firstBodies.put(key, response.body());
                    orderIds.add(orderId(response.body()));
                    created++;
                } else {
                    check(response.statusCode() == 200 && response.body().equals(firstBodies.get(key)),
                            key + ": the repeat was not answered from the store with the first body: "
                                    + response.statusCode() + " " + response.body());
                    repeats++;
                }
            }
        }
        int stored = dynamoDb.scan(b -> b.tableName(ORDERS_TABLE).consistentRead(true)).count();
        check(stored == 3 && orderIds.size() == 3, "expected 3 stored orders, found " + stored);
        System.out.printf("   9 POSTs with 3 Idempotency-Keys: %d x 201 Created, %d x 200 repeated from the store "
                + "(same body); orders table holds %d orders %s%n", created, repeats, stored, orderIds);
        counts.put("order POSTs / orders created / repeats answered", "9 / " + stored + " / " + repeats);
    }

    private static String orderId(String body) {
        Matcher m = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        check(m.find(), "no orderId in " + body);
        return m.group(1);
    }

    // ---------------------------------------------------------------- 3. order worker

    private void orderWorker() {
        System.out.println("3. Order worker: SQS -> OrderWorkerHandler -> EventBridge; failures -> DLQ -> replay");
        String dlqUrl = sqs.createQueue(b -> b.queueName("orders-dlq")).queueUrl();
        String queueUrl = sqs.createQueue(b -> b.queueName("orders").attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "1",
                QueueAttributeName.REDRIVE_POLICY, "{\"maxReceiveCount\":\"" + MAX_RECEIVE_COUNT
                        + "\",\"deadLetterTargetArn\":\"" + arn(dlqUrl) + "\"}"))).queueUrl();
        String queueArn = arn(queueUrl);
        OrderWorkerHandler worker = new OrderWorkerHandler(sqs, dynamoDb, eventBridge, IDEMPOTENCY_TABLE, BUS,
                Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(1)));

        List<String> orderIds = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            orderIds.add(String.format("w-%03d", i));
        }
        List<String> failing = List.of("w-003", "w-006", "w-009");
        // The fault: EventBridge refuses these orders' events (a missing permission on the bus) on each delivery
        // until they reach the DLQ.
        events.rejectEntries(e -> e.detailType().equals("OrderAccepted") && failing.stream()
                .anyMatch(id -> e.detail().contains("\"" + id + "\"")), failing.size() * MAX_RECEIVE_COUNT,
                "NotAuthorizedForSourceException", "not authorized for the bus (the demo's fault)");
        for (String orderId : orderIds) {
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(orderMessage(orderId)));
        }
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(orderMessage("w-001"))); // the producer retried
        System.out.printf("   sent %d orders (+1 duplicate of w-001); EventBridge refuses %s%n", orderIds.size(),
                failing);

        int invocations = 0;
        int failedRecords = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (approximate(dlqUrl) < failing.size()) {
            check(System.nanoTime() < deadline, "the failing orders did not reach the DLQ in 40 s");
            Poll poll = poll(worker, queueUrl, queueArn);
            if (poll.received > 0) {
                invocations++;
                failedRecords += poll.failed;
                System.out.printf("   invocation %2d: %2d records, %d failed%n", invocations, poll.received,
                        poll.failed);
            }
        }
        check(acceptedCount(failing).isEmpty(), "a failing order was accepted before the fix");
        System.out.printf("   after %d receives each, SQS moved %d messages to the DLQ%n", MAX_RECEIVE_COUNT,
                approximate(dlqUrl));

        // The fix: the bus permission is granted (the stub's rejections are used up), then the DLQ is replayed.
        List<String> progressLines = new ArrayList<>();
        DlqReplayReport replay = DlqReplayer.builder().sqsClient(sqs).dlqUrl(dlqUrl).targetQueueUrl(queueUrl)
                .receiveWaitTime(Duration.ofSeconds(1))
                .listener(new DlqReplayListener() {
                    @Override
                    public void started(String dlq, String target, long approximateMessages) {
                        System.out.printf("   fixed; replaying the DLQ (about %d messages)%n", approximateMessages);
                    }

                    @Override
                    public void progress(DlqReplayProgress p) {
                        String line = String.format("   replay progress: received %d, moved %d, failed %d, %.0f msg/s",
                                p.received(), p.moved(), p.failed(), p.messagesPerSecond());
                        progressLines.add(line);
                        System.out.println(line);
                    }
                })
                .build().replay();
        check(replay.allSucceeded() && replay.moved() == failing.size(), "the replay did not move every message: "
                + replay);
        System.out.printf("   replay done: %d moved in %d ms (%s)%n", replay.moved(), replay.elapsed().toMillis(),
                replay.stopReason());

        deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (acceptedCount(orderIds).size() < orderIds.size() || approximate(queueUrl) > 0) {
            check(System.nanoTime() < deadline, "the replayed orders were not accepted in 20 s");
            Poll poll = poll(worker, queueUrl, queueArn);
            if (poll.received > 0) {
                invocations++;
                failedRecords += poll.failed;
                System.out.printf("   invocation %2d: %2d records, %d failed%n", invocations, poll.received,
                        poll.failed);
            }
        }
        Map<String, Integer> accepted = acceptedCount(orderIds);
        check(accepted.size() == orderIds.size() && accepted.values().stream().allMatch(n -> n == 1),
                "expected one OrderAccepted per order, got " + accepted);
        check(approximate(dlqUrl) == 0, "the DLQ is not empty after the replay");
        System.out.printf("   checked: %d orders, %d OrderAccepted events, exactly one per order; queue and DLQ "
                + "empty%n", orderIds.size(), accepted.values().stream().mapToInt(Integer::intValue).sum());
        counts.put("worker: orders sent (+ duplicate) / accepted exactly once", orderIds.size() + " (+1) / "
                + accepted.size());
        counts.put("worker: invocations / failed records", invocations + " / " + failedRecords);
        counts.put("worker: moved to DLQ and replayed", String.valueOf(replay.moved()));
        counts.put("replay progress lines", String.valueOf(progressLines.size()));
    }

    private static String orderMessage(String orderId) {
        return "{\"orderId\":\"" + orderId + "\",\"customerId\":\"c-1\",\"items\":[{\"sku\":\"sku-1\",\"quantity\":2}]}";
    }

    private Map<String, Integer> acceptedCount(List<String> orderIds) {
        Map<String, Integer> accepted = new HashMap<>();
        events.receivedEntries().stream().filter(e -> e.detailType().equals("OrderAccepted")).forEach(e -> {
            for (String id : orderIds) {
                if (e.detail().contains("\"" + id + "\"")) {
                    accepted.merge(id, 1, Integer::sum);
                }
            }
        });
        return accepted;
    }

    private record Poll(int received, int failed) {}

    /** One poll of a stand-in for Lambda's SQS event source mapping: receive, invoke, delete what succeeded. */
    private Poll poll(OrderWorkerHandler worker, String queueUrl, String queueArn) {
        List<Message> received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        if (received.isEmpty()) {
            return new Poll(0, 0);
        }
        BatchResponse response = invoke(worker, Events.write(SqsEvents.fromReceived(received, queueArn)),
                "order-worker", BatchResponse.class);
        Set<String> failed = new HashSet<>();
        response.batchItemFailures().forEach(f -> failed.add(f.itemIdentifier()));
        List<DeleteMessageBatchRequestEntry> done = received.stream().filter(m -> !failed.contains(m.messageId()))
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle())
                        .build())
                .toList();
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
        }
        return new Poll(received.size(), failed.size());
    }

    private int approximate(String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private String arn(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    // ---------------------------------------------------------------- 4. faults

    /** What the handlers rely on beneath their own retries: the SDK retrying throttling, seen through the proxy. */
    private void faults() {
        System.out.println("4. Faults: throttled DynamoDB responses injected by the fault proxy");
        CallRecorder calls = new CallRecorder();
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.dynamoDb());
                DynamoDbClient throttled = proxy.configure(DynamoDbClient.builder(), calls).build()) {
            proxy.failNext("PutItem", 2, Fault.throttling());
            throttled.putItem(b -> b.tableName(ORDERS_TABLE).item(Map.of("orderId", AttributeValue.fromS("fault-1"))));
            check(calls.calls("PutItem") == 1 && calls.attempts("PutItem") == 3,
                    "expected 1 PutItem call in 3 attempts, got " + calls);
        }
        check(dynamoDb.getItem(b -> b.tableName(ORDERS_TABLE).consistentRead(true)
                .key(Map.of("orderId", AttributeValue.fromS("fault-1")))).hasItem(), "fault-1 was not stored");
        System.out.println("   2 throttled PutItem responses: the SDK retried, 1 call in 3 attempts, the item stored");
        counts.put("SDK retries of injected throttling (call / attempts)", "1 / 3");
    }

    // ---------------------------------------------------------------- the HTML report

    private record Photo(String key, String original, String originalSize, List<String> thumbnails, String millis) {}

    private Photo savePhoto(String key, byte[] original, List<String> thumbnailKeys, String millis) {
        try {
            Files.createDirectories(outputDir.resolve("img"));
            String base = "img/" + (photos.size() + 1);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(original));
            check(image != null, key + ": the original does not decode for the report");
            String originalFile = base + "-original.jpg";
            ImageIO.write(downscale(image, 480), "jpg", outputDir.resolve(originalFile).toFile());
            List<String> thumbnailFiles = new ArrayList<>();
            for (String thumbKey : thumbnailKeys) {
                String file = base + "-" + thumbKey.split("/")[1] + "." + extension(thumbKey);
                Files.write(outputDir.resolve(file), s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(thumbKey))
                        .asByteArray());
                thumbnailFiles.add(file);
            }
            return new Photo(key, originalFile, image.getWidth() + "x" + image.getHeight(), thumbnailFiles, millis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeHtml() {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>serverless4j local demo</title>
                <style>body{font-family:sans-serif;margin:2em}td,th{padding:4px 10px;text-align:left;
                vertical-align:middle;border-bottom:1px solid #ddd}img{border:1px solid #ccc}</style></head><body>
                <h1>serverless4j local demo</h1>
                <h2>Thumbnails beside their originals</h2>
                <table><tr><th>upload (key)</th><th>original (downscaled for this page)</th><th>thumb/320</th>
                <th>thumb/square</th><th>invocation</th></tr>
                """);
        for (Photo photo : photos) {
            html.append("<tr><td>").append(escape(photo.key())).append("<br>").append(photo.originalSize())
                    .append("</td><td><img src=\"").append(photo.original()).append("\" width=\"240\"></td>");
            for (String thumbnail : photo.thumbnails()) {
                html.append("<td><img src=\"").append(thumbnail).append("\"></td>");
            }
            html.append("<td>").append(photo.millis()).append("</td></tr>\n");
        }
        html.append("</table>\n<h2>Counts</h2>\n<table>\n");
        counts.forEach((k, v) -> html.append("<tr><td>").append(escape(k)).append("</td><td>").append(escape(v))
                .append("</td></tr>\n"));
        html.append("</table>\n<h2>Timings</h2>\n<table>\n");
        timings.forEach((k, v) -> html.append("<tr><td>").append(escape(k)).append("</td><td>").append(v)
                .append("</td></tr>\n"));
        html.append("</table>\n</body></html>\n");
        try {
            Files.createDirectories(outputDir);
            Files.writeString(outputDir.resolve("report.html"), html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Invokes a handler as the Lambda runtime does: JSON bytes in, JSON bytes out, parsed as {@code type}. */
    private static <T> T invoke(RequestStreamHandler handler, String event, String functionName, Class<T> type) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Context context = TestLambdaContext.withRemainingTime(LAMBDA_TIMEOUT).withFunctionName(functionName);
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Events.parse(output.toByteArray(), type);
    }

    private void createTable(String name, String key) {
        LocalDynamoDb.createTableAndWait(dynamoDb, name, key);
    }

    private static byte[] generatedJpeg(int width, int height, Color from, Color to) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, from, width, height, to));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(255, 255, 255, 200));
        g.fillOval(width / 3, height / 4, width / 3, width / 3);
        g.setColor(new Color(0, 0, 0, 120));
        for (int x = 0; x < width; x += Math.max(8, width / 20)) {
            g.drawLine(x, height, x + width / 4, height * 2 / 3);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            check(ImageIO.write(image, "jpg", out), "no JPEG writer in this JDK");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static BufferedImage downscale(BufferedImage image, int maxSide) {
        double scale = Math.min(1.0, (double) maxSide / Math.max(image.getWidth(), image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return small;
    }

    private static byte[] readAllBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String extension(String key) {
        String ext = key.substring(key.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
        return ext.equals("jpg") ? "jpeg" : ext;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String seconds(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }

    private static <T extends LocalEndpoint> T timed(String label, Supplier<T> starter) {
        long t0 = System.nanoTime();
        T endpoint = starter.get();
        System.out.printf("  %-36s %-26s started in %.1f s%n", label, endpoint.endpoint(), (System.nanoTime() - t0) / 1e9);
        return endpoint;
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException("check failed: " + failure);
        }
    }
}
