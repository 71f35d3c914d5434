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
import io.serverless4j.core.Invocation;
import io.serverless4j.core.MdcScope;
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
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ready Lambda handler for S3-triggered thumbnails. It takes every way S3 uploads reach a function — a direct S3
 * event notification ({@code ObjectCreated:*} records; other records are ignored), an EventBridge
 * {@code Object Created} event from S3, S3 notifications through SNS, or an SQS batch whose messages carry any of
 * these — runs {@link S3ThumbnailProcessor} on the objects within the invocation's time, and answers a
 * {@link ThumbnailReport} (for SQS, a partial-batch {@link BatchResponse}). A bad image is reported (and logged) but
 * not retried: it would fail the same way every time. When an object failed in a way a retry can fix — an AWS
 * failure, the deadline, or not started because too little time was left — the direct, EventBridge and SNS triggers
 * throw {@link RetryableThumbnailException} after trying every object, so that Lambda's asynchronous retries run
 * the event again and finally send it to the on-failure destination; from SQS, that message is reported as a batch
 * item failure instead, so SQS delivers it again and, after the queue's {@code maxReceiveCount}, moves it to the
 * DLQ.
 *
 * <pre>{@code
 * public final class Thumbnails extends S3ThumbnailHandler {
 *     static final S3ThumbnailProcessor PROCESSOR = S3ThumbnailProcessor.builder()
 *             .s3Client(S3Client.create()).dynamoDbClient(DynamoDbClient.create())
 *             .eventBridgeClient(EventBridgeClient.create())
 *             .tableName(System.getenv("THUMBNAIL_TABLE")).thumbnailer(THUMBNAILER).build();
 *
 *     public Thumbnails() {
 *         super(PROCESSOR, Set.of(System.getenv("PHOTO_BUCKET")));
 *     }
 * }
 * }</pre>
 *
 * <p>Logging: SLF4J, inside an {@link MdcScope} with the invocation's keys, {@code s3Key} and, from SQS,
 * {@code messageId}; one line per object (INFO, WARN when it will be retried, ERROR for a bad image).
 *
 * <p>Thread-safe and stateless beyond its processor; Lambda makes one instance per execution environment. It is
 * configured by its constructor only (a processor and a bucket set), so it has no builder.
 */
