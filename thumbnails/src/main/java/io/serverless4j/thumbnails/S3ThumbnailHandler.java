/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.serverless4j.events.EventParseException;
import io.serverless4j.events.Events;
import io.serverless4j.events.eventbridge.EventBridgeEvent;
import io.serverless4j.events.s3.S3Event;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A ready Lambda handler for S3-triggered thumbnails. It takes either kind of S3 trigger — a direct S3 event
 * notification ({@code ObjectCreated:*} records; other records are ignored) or an EventBridge {@code Object Created}
 * event from S3 — runs {@link S3ThumbnailProcessor} on each object, and answers a {@link ThumbnailReport}. A bad
 * image is reported (and logged) but not retried: it would fail the same way every time. When any object failed in
 * a way a retry can fix, it throws {@link RetryableThumbnailException} after trying every object, so that Lambda's
 * asynchronous retries run the event again and finally send it to the on-failure destination.
 *
 * <pre>{@code
 * public final class Thumbnails extends S3ThumbnailHandler {
 *     static final S3ThumbnailProcessor PROCESSOR = S3ThumbnailProcessor.builder()
 *             .s3(S3Client.create()).dynamoDb(DynamoDbClient.create()).eventBridge(EventBridgeClient.create())
 *             .tableName(System.getenv("THUMBNAIL_TABLE")).thumbnailer(THUMBNAILER).build();
 *
 *     public Thumbnails() {
 *         super(PROCESSOR, Set.of(System.getenv("PHOTO_BUCKET")));
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safe and stateless beyond its processor; Lambda makes one instance per execution environment.
 */
public class S3ThumbnailHandler implements RequestStreamHandler {

    private static final System.Logger LOG = System.getLogger(S3ThumbnailHandler.class.getName());
    private static final JsonFactory JSON = new JsonFactory();

    private final S3ThumbnailProcessor processor;
    private final Set<String> buckets;

    /**
     * A handler for objects of any bucket.
     *
     * @param processor what makes the thumbnails
     */
    public S3ThumbnailHandler(S3ThumbnailProcessor processor) {
        this(processor, Set.of());
    }

    /**
     * A handler for objects of these buckets only; objects of other buckets are reported {@code SKIPPED} without an
     * AWS call (the function's IAM policy should cover only these buckets anyway).
     *
     * @param processor what makes the thumbnails
     * @param buckets the buckets to handle; empty for any
     */
    public S3ThumbnailHandler(S3ThumbnailProcessor processor, Set<String> buckets) {
        this.processor = Objects.requireNonNull(processor, "processor");
        this.buckets = Set.copyOf(buckets);
    }

    /**
     * Reads the event (either trigger), handles it and writes the report as JSON. Called by the Lambda runtime.
     *
     * @param input a direct S3 notification or an EventBridge event
     * @param output where the report goes
     * @param context the Lambda context (unused)
     * @throws EventParseException when the input is neither kind of event
     * @throws RetryableThumbnailException when an object failed in a way a retry can fix
     */
    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) {
        byte[] json;
        try {
            json = input.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ThumbnailReport report = isNotification(json)
                ? handle(Events.parse(json, S3Event.class))
                : handle(Events.parse(json, EventBridgeEvent.class));
        Events.write(report, output);
    }

    /**
     * Handles a direct S3 notification.
     *
     * @param event the notification
     * @return one entry per {@code ObjectCreated} record
     * @throws RetryableThumbnailException when an object failed in a way a retry can fix
     */
    public ThumbnailReport handle(S3Event event) {
        return process(S3ObjectRef.fromNotification(event));
    }

    /**
     * Handles an EventBridge event; anything but an S3 {@code Object Created} event gives an empty report.
     *
     * @param event the event
     * @return one entry, or none
     * @throws RetryableThumbnailException when the object failed in a way a retry can fix
     */
    public ThumbnailReport handle(EventBridgeEvent event) {
        List<S3ObjectRef> objects = S3ObjectRef.fromEventBridge(event).stream().toList();
        if (objects.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "ignored an EventBridge event that is not an S3 Object Created "
                    + "event: source {0}, detail-type {1}", event.source(), event.detailType());
        }
        return process(objects);
    }

    private ThumbnailReport process(List<S3ObjectRef> objects) {
        List<ThumbnailOutcome> outcomes = new ArrayList<>(objects.size());
        List<ThumbnailOutcome> retryable = new ArrayList<>();
        for (S3ObjectRef object : objects) {
            ThumbnailOutcome outcome = buckets.isEmpty() || buckets.contains(object.bucket())
                    ? processor.process(object)
                    : new ThumbnailOutcome(object, ThumbnailOutcome.Status.SKIPPED, List.of(),
                            "the bucket is not one this function handles " + buckets, null);
            outcomes.add(outcome);
            if (outcome.retryable()) {
                retryable.add(outcome);
                LOG.log(System.Logger.Level.WARNING, "will retry {0}: {1}", object.uri(), outcome.detail());
            } else if (outcome.status() == ThumbnailOutcome.Status.FAILED) {
                LOG.log(System.Logger.Level.ERROR, "no thumbnails for {0} (not retried): {1}", object.uri(),
                        outcome.detail());
            } else {
                LOG.log(System.Logger.Level.INFO, "{0} {1}", outcome.status(), object.uri());
            }
        }
        if (!retryable.isEmpty()) {
            throw new RetryableThumbnailException(retryable);
        }
        return ThumbnailReport.of(outcomes);
    }

    /** Whether the event is a direct S3 notification ({@code {"Records": [...]}}), from its top-level fields. */
    private static boolean isNotification(byte[] json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false; // let the EventBridge parser name what is wrong
            }
            for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
                if ("Records".equals(parser.currentName())) {
                    return true;
                }
                parser.nextToken();
                parser.skipChildren();
            }
            return false;
        } catch (IOException e) {
            return false; // malformed JSON: the parser that follows reports it with its position
        }
    }
}
