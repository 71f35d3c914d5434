/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.internal;

import static io.serverless4j.events.internal.JsonIn.apiGatewayTime;
import static io.serverless4j.events.internal.JsonIn.bool;
import static io.serverless4j.events.internal.JsonIn.epochMillis;
import static io.serverless4j.events.internal.JsonIn.epochSeconds;
import static io.serverless4j.events.internal.JsonIn.isoInstant;
import static io.serverless4j.events.internal.JsonIn.list;
import static io.serverless4j.events.internal.JsonIn.longValue;
import static io.serverless4j.events.internal.JsonIn.map;
import static io.serverless4j.events.internal.JsonIn.startObjectOrNull;
import static io.serverless4j.events.internal.JsonIn.string;
import static io.serverless4j.events.internal.JsonIn.stringList;
import static io.serverless4j.events.internal.JsonIn.stringMap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.serverless4j.events.EventParseException;
import io.serverless4j.events.apigateway.ApiGatewayV1ProxyEvent;
import io.serverless4j.events.apigateway.ApiGatewayV2HttpEvent;
import io.serverless4j.events.dynamodb.AttributeValue;
import io.serverless4j.events.dynamodb.DynamoDbStreamEvent;
import io.serverless4j.events.eventbridge.EventBridgeEvent;
import io.serverless4j.events.eventbridge.ScheduledEvent;
import io.serverless4j.events.kinesis.KinesisEvent;
import io.serverless4j.events.s3.S3Event;
import io.serverless4j.events.s3.S3ObjectEventDetail;
import io.serverless4j.events.sns.SnsEvent;
import io.serverless4j.events.sns.SnsMessageAttribute;
import io.serverless4j.events.sns.SnsNotification;
import io.serverless4j.events.sqs.SqsEvent;
import io.serverless4j.events.sqs.SqsMessage;
import io.serverless4j.events.sqs.SqsMessageAttribute;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Hand-written streaming readers for the event types, over jackson-core's streaming {@link JsonParser}.
 *
 * <p>Why not data binding: an event is parsed once per invocation and often on a cold start, where building
 * Jackson's bean deserializers for a few dozen record types costs more than the parse itself, and warm parsing
 * through record creators is slower than the Lambda runtime's own path. These readers make no ObjectMapper, keep
 * the records' compact constructors as the only validation, and report errors with the same messages as the
 * data-binding path (the JSON path comes from the parser's parsing context). The Jackson annotations on the records
 * still drive writing and any data binding of the records inside user types.
 */
public final class EventReaders {

    private EventReaders() {
    }

    // Readers as constants of one small class rather than method references: the first lambda in a JVM costs
    // milliseconds of invokedynamic bootstrap, which would land on every cold start.
    static final JsonIn.ValueReader<ApiGatewayV1ProxyEvent> API_V1_EVENT = new Dispatch<>(0);
    static final JsonIn.ValueReader<ApiGatewayV2HttpEvent> API_V2_EVENT = new Dispatch<>(1);
    static final JsonIn.ValueReader<AttributeValue> ATTRIBUTE_VALUE = new Dispatch<>(2);
    static final JsonIn.ValueReader<DynamoDbStreamEvent.Record> DYNAMO_DB_RECORD = new Dispatch<>(3);
    static final JsonIn.ValueReader<DynamoDbStreamEvent> DYNAMO_DB_STREAM_EVENT = new Dispatch<>(4);
    static final JsonIn.ValueReader<EventBridgeEvent> EVENT_BRIDGE_EVENT = new Dispatch<>(5);
    static final JsonIn.ValueReader<KinesisEvent> KINESIS_EVENT = new Dispatch<>(6);
    static final JsonIn.ValueReader<KinesisEvent.Record> KINESIS_RECORD = new Dispatch<>(7);
    static final JsonIn.ValueReader<S3Event> S3_EVENT = new Dispatch<>(8);
    static final JsonIn.ValueReader<S3ObjectEventDetail> S3_OBJECT_EVENT_DETAIL = new Dispatch<>(9);
    static final JsonIn.ValueReader<S3Event.Record> S3_RECORD = new Dispatch<>(10);
    static final JsonIn.ValueReader<ScheduledEvent> SCHEDULED_EVENT = new Dispatch<>(11);
    static final JsonIn.ValueReader<SnsEvent> SNS_EVENT = new Dispatch<>(12);
    static final JsonIn.ValueReader<SnsMessageAttribute> SNS_MESSAGE_ATTRIBUTE = new Dispatch<>(13);
    static final JsonIn.ValueReader<SnsNotification> SNS_NOTIFICATION = new Dispatch<>(14);
    static final JsonIn.ValueReader<SnsEvent.Record> SNS_RECORD = new Dispatch<>(15);
    static final JsonIn.ValueReader<SqsEvent> SQS_EVENT = new Dispatch<>(16);
    static final JsonIn.ValueReader<SqsMessage> SQS_MESSAGE = new Dispatch<>(17);
    static final JsonIn.ValueReader<SqsMessageAttribute> SQS_MESSAGE_ATTRIBUTE = new Dispatch<>(18);

    /** Calls one of the readers below, chosen by {@code kind}. Stateless; thread-safe. */
    private static final class Dispatch<T> implements JsonIn.ValueReader<T> {
        private final int kind;

        Dispatch(int kind) {
            this.kind = kind;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T read(JsonParser p) throws IOException {
            Object value = switch (kind) {
                case 0 -> apiV1Event(p);
                case 1 -> apiV2Event(p);
                case 2 -> attributeValue(p);
                case 3 -> dynamoDbRecord(p);
                case 4 -> dynamoDbStreamEvent(p);
                case 5 -> eventBridgeEvent(p);
                case 6 -> kinesisEvent(p);
                case 7 -> kinesisRecord(p);
                case 8 -> s3Event(p);
                case 9 -> s3ObjectEventDetail(p);
                case 10 -> s3Record(p);
                case 11 -> scheduledEvent(p);
                case 12 -> snsEvent(p);
                case 13 -> snsMessageAttribute(p);
                case 14 -> snsNotification(p);
                case 15 -> snsRecord(p);
                case 16 -> sqsEvent(p);
                case 17 -> sqsMessage(p);
                case 18 -> sqsMessageAttribute(p);
                default -> throw new IllegalStateException("no reader " + kind);
            };
            return (T) value;
        }
    }

    /**
     * Returns the reader for {@code type}, or null when the type is not an event type with a hand-written reader.
     */
    @SuppressWarnings("unchecked")
    public static <T> JsonIn.ValueReader<T> forType(Class<T> type) {
        JsonIn.ValueReader<?> reader;
        if (type == SqsEvent.class) {
            reader = SQS_EVENT;
        } else if (type == SqsMessage.class) {
            reader = SQS_MESSAGE;
        } else if (type == S3Event.class) {
            reader = S3_EVENT;
        } else if (type == ApiGatewayV2HttpEvent.class) {
            reader = API_V2_EVENT;
        } else if (type == ApiGatewayV1ProxyEvent.class) {
            reader = API_V1_EVENT;
        } else if (type == SnsEvent.class) {
            reader = SNS_EVENT;
        } else if (type == SnsNotification.class) {
            reader = SNS_NOTIFICATION;
        } else if (type == EventBridgeEvent.class) {
            reader = EVENT_BRIDGE_EVENT;
        } else if (type == ScheduledEvent.class) {
            reader = SCHEDULED_EVENT;
        } else if (type == S3ObjectEventDetail.class) {
            reader = S3_OBJECT_EVENT_DETAIL;
        } else if (type == DynamoDbStreamEvent.class) {
            reader = DYNAMO_DB_STREAM_EVENT;
        } else if (type == KinesisEvent.class) {
            reader = KINESIS_EVENT;
        } else {
            reader = null;
        }
        return (JsonIn.ValueReader<T>) reader;
    }

    /** Parses a whole JSON string with {@code reader}; {@code typeName} names it in errors. */
    public static <T> T read(String json, JsonIn.ValueReader<T> reader, String typeName) {
        JsonParser parser;
        try {
            parser = JsonParsers.open(json);
        } catch (IOException e) {
            throw new EventParseException(typeName, "$", "cannot read the input: " + e.getMessage(), e);
        }
        return read(parser, reader, typeName);
    }

    /** Parses one JSON value from a stream, read to its end, with {@code reader}; the stream is not closed. */
    public static <T> T read(InputStream json, JsonIn.ValueReader<T> reader, String typeName) {
        byte[] bytes;
        try {
            bytes = json.readAllBytes();
        } catch (IOException e) {
            throw new EventParseException(typeName, "$", "cannot read the input: " + e.getMessage(), e);
        }
        return read(bytes, reader, typeName);
    }

    /** Reads a JSON tree (e.g. an EventBridge detail) with {@code reader}. */
    public static <T> T read(JsonNode tree, JsonIn.ValueReader<T> reader, String typeName) {
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new EventParseException(typeName, "$", "cannot read the tree: " + e.getMessage(), e);
        }
        return read(bytes, reader, typeName);
    }

    /** Parses whole JSON bytes (UTF-8) with {@code reader}. */
    public static <T> T read(byte[] json, JsonIn.ValueReader<T> reader, String typeName) {
        JsonParser parser;
        try {
            parser = JsonParsers.open(json);
        } catch (JsonParsers.InvalidUtf8Exception e) {
            throw new EventParseException(typeName, "$", "malformed JSON: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new EventParseException(typeName, "$", "cannot read the input: " + e.getMessage(), e);
        }
        return read(parser, reader, typeName);
    }

    private static <T> T read(JsonParser parser, JsonIn.ValueReader<T> reader, String typeName) {
        // Closed in finally, not with try-with-resources: closing clears the parser's state, which the catch
        // blocks read to name the JSON path.
        try {
            if (parser.nextToken() == null) {
                throw new EventParseException(typeName, "$", "no JSON content", null);
            }
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                throw new EventParseException(typeName, "$", "expected a JSON value, found null", null);
            }
            T value = reader.read(parser);
            if (parser.nextToken() != null) {
                throw new EventParseException(typeName, "$", "malformed JSON: "
                        + ParseErrors.trailingContent(parser), null);
            }
            return value;
        } catch (JsonIn.MalformedValueException e) {
            throw new EventParseException(typeName, ParseErrors.pathOf(parser),
                    "malformed JSON: " + ParseErrors.malformed(e.malformed()), e.malformed());
        } catch (JsonProcessingException e) {
            throw new EventParseException(typeName, ParseErrors.malformedPathOf(parser),
                    "malformed JSON: " + ParseErrors.malformed(e), e);
        } catch (IOException e) {
            throw new EventParseException(typeName, "$", "cannot read the input: " + e.getMessage(), e);
        } catch (JsonIn.ShapeException e) {
            throw new EventParseException(typeName, ParseErrors.pathOf(parser), e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof FieldProblem problem) {
                // Thrown by a compact constructor right after the object closed: the path names the object, the
                // problem the field inside it.
                String path = ParseErrors.pathOf(parser);
                throw new EventParseException(typeName, "$".equals(path) ? problem.field()
                        : path + "." + problem.field(), problem.problem(), e);
            }
            throw e;
        } finally {
            closeQuietly(parser);
        }
    }

    private static void closeQuietly(JsonParser parser) {
        try {
            parser.close();
        } catch (IOException ignored) {
            // A parser over a String or char[] has nothing to close that can fail.
        }
    }

    /** Parses JSON text into a tree without an ObjectMapper; null when it is not one complete JSON value. */
    static JsonNode readTree(String json) {
        try (JsonParser parser = JsonParsers.open(json)) {
            if (parser.nextToken() == null) {
                return null;
            }
            JsonNode tree = JsonTrees.tree(parser);
            return parser.nextToken() == null ? tree : null;
        } catch (IOException | JsonIn.MalformedValueException | JsonIn.ShapeException e) {
            return null;
        }
    }

    // ---- SQS ----

    /**
     * Reads the {@code {"Records": [...]}} envelope that most event sources share, ignoring other fields.
     */
    private static <R, E> E records(JsonParser p, JsonIn.ValueReader<R> recordReader,
            java.util.function.Function<List<R>, E> envelope) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        List<R> records = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            if ("Records".equals(name)) {
                records = list(p, recordReader);
            } else {
                p.skipChildren();
            }
        }
        return envelope.apply(records);
    }

    static SqsEvent sqsEvent(JsonParser p) throws IOException {
        return records(p, SQS_MESSAGE, SqsEvent::new);
    }

    static SqsMessage sqsMessage(JsonParser p) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        String messageId = null;
        String receiptHandle = null;
        String body = null;
        Map<String, String> attributes = null;
        Map<String, SqsMessageAttribute> messageAttributes = null;
        String md5OfBody = null;
        String md5OfMessageAttributes = null;
        String eventSource = null;
        String eventSourceArn = null;
        String awsRegion = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "messageId" -> messageId = string(p);
                case "receiptHandle" -> receiptHandle = string(p);
                case "body" -> body = string(p);
                case "attributes" -> attributes = stringMap(p);
                case "messageAttributes" -> messageAttributes = map(p, SQS_MESSAGE_ATTRIBUTE);
                case "md5OfBody" -> md5OfBody = string(p);
                case "md5OfMessageAttributes" -> md5OfMessageAttributes = string(p);
                case "eventSource" -> eventSource = string(p);
                case "eventSourceARN" -> eventSourceArn = string(p);
                case "awsRegion" -> awsRegion = string(p);
                default -> p.skipChildren();
            }
        }
        return new SqsMessage(messageId, receiptHandle, body, attributes, messageAttributes, md5OfBody,
                md5OfMessageAttributes, eventSource, eventSourceArn, awsRegion);
    }

    static SqsMessageAttribute sqsMessageAttribute(JsonParser p) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        String dataType = null;
        String stringValue = null;
        String binaryValue = null;
        List<String> stringListValues = null;
        List<String> binaryListValues = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "dataType" -> dataType = string(p);
                case "stringValue" -> stringValue = string(p);
                case "binaryValue" -> binaryValue = string(p);
                case "stringListValues" -> stringListValues = stringList(p);
                case "binaryListValues" -> binaryListValues = stringList(p);
                default -> p.skipChildren();
            }
        }
        return new SqsMessageAttribute(dataType, stringValue, binaryValue, stringListValues, binaryListValues);
    }

    // ---- SNS ----

    static SnsEvent snsEvent(JsonParser p) throws IOException {
        return records(p, SNS_RECORD, SnsEvent::new);
    }

    static SnsEvent.Record snsRecord(JsonParser p) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        String eventVersion = null;
        String eventSubscriptionArn = null;
        String eventSource = null;
        SnsNotification sns = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "EventVersion" -> eventVersion = string(p);
                case "EventSubscriptionArn" -> eventSubscriptionArn = string(p);
                case "EventSource" -> eventSource = string(p);
                case "Sns" -> sns = snsNotification(p);
                default -> p.skipChildren();
            }
        }
        return new SnsEvent.Record(eventVersion, eventSubscriptionArn, eventSource, sns);
    }

    static SnsNotification snsNotification(JsonParser p) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        String type = null;
        String messageId = null;
        String topicArn = null;
        String subject = null;
        String message = null;
        java.time.Instant timestamp = null;
        String signatureVersion = null;
        String signature = null;
        String signingCertUrl = null;
        String unsubscribeUrl = null;
        Map<String, SnsMessageAttribute> messageAttributes = null;
        String sequenceNumber = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "Type" -> type = string(p);
                case "MessageId" -> messageId = string(p);
                case "TopicArn" -> topicArn = string(p);
                case "Subject" -> subject = string(p);
                case "Message" -> message = string(p);
                case "Timestamp" -> timestamp = isoInstant(p);
                case "SignatureVersion" -> signatureVersion = string(p);
                case "Signature" -> signature = string(p);
                case "SigningCertUrl", "SigningCertURL" -> signingCertUrl = string(p);
                case "UnsubscribeUrl", "UnsubscribeURL" -> unsubscribeUrl = string(p);
                case "MessageAttributes" -> messageAttributes = map(p, SNS_MESSAGE_ATTRIBUTE);
                case "SequenceNumber" -> sequenceNumber = string(p);
                default -> p.skipChildren();
            }
        }
        return new SnsNotification(type, messageId, topicArn, subject, message, timestamp, signatureVersion,
                signature, signingCertUrl, unsubscribeUrl, messageAttributes, sequenceNumber);
    }

    static SnsMessageAttribute snsMessageAttribute(JsonParser p) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        String type = null;
        String value = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "Type" -> type = string(p);
                case "Value" -> value = string(p);
                default -> p.skipChildren();
            }
        }
        return new SnsMessageAttribute(type, value);
    }

    // ---- S3 ----

    static S3Event s3Event(JsonParser p) throws IOException {
        return records(p, S3_RECORD, S3Event::new);
    }

    static S3Event.Record s3Record(JsonParser p) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        String eventVersion = null;
        String eventSource = null;
        String awsRegion = null;
        java.time.Instant eventTime = null;
        String eventName = null;
        S3Event.UserIdentity userIdentity = null;
        Map<String, String> requestParameters = null;
        Map<String, String> responseElements = null;
        S3Event.Entity s3 = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "eventVersion" -> eventVersion = string(p);
                case "eventSource" -> eventSource = string(p);
                case "awsRegion" -> awsRegion = string(p);
                case "eventTime" -> eventTime = isoInstant(p);
                case "eventName" -> eventName = string(p);
                case "userIdentity" -> userIdentity = s3UserIdentity(p);
                case "requestParameters" -> requestParameters = stringMap(p);
                case "responseElements" -> responseElements = stringMap(p);
                case "s3" -> s3 = s3Entity(p);
                default -> p.skipChildren();
            }
        }
        return new S3Event.Record(eventVersion, eventSource, awsRegion, eventTime, eventName, userIdentity,
                requestParameters, responseElements, s3);
    }

    static S3Event.UserIdentity s3UserIdentity(JsonParser p) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        String principalId = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            if ("principalId".equals(name)) {
                principalId = string(p);
            } else {
                p.skipChildren();
            }
        }
        return new S3Event.UserIdentity(principalId);
    }

    static S3Event.Entity s3Entity(JsonParser p) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        String schemaVersion = null;
        String configurationId = null;
        S3Event.Bucket bucket = null;
        S3Event.S3Object object = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "s3SchemaVersion" -> schemaVersion = string(p);
                case "configurationId" -> configurationId = string(p);
                case "bucket" -> bucket = s3Bucket(p);
                case "object" -> object = s3Object(p);
                default -> p.skipChildren();
            }
        }
        return new S3Event.Entity(schemaVersion, configurationId, bucket, object);
    }

    static S3Event.Bucket s3Bucket(JsonParser p) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        String bucketName = null;
        S3Event.UserIdentity owner = null;
        String arn = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "name" -> bucketName = string(p);
                case "ownerIdentity" -> owner = s3UserIdentity(p);
                case "arn" -> arn = string(p);
                default -> p.skipChildren();
            }
        }
        return new S3Event.Bucket(bucketName, owner, arn);
    }

    static S3Event.S3Object s3Object(JsonParser p) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        String key = null;
        Long size = null;
        String eTag = null;
        String versionId = null;
        String sequencer = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "key" -> key = string(p);
                case "size" -> size = longValue(p);
                case "eTag" -> eTag = string(p);
                case "versionId" -> versionId = string(p);
                case "sequencer" -> sequencer = string(p);
                default -> p.skipChildren();
            }
        }
        return new S3Event.S3Object(key, size, eTag, versionId, sequencer);
    }

    static S3ObjectEventDetail s3ObjectEventDetail(JsonParser p) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        String version = null;
        S3ObjectEventDetail.Bucket bucket = null;
        S3ObjectEventDetail.S3Object object = null;
        String requestId = null;
        String requester = null;
        String sourceIpAddress = null;
        String reason = null;
        String deletionType = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "version" -> version = string(p);
                case "bucket" -> bucket = eventBridgeBucket(p);
                case "object" -> object = eventBridgeObject(p);
                case "request-id" -> requestId = string(p);
                case "requester" -> requester = string(p);
                case "source-ip-address" -> sourceIpAddress = string(p);
                case "reason" -> reason = string(p);
                case "deletion-type" -> deletionType = string(p);
                default -> p.skipChildren();
            }
        }
        return new S3ObjectEventDetail(version, bucket, object, requestId, requester, sourceIpAddress, reason,
                deletionType);
    }

    static S3ObjectEventDetail.Bucket eventBridgeBucket(JsonParser p) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        String bucketName = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            if ("name".equals(name)) {
                bucketName = string(p);
            } else {
                p.skipChildren();
            }
        }
        return new S3ObjectEventDetail.Bucket(bucketName);
    }

    static S3ObjectEventDetail.S3Object eventBridgeObject(JsonParser p) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        String key = null;
        Long size = null;
        String etag = null;
        String versionId = null;
        String sequencer = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "key" -> key = string(p);
                case "size" -> size = longValue(p);
                case "etag" -> etag = string(p);
                case "version-id" -> versionId = string(p);
                case "sequencer" -> sequencer = string(p);
                default -> p.skipChildren();
            }
        }
        return new S3ObjectEventDetail.S3Object(key, size, etag, versionId, sequencer);
    }

    // ---- EventBridge ----

    static EventBridgeEvent eventBridgeEvent(JsonParser p) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        String version = null;
        String id = null;
        String detailType = null;
        String source = null;
        String account = null;
        java.time.Instant time = null;
        String region = null;
        List<String> resources = null;
        JsonNode detail = null;
        String replayName = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "version" -> version = string(p);
                case "id" -> id = string(p);
                case "detail-type" -> detailType = string(p);
                case "source" -> source = string(p);
                case "account" -> account = string(p);
                case "time" -> time = isoInstant(p);
                case "region" -> region = string(p);
                case "resources" -> resources = stringList(p);
                case "detail" -> detail = JsonTrees.tree(p);
                case "replay-name" -> replayName = string(p);
                default -> p.skipChildren();
            }
        }
        return new EventBridgeEvent(version, id, detailType, source, account, time, region, resources, detail,
                replayName);
    }

    static ScheduledEvent scheduledEvent(JsonParser p) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        String version = null;
        String id = null;
        String detailType = null;
        String source = null;
        String account = null;
        java.time.Instant time = null;
        String region = null;
        List<String> resources = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "version" -> version = string(p);
                case "id" -> id = string(p);
                case "detail-type" -> detailType = string(p);
                case "source" -> source = string(p);
                case "account" -> account = string(p);
                case "time" -> time = isoInstant(p);
                case "region" -> region = string(p);
                case "resources" -> resources = stringList(p);
                default -> p.skipChildren();
            }
        }
        return new ScheduledEvent(version, id, detailType, source, account, time, region, resources);
    }

    // ---- API Gateway ----

    static ApiGatewayV2HttpEvent apiV2Event(JsonParser p) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        String version = null;
        String routeKey = null;
        String rawPath = null;
        String rawQueryString = null;
        List<String> cookies = null;
        Map<String, String> headers = null;
        Map<String, String> queryStringParameters = null;
        Map<String, String> pathParameters = null;
        Map<String, String> stageVariables = null;
        ApiGatewayV2HttpEvent.RequestContext requestContext = null;
        String body = null;
        boolean base64Encoded = false;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "version" -> version = string(p);
                case "routeKey" -> routeKey = string(p);
                case "rawPath" -> rawPath = string(p);
                case "rawQueryString" -> rawQueryString = string(p);
                case "cookies" -> cookies = stringList(p);
                case "headers" -> headers = stringMap(p);
                case "queryStringParameters" -> queryStringParameters = stringMap(p);
                case "pathParameters" -> pathParameters = stringMap(p);
                case "stageVariables" -> stageVariables = stringMap(p);
                case "requestContext" -> requestContext = apiV2RequestContext(p);
                case "body" -> body = string(p);
                case "isBase64Encoded" -> base64Encoded = bool(p);
                default -> p.skipChildren();
            }
        }
        return new ApiGatewayV2HttpEvent(version, routeKey, rawPath, rawQueryString, cookies, headers,
                queryStringParameters, pathParameters, stageVariables, requestContext, body, base64Encoded);
    }

    static ApiGatewayV2HttpEvent.RequestContext apiV2RequestContext(JsonParser p) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        String accountId = null;
        String apiId = null;
        String domainName = null;
        String domainPrefix = null;
        String requestId = null;
        String routeKey = null;
        String stage = null;
        java.time.Instant time = null;
        java.time.Instant timeEpoch = null;
        ApiGatewayV2HttpEvent.Http http = null;
        JsonNode authorizer = null;
        JsonNode authentication = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "accountId" -> accountId = string(p);
                case "apiId" -> apiId = string(p);
                case "domainName" -> domainName = string(p);
                case "domainPrefix" -> domainPrefix = string(p);
                case "requestId" -> requestId = string(p);
                case "routeKey" -> routeKey = string(p);
                case "stage" -> stage = string(p);
                case "time" -> time = apiGatewayTime(p);
                case "timeEpoch" -> timeEpoch = epochMillis(p);
                case "http" -> http = apiV2Http(p);
                case "authorizer" -> authorizer = JsonTrees.tree(p);
                case "authentication" -> authentication = JsonTrees.tree(p);
                default -> p.skipChildren();
            }
        }
        return new ApiGatewayV2HttpEvent.RequestContext(accountId, apiId, domainName, domainPrefix, requestId,
                routeKey, stage, time, timeEpoch, http, authorizer, authentication);
    }

    static ApiGatewayV2HttpEvent.Http apiV2Http(JsonParser p) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        String method = null;
        String path = null;
        String protocol = null;
        String sourceIp = null;
        String userAgent = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "method" -> method = string(p);
                case "path" -> path = string(p);
                case "protocol" -> protocol = string(p);
                case "sourceIp" -> sourceIp = string(p);
                case "userAgent" -> userAgent = string(p);
                default -> p.skipChildren();
            }
        }
        return new ApiGatewayV2HttpEvent.Http(method, path, protocol, sourceIp, userAgent);
    }

    static ApiGatewayV1ProxyEvent apiV1Event(JsonParser p) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        String resource = null;
        String path = null;
        String httpMethod = null;
        Map<String, String> headers = null;
        Map<String, List<String>> multiValueHeaders = null;
        Map<String, String> queryStringParameters = null;
        Map<String, List<String>> multiValueQueryStringParameters = null;
        Map<String, String> pathParameters = null;
        Map<String, String> stageVariables = null;
        ApiGatewayV1ProxyEvent.RequestContext requestContext = null;
        String body = null;
        boolean base64Encoded = false;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "resource" -> resource = string(p);
                case "path" -> path = string(p);
                case "httpMethod" -> httpMethod = string(p);
                case "headers" -> headers = stringMap(p);
                case "multiValueHeaders" -> multiValueHeaders = map(p, JsonIn.STRING_LIST);
                case "queryStringParameters" -> queryStringParameters = stringMap(p);
                case "multiValueQueryStringParameters" -> multiValueQueryStringParameters = map(p, JsonIn.STRING_LIST);
                case "pathParameters" -> pathParameters = stringMap(p);
                case "stageVariables" -> stageVariables = stringMap(p);
                case "requestContext" -> requestContext = apiV1RequestContext(p);
                case "body" -> body = string(p);
                case "isBase64Encoded" -> base64Encoded = bool(p);
                default -> p.skipChildren();
            }
        }
        return new ApiGatewayV1ProxyEvent(resource, path, httpMethod, headers, multiValueHeaders,
                queryStringParameters, multiValueQueryStringParameters, pathParameters, stageVariables,
                requestContext, body, base64Encoded);
    }

    static ApiGatewayV1ProxyEvent.RequestContext apiV1RequestContext(JsonParser p) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        String accountId = null;
        String apiId = null;
        String resourceId = null;
        String resourcePath = null;
        String httpMethod = null;
        String path = null;
        String protocol = null;
        String stage = null;
        String domainName = null;
        String domainPrefix = null;
        String requestId = null;
        String extendedRequestId = null;
        java.time.Instant requestTime = null;
        java.time.Instant requestTimeEpoch = null;
        ApiGatewayV1ProxyEvent.Identity identity = null;
        JsonNode authorizer = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "accountId" -> accountId = string(p);
                case "apiId" -> apiId = string(p);
                case "resourceId" -> resourceId = string(p);
                case "resourcePath" -> resourcePath = string(p);
                case "httpMethod" -> httpMethod = string(p);
                case "path" -> path = string(p);
                case "protocol" -> protocol = string(p);
                case "stage" -> stage = string(p);
                case "domainName" -> domainName = string(p);
                case "domainPrefix" -> domainPrefix = string(p);
                case "requestId" -> requestId = string(p);
                case "extendedRequestId" -> extendedRequestId = string(p);
                case "requestTime" -> requestTime = apiGatewayTime(p);
                case "requestTimeEpoch" -> requestTimeEpoch = epochMillis(p);
                case "identity" -> identity = apiV1Identity(p);
                case "authorizer" -> authorizer = JsonTrees.tree(p);
                default -> p.skipChildren();
            }
        }
        return new ApiGatewayV1ProxyEvent.RequestContext(accountId, apiId, resourceId, resourcePath, httpMethod,
                path, protocol, stage, domainName, domainPrefix, requestId, extendedRequestId, requestTime,
                requestTimeEpoch, identity, authorizer);
    }

    static ApiGatewayV1ProxyEvent.Identity apiV1Identity(JsonParser p) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        String[] v = new String[14];
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            int index = switch (name) {
                case "sourceIp" -> 0;
                case "userAgent" -> 1;
                case "accountId" -> 2;
                case "caller" -> 3;
                case "user" -> 4;
                case "userArn" -> 5;
                case "apiKey" -> 6;
                case "apiKeyId" -> 7;
                case "accessKey" -> 8;
                case "cognitoIdentityId" -> 9;
                case "cognitoIdentityPoolId" -> 10;
                case "cognitoAuthenticationType" -> 11;
                case "cognitoAuthenticationProvider" -> 12;
                case "principalOrgId" -> 13;
                default -> -1;
            };
            if (index >= 0) {
                v[index] = string(p);
            } else {
                p.skipChildren();
            }
        }
        return new ApiGatewayV1ProxyEvent.Identity(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9],
                v[10], v[11], v[12], v[13]);
    }

    // ---- DynamoDB Streams ----

    static DynamoDbStreamEvent dynamoDbStreamEvent(JsonParser p) throws IOException {
        return records(p, DYNAMO_DB_RECORD, DynamoDbStreamEvent::new);
    }

    static DynamoDbStreamEvent.Record dynamoDbRecord(JsonParser p) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        String eventId = null;
        String eventName = null;
        String eventVersion = null;
        String eventSource = null;
        String awsRegion = null;
        String eventSourceArn = null;
        DynamoDbStreamEvent.StreamRecord dynamodb = null;
        DynamoDbStreamEvent.UserIdentity userIdentity = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "eventID" -> eventId = string(p);
                case "eventName" -> eventName = string(p);
                case "eventVersion" -> eventVersion = string(p);
                case "eventSource" -> eventSource = string(p);
                case "awsRegion" -> awsRegion = string(p);
                case "eventSourceARN" -> eventSourceArn = string(p);
                case "dynamodb" -> dynamodb = streamRecord(p);
                case "userIdentity" -> userIdentity = dynamoDbUserIdentity(p);
                default -> p.skipChildren();
            }
        }
        return new DynamoDbStreamEvent.Record(eventId, eventName, eventVersion, eventSource, awsRegion,
                eventSourceArn, dynamodb, userIdentity);
    }

    static DynamoDbStreamEvent.UserIdentity dynamoDbUserIdentity(JsonParser p) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        String type = null;
        String principalId = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "type" -> type = string(p);
                case "principalId" -> principalId = string(p);
                default -> p.skipChildren();
            }
        }
        return new DynamoDbStreamEvent.UserIdentity(type, principalId);
    }

    static DynamoDbStreamEvent.StreamRecord streamRecord(JsonParser p) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        java.time.Instant created = null;
        Map<String, AttributeValue> keys = null;
        Map<String, AttributeValue> newImage = null;
        Map<String, AttributeValue> oldImage = null;
        String sequenceNumber = null;
        Long sizeBytes = null;
        String streamViewType = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "ApproximateCreationDateTime" -> created = epochSeconds(p);
                case "Keys" -> keys = map(p, ATTRIBUTE_VALUE);
                case "NewImage" -> newImage = map(p, ATTRIBUTE_VALUE);
                case "OldImage" -> oldImage = map(p, ATTRIBUTE_VALUE);
                case "SequenceNumber" -> sequenceNumber = string(p);
                case "SizeBytes" -> sizeBytes = longValue(p);
                case "StreamViewType" -> streamViewType = string(p);
                default -> p.skipChildren();
            }
        }
        return new DynamoDbStreamEvent.StreamRecord(created, keys, newImage, oldImage, sequenceNumber, sizeBytes,
                streamViewType);
    }

    private static final String ATTRIBUTE_TYPES = "S, N, B, SS, NS, BS, M, L, NULL or BOOL";

    static AttributeValue attributeValue(JsonParser p) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        String type = p.nextFieldName();
        if (type == null) {
            throw new JsonIn.ShapeException("expected one type key (" + ATTRIBUTE_TYPES + "), found an empty object");
        }
        p.nextToken();
        // Read the value, close the object, then build: a record that rejects the value (e.g. N "abc") then
        // sees the parser in the enclosing context, and the error path ends in ".N" exactly once.
        Object raw = switch (type) {
            case "S", "N", "B" -> requiredString(p);
            case "SS", "NS", "BS" -> stringList(p);
            case "M" -> map(p, ATTRIBUTE_VALUE);
            case "L" -> list(p, ATTRIBUTE_VALUE);
            case "NULL" -> {
                if (p.currentToken() != JsonToken.VALUE_TRUE) {
                    throw JsonIn.mismatch("true", p.currentToken());
                }
                yield Boolean.TRUE;
            }
            case "BOOL" -> bool(p);
            default -> throw new JsonIn.ShapeException("unknown DynamoDB type '" + type + "'; expected "
                    + ATTRIBUTE_TYPES);
        };
        if (p.nextToken() != JsonToken.END_OBJECT) {
            throw new JsonIn.ShapeException("expected exactly one type key (" + ATTRIBUTE_TYPES + ")");
        }
        return attributeValue(type, raw);
    }

    @SuppressWarnings("unchecked")
    private static AttributeValue attributeValue(String type, Object raw) {
        return switch (type) {
            case "S" -> new AttributeValue.StringValue((String) raw);
            case "N" -> new AttributeValue.NumberValue((String) raw);
            case "B" -> new AttributeValue.BinaryValue((String) raw);
            case "SS" -> new AttributeValue.StringSet((List<String>) raw);
            case "NS" -> new AttributeValue.NumberSet((List<String>) raw);
            case "BS" -> new AttributeValue.BinarySet((List<String>) raw);
            case "M" -> new AttributeValue.MapValue((Map<String, AttributeValue>) raw);
            case "L" -> new AttributeValue.ListValue((List<AttributeValue>) raw);
            case "NULL" -> new AttributeValue.NullValue();
            default -> new AttributeValue.BoolValue((Boolean) raw);
        };
    }

    private static String requiredString(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw JsonIn.mismatch("a string", p.currentToken());
        }
        return JsonIn.text(p);
    }

    // ---- Kinesis ----

    static KinesisEvent kinesisEvent(JsonParser p) throws IOException {
        return records(p, KINESIS_RECORD, KinesisEvent::new);
    }

    static KinesisEvent.Record kinesisRecord(JsonParser p) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        KinesisEvent.Data kinesis = null;
        String eventSource = null;
        String eventVersion = null;
        String eventId = null;
        String eventName = null;
        String invokeIdentityArn = null;
        String awsRegion = null;
        String eventSourceArn = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "kinesis" -> kinesis = kinesisData(p);
                case "eventSource" -> eventSource = string(p);
                case "eventVersion" -> eventVersion = string(p);
                case "eventID" -> eventId = string(p);
                case "eventName" -> eventName = string(p);
                case "invokeIdentityArn" -> invokeIdentityArn = string(p);
                case "awsRegion" -> awsRegion = string(p);
                case "eventSourceARN" -> eventSourceArn = string(p);
                default -> p.skipChildren();
            }
        }
        return new KinesisEvent.Record(kinesis, eventSource, eventVersion, eventId, eventName, invokeIdentityArn,
                awsRegion, eventSourceArn);
    }

    static KinesisEvent.Data kinesisData(JsonParser p) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        String schemaVersion = null;
        String partitionKey = null;
        String sequenceNumber = null;
        String data = null;
        java.time.Instant arrival = null;
        String encryptionType = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "kinesisSchemaVersion" -> schemaVersion = string(p);
                case "partitionKey" -> partitionKey = string(p);
                case "sequenceNumber" -> sequenceNumber = string(p);
                case "data" -> data = string(p);
                case "approximateArrivalTimestamp" -> arrival = epochSeconds(p);
                case "encryptionType" -> encryptionType = string(p);
                default -> p.skipChildren();
            }
        }
        return new KinesisEvent.Data(schemaVersion, partitionKey, sequenceNumber, data, arrival, encryptionType);
    }
}
