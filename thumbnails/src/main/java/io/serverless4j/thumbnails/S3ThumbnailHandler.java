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
import io.serverless4j.events.BatchResponse;
import io.serverless4j.events.EventParseException;
import io.serverless4j.events.Events;
import io.serverless4j.events.eventbridge.EventBridgeEvent;
import io.serverless4j.events.s3.S3Event;
import io.serverless4j.events.sns.SnsEvent;
import io.serverless4j.events.sns.SnsNotification;
import io.serverless4j.events.sqs.SqsEvent;
import io.serverless4j.events.sqs.SqsMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A ready Lambda handler for S3-triggered thumbnails. It takes every way S3 uploads reach a function — a direct S3
 * event notification ({@code ObjectCreated:*} records; other records are ignored), an EventBridge
 * {@code Object Created} event from S3, S3 notifications through SNS, or an SQS batch whose messages carry any of
 * these — runs
 * {@link S3ThumbnailProcessor} on each object, and answers a {@link ThumbnailReport} (for SQS, a partial-batch
 * {@link BatchResponse}). A bad image is reported (and logged) but not retried: it would fail the same way every
 * time. When an object failed in a way a retry can fix, the direct and EventBridge triggers throw
 * {@link RetryableThumbnailException} after trying every object, so that Lambda's asynchronous retries run the event
 * again and finally send it to the on-failure destination; from SQS, that message is reported as a batch item
 * failure instead, so SQS delivers it again and, after the queue's {@code maxReceiveCount}, moves it to the DLQ.
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
     * Reads the event (any of the triggers above), handles it and writes the answer as JSON. Called by the Lambda
     * runtime.
     *
     * @param input a direct S3 notification, an EventBridge event, an SNS event or an SQS event
     * @param output where the report (for SQS, the partial-batch response) goes
     * @param context the Lambda context (unused)
     * @throws EventParseException when the input is none of these events
     * @throws RetryableThumbnailException when an object of a direct, EventBridge or SNS event failed in a way a
     *     retry can fix
     */
    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) {
        byte[] json;
        try {
            json = input.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Trigger trigger = Trigger.of(json);
        Object answer = trigger == Trigger.SQS
                ? handle(Events.parse(json, SqsEvent.class))
                : process(objectsOf(json, trigger));
        Events.write(answer, output);
    }

    /**
     * Handles an SQS batch whose message bodies are S3 notifications, EventBridge S3 events or SNS messages carrying
     * S3 notifications (S3, an EventBridge rule or an SNS subscription sending to the queue). A message is reported failed — so SQS delivers it again, and after
     * {@code maxReceiveCount} moves it to the DLQ, where nothing is lost — when one of its objects failed in a way a
     * retry can fix, or when its body is neither kind of event. Messages with only bad images succeed: a retry
     * cannot help them. S3's {@code s3:TestEvent} (sent when a notification to a queue is configured) succeeds.
     * The function's event source mapping needs {@code ReportBatchItemFailures}.
     *
     * @param event the batch
     * @return the message ids to deliver again
     */
    public BatchResponse handle(SqsEvent event) {
        List<String> failed = new ArrayList<>();
        for (SqsMessage message : event.records()) {
            byte[] body = message.body().getBytes(StandardCharsets.UTF_8);
            List<S3ObjectRef> objects;
            try {
                objects = objectsOf(body, Trigger.of(body));
            } catch (EventParseException | IllegalArgumentException e) {
                LOG.log(System.Logger.Level.ERROR, "message {0} is not an S3 notification or an EventBridge S3 "
                        + "event, so it is kept for the DLQ: {1}", message.messageId(), e.getMessage());
                failed.add(message.messageId());
                continue;
            }
            if (run(objects).stream().anyMatch(ThumbnailOutcome::retryable)) {
                failed.add(message.messageId());
            }
        }
        return failed.isEmpty() ? BatchResponse.allSucceeded() : BatchResponse.failed(failed);
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
        return process(objectsOf(event));
    }

    private static List<S3ObjectRef> objectsOf(EventBridgeEvent event) {
        List<S3ObjectRef> objects = S3ObjectRef.fromEventBridge(event).stream().toList();
        if (objects.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "ignored an EventBridge event that is not an S3 Object Created "
                    + "event: source {0}, detail-type {1}", event.source(), event.detailType());
        }
        return objects;
    }

    /**
     * Handles S3 notifications delivered through SNS (S3 → SNS → Lambda): each record's message is an S3
     * notification.
     *
     * @param event the SNS event
     * @return one entry per created object
     * @throws EventParseException when a message is not an S3 notification
     * @throws RetryableThumbnailException when an object failed in a way a retry can fix
     */
    public ThumbnailReport handle(SnsEvent event) {
        return process(objectsOf(event));
    }

    private static List<S3ObjectRef> objectsOf(SnsEvent event) {
        List<S3ObjectRef> objects = new ArrayList<>();
        for (SnsEvent.Record record : event.records()) {
            byte[] message = record.sns().message().getBytes(StandardCharsets.UTF_8);
            objects.addAll(objectsOf(message, Trigger.of(message)));
        }
        return objects;
    }

    /** The created objects an event names; an SNS envelope or SNS event is unwrapped. Not for SQS batches. */
    private static List<S3ObjectRef> objectsOf(byte[] json, Trigger trigger) {
        return switch (trigger) {
            case S3 -> S3ObjectRef.fromNotification(Events.parse(json, S3Event.class));
            case EVENT_BRIDGE -> objectsOf(Events.parse(json, EventBridgeEvent.class));
            case S3_TEST -> List.of();
            case SNS_ENVELOPE -> {
                byte[] message = Events.parse(json, SnsNotification.class).message().getBytes(StandardCharsets.UTF_8);
                Trigger inner = Trigger.of(message);
                if (inner == Trigger.SQS || inner == Trigger.SNS || inner == Trigger.SNS_ENVELOPE) {
                    throw new IllegalArgumentException("the SNS message is not an S3 notification");
                }
                yield objectsOf(message, inner);
            }
            case SNS -> objectsOf(Events.parse(json, SnsEvent.class));
            case SQS -> throw new IllegalArgumentException("an SQS event where an S3 event was expected");
        };
    }

    private ThumbnailReport process(List<S3ObjectRef> objects) {
        List<ThumbnailOutcome> outcomes = run(objects);
        List<ThumbnailOutcome> retryable = outcomes.stream().filter(ThumbnailOutcome::retryable).toList();
        if (!retryable.isEmpty()) {
            throw new RetryableThumbnailException(retryable);
        }
        return ThumbnailReport.of(outcomes);
    }

    /** Processes every object (those of other buckets skipped) and logs each outcome. */
    private List<ThumbnailOutcome> run(List<S3ObjectRef> objects) {
        List<ThumbnailOutcome> outcomes = new ArrayList<>(objects.size());
        for (S3ObjectRef object : objects) {
            ThumbnailOutcome outcome = buckets.isEmpty() || buckets.contains(object.bucket())
                    ? processor.process(object)
                    : new ThumbnailOutcome(object, ThumbnailOutcome.Status.SKIPPED, List.of(),
                            "the bucket is not one this function handles " + buckets, null);
            outcomes.add(outcome);
            if (outcome.retryable()) {
                LOG.log(System.Logger.Level.WARNING, "will retry {0}: {1}", object.uri(), outcome.detail());
            } else if (outcome.status() == ThumbnailOutcome.Status.FAILED) {
                LOG.log(System.Logger.Level.ERROR, "no thumbnails for {0} (not retried): {1}", object.uri(),
                        outcome.detail());
            } else {
                LOG.log(System.Logger.Level.INFO, "{0} {1}", outcome.status(), object.uri());
            }
        }
        return outcomes;
    }

    /** Which event arrived, told from its shape without parsing it all. */
    private enum Trigger {
        S3, S3_TEST, EVENT_BRIDGE, SQS, SNS, SNS_ENVELOPE;

        /**
         * {@code {"Records": [...]}} is an S3 notification, an SQS batch or an SNS event, told apart by the first
         * record's {@code eventSource} ({@code EventSource} for SNS); {@code "Event": "s3:TestEvent"} is S3's test
         * message; {@code "Type": "Notification"} is an SNS message as SNS delivers it to a queue; anything else is
         * left to the EventBridge parser, which names what is wrong with it.
         */
        static Trigger of(byte[] json) {
            try (JsonParser parser = JSON.createParser(json)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return EVENT_BRIDGE;
                }
                for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if ("Records".equals(field)) {
                        String source = value == JsonToken.START_ARRAY && parser.nextToken() == JsonToken.START_OBJECT
                                ? firstRecordSource(parser) : null;
                        return "aws:sqs".equals(source) ? SQS : "aws:sns".equals(source) ? SNS : S3;
                    }
                    if ("Type".equals(field) && value == JsonToken.VALUE_STRING
                            && "Notification".equals(parser.getText())) {
                        return SNS_ENVELOPE;
                    }
                    if ("Event".equals(field) && value == JsonToken.VALUE_STRING
                            && "s3:TestEvent".equals(parser.getText())) {
                        return S3_TEST;
                    }
                    parser.skipChildren();
                }
                return EVENT_BRIDGE;
            } catch (IOException e) {
                return EVENT_BRIDGE; // malformed JSON: the parser that follows reports it with its position
            }
        }

        private static String firstRecordSource(JsonParser parser) throws IOException {
            for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (("eventSource".equals(field) || "EventSource".equals(field)) && value == JsonToken.VALUE_STRING) {
                    return parser.getText();
                }
                parser.skipChildren();
            }
            return null;
        }
    }
}