@SuppressWarnings("try") // MdcScope is opened for its effect on the MDC, never referenced
public class S3ThumbnailHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(S3ThumbnailHandler.class);
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
     * Reads the event (any of the triggers above), handles it within the invocation's time and writes the answer as
     * JSON. Called by the Lambda runtime.
     *
     * @param input a direct S3 notification, an EventBridge event, an SNS event or an SQS event
     * @param output where the report (for SQS, the partial-batch response) goes
     * @param context the Lambda context, whose deadline bounds the work; null outside Lambda (no deadline)
     * @throws EventParseException when the input is none of these events
     * @throws RetryableThumbnailException when an object of a direct, EventBridge or SNS event failed (or was not
     *     started) in a way a retry can fix
     */
    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) {
        Invocation invocation = Invocation.of(context);
        try (MdcScope mdc = MdcScope.open(invocation)) {
            byte[] json;
            try {
                json = input.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("reading the Lambda event failed", e);
            }
            Trigger trigger = Trigger.of(json);
            Object answer = trigger == Trigger.SQS
                    ? handle(Events.parse(json, SqsEvent.class), invocation)
                    : report(objectsOf(json, trigger), invocation);
            Events.write(answer, output);
        }
    }

    /**
     * Handles an SQS batch whose message bodies are S3 notifications, EventBridge S3 events or SNS messages carrying
     * S3 notifications (S3, an EventBridge rule or an SNS subscription sending to the queue). A message is reported
     * failed — so SQS delivers it again, and after {@code maxReceiveCount} moves it to the DLQ, where nothing is
     * lost — when one of its objects failed in a way a retry can fix, was not started because too little time was
     * left, or when its body is neither kind of event. Messages with only bad images succeed: a retry cannot help
     * them. S3's {@code s3:TestEvent} (sent when a notification to a queue is configured) succeeds. The function's
     * event source mapping needs {@code ReportBatchItemFailures}.
     *
     * @param event the batch
     * @param context the Lambda context, whose deadline bounds the work; null outside Lambda (no deadline)
     * @return the message ids to deliver again
     */
    public BatchResponse handle(SqsEvent event, Context context) {
        Invocation invocation = Invocation.of(context);
        try (MdcScope mdc = MdcScope.open(invocation)) {
            return handle(event, invocation);
        }
    }

    private BatchResponse handle(SqsEvent event, Invocation invocation) {
        List<S3ObjectRef> objects = new ArrayList<>();
        List<String> messageOfObject = new ArrayList<>();
        Set<String> retry = new HashSet<>();
        for (SqsMessage message : event.records()) {
            byte[] body = message.body().getBytes(StandardCharsets.UTF_8);
            try {
                for (S3ObjectRef object : objectsOf(body, Trigger.of(body))) {
                    objects.add(object);
                    messageOfObject.add(message.messageId());
                }
            } catch (EventParseException | IllegalArgumentException e) {
                try (MdcScope mdc = MdcScope.open(invocation).put(MdcScope.MESSAGE_ID, message.messageId())) {
                    LOG.error("the message is not an S3 notification or an EventBridge S3 event, so it is kept for "
                            + "the DLQ: {}", e.getMessage());
                }
                retry.add(message.messageId());
            }
        }
        List<ThumbnailOutcome> outcomes = run(objects, messageOfObject, invocation);
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i).retryable()) {
                retry.add(messageOfObject.get(i));
            }
        }
        List<String> failed = event.records().stream().map(SqsMessage::messageId).filter(retry::contains).toList();
        return failed.isEmpty() ? BatchResponse.allSucceeded() : BatchResponse.failed(failed);
    }

    /**
     * Handles a direct S3 notification.
     *
     * @param event the notification
     * @param context the Lambda context, whose deadline bounds the work; null outside Lambda (no deadline)
     * @return one entry per {@code ObjectCreated} record
     * @throws RetryableThumbnailException when an object failed (or was not started) in a way a retry can fix
     */
    public ThumbnailReport handle(S3Event event, Context context) {
        return report(S3ObjectRef.fromNotification(event), context);
    }

    /**
     * Handles an EventBridge event; anything but an S3 {@code Object Created} event gives an empty report.
     *
     * @param event the event
     * @param context the Lambda context, whose deadline bounds the work; null outside Lambda (no deadline)
     * @return one entry, or none
     * @throws RetryableThumbnailException when the object failed (or was not started) in a way a retry can fix
     */
    public ThumbnailReport handle(EventBridgeEvent event, Context context) {
        Invocation invocation = Invocation.of(context);
        try (MdcScope mdc = MdcScope.open(invocation)) {
            return report(objectsOf(event), invocation);
        }
    }

    /**
     * Handles S3 notifications delivered through SNS (S3 → SNS → Lambda): each record's message is an S3
     * notification.
     *
     * @param event the SNS event
     * @param context the Lambda context, whose deadline bounds the work; null outside Lambda (no deadline)
     * @return one entry per created object
     * @throws EventParseException when a message is not an S3 notification
     * @throws RetryableThumbnailException when an object failed (or was not started) in a way a retry can fix
     */
    public ThumbnailReport handle(SnsEvent event, Context context) {
        Invocation invocation = Invocation.of(context);
        try (MdcScope mdc = MdcScope.open(invocation)) {
            return report(objectsOf(event), invocation);
        }
    }

    private ThumbnailReport report(List<S3ObjectRef> objects, Context context) {
        Invocation invocation = Invocation.of(context);
        try (MdcScope mdc = MdcScope.open(invocation)) {
            return report(objects, invocation);
        }
    }

    private static List<S3ObjectRef> objectsOf(EventBridgeEvent event) {
        List<S3ObjectRef> objects = S3ObjectRef.fromEventBridge(event).stream().toList();
        if (objects.isEmpty()) {
            LOG.warn("ignored an EventBridge event that is not an S3 Object Created event: source {}, detail-type {}",
                    event.source(), event.detailType());
        }
        return objects;
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

    private ThumbnailReport report(List<S3ObjectRef> objects, Invocation invocation) {
        List<ThumbnailOutcome> outcomes = run(objects, null, invocation);
        List<ThumbnailOutcome> retryable = outcomes.stream().filter(ThumbnailOutcome::retryable).toList();
        if (!retryable.isEmpty()) {
            throw new RetryableThumbnailException(retryable);
        }
        return ThumbnailReport.of(outcomes);
    }

    /**
     * Processes every object of this function's buckets in one call (so the processor's rule for starting objects
     * sees them all), reports the others skipped, and logs each outcome.
     *
     * @param messageIds the SQS message of each object, or null
     */
    private List<ThumbnailOutcome> run(List<S3ObjectRef> objects, List<String> messageIds, Invocation invocation) {
        ThumbnailOutcome[] outcomes = new ThumbnailOutcome[objects.size()];
        List<S3ObjectRef> ours = new ArrayList<>(objects.size());
        List<Integer> positions = new ArrayList<>(objects.size());
        for (int i = 0; i < objects.size(); i++) {
            S3ObjectRef object = objects.get(i);
            if (buckets.isEmpty() || buckets.contains(object.bucket())) {
                ours.add(object);
                positions.add(i);
            } else {
                outcomes[i] = new ThumbnailOutcome(object, ThumbnailOutcome.Status.SKIPPED, List.of(),
                        "the bucket is not one this function handles " + buckets, null);
            }
        }
        List<ThumbnailOutcome> processed = processor.processAll(ours, invocation);
        for (int j = 0; j < processed.size(); j++) {
            outcomes[positions.get(j)] = processed.get(j);
        }
        for (int i = 0; i < outcomes.length; i++) {
            ThumbnailOutcome outcome = outcomes[i];
            try (MdcScope mdc = MdcScope.open(invocation).put(MdcScope.S3_KEY, outcome.object().key())
                    .put(MdcScope.MESSAGE_ID, messageIds == null ? null : messageIds.get(i))) {
                if (outcome.retryable()) {
                    LOG.warn("will retry {}: {}", outcome.object().uri(), outcome.detail());
                } else if (outcome.status() == ThumbnailOutcome.Status.FAILED) {
                    LOG.error("no thumbnails for {} (not retried): {}", outcome.object().uri(), outcome.detail());
                } else {
                    LOG.info("{} {}", outcome.status(), outcome.object().uri());
                }
            }
        }
        return Arrays.asList(outcomes);
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
