/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import io.serverless4j.thumbnails.internal.ThumbnailEventPublisher;
import io.serverless4j.thumbnails.internal.ThumbnailRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Makes thumbnails for S3 objects: for each object version, skip what is not ours (keys under the output prefix,
 * so a thumbnail never triggers itself; keys outside the source prefix; non-images), skip what is already done
 * (a consistent read of its metadata item), HeadObject (size and type; refuse over the byte limit),
 * GetObject, {@link Thumbnailer#generate}, one PutObject per thumbnail to {@code <outputPrefix><name>/<key>},
 * a {@code ThumbnailCreated} event to EventBridge, and last the metadata item in DynamoDB, whose presence marks
 * the version as done.
 *
 * <pre>{@code
 * static final S3ThumbnailProcessor PROCESSOR = S3ThumbnailProcessor.builder()
 *         .s3(S3Client.create()).dynamoDb(DynamoDbClient.create()).eventBridge(EventBridgeClient.create())
 *         .tableName("thumbnails").thumbnailer(THUMBNAILER).build();
 * List<ThumbnailOutcome> outcomes = PROCESSOR.process(objects);
 * }</pre>
 *
 * <p>Guarantees. Idempotent per (bucket, key, versionId or ETag): a re-delivery of a completed version makes one
 * DynamoDB GetItem and no S3 call. Each thumbnail is one PutObject with a known content length (never multipart),
 * so no reader ever sees a partial thumbnail; when a put fails, the thumbnails already written in that attempt
 * are deleted (best effort) and the object is reported failed and retryable. A bad image is reported failed, not
 * retryable, and nothing is written. The event is published before the metadata item is written, so a crash
 * between the two can publish it twice (at least once), never zero times.
 *
 * <p>Memory: the GetObject body is decoded as it arrives ({@link Thumbnailer#generate(java.io.InputStream, String)}):
 * for JPEG a 128 KiB window, not the object; other formats are read whole, up to
 * {@link Thumbnailer#maxInputBytes()}. Plus what {@link Thumbnailer} needs for pixels.
 *
 * <p>Immutable and thread-safe; the clients it is given must be too (SDK clients are).
 */
public final class S3ThumbnailProcessor {

    private static final Set<String> IMAGE_EXTENSIONS =
            Set.of("jpg", "jpeg", "jpe", "jfif", "png", "gif", "bmp", "webp");

    private final S3Client s3;
    private final DynamoDbTable<ThumbnailRecord> table;
    private final ThumbnailEventPublisher events;
    private final Thumbnailer thumbnailer;
    private final String outputPrefix;
    private final String sourcePrefix;
    private final String cacheControl;
    private final Clock clock;
    private final Builder settings;

    private S3ThumbnailProcessor(Builder b) {
        this.settings = b.copy();
        this.s3 = b.s3;
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(b.dynamoDb).build()
                .table(b.tableName, ThumbnailRecord.SCHEMA);
        this.events = new ThumbnailEventPublisher(b.eventBridge, b.eventBusName, b.eventSource);
        this.thumbnailer = b.thumbnailer;
        this.outputPrefix = b.outputPrefix;
        this.sourcePrefix = b.sourcePrefix;
        this.cacheControl = b.cacheControl;
        this.clock = b.clock;
    }

    /**
     * Starts a processor. Required: {@code s3}, {@code dynamoDb}, {@code eventBridge}, {@code tableName},
     * {@code thumbnailer}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this processor's settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return settings.copy();
    }

    /**
     * The key a thumbnail is written to.
     *
     * @param spec the thumbnail's spec
     * @param sourceKey the source object's key
     * @return {@code <outputPrefix><spec name>/<sourceKey>}
     */
    public String thumbnailKey(ThumbnailSpec spec, String sourceKey) {
        return outputPrefix + spec.name() + "/" + sourceKey;
    }

    /**
     * Processes each object in turn; one failure does not stop the others.
     *
     * @param objects the objects, e.g. from one S3 or SQS event
     * @return one outcome per object, in order
     * @throws NullPointerException when the list or an element is null
     */
    public List<ThumbnailOutcome> process(List<S3ObjectRef> objects) {
        List<ThumbnailOutcome> outcomes = new ArrayList<>(objects.size());
        for (S3ObjectRef object : List.copyOf(objects)) {
            outcomes.add(process(object));
        }
        return outcomes;
    }

    /**
     * Processes one object. Never throws for a bad image or an AWS failure: those are reported in the outcome.
     *
     * @param object the object
     * @return what happened
     * @throws NullPointerException when {@code object} is null
     */
    public ThumbnailOutcome process(S3ObjectRef object) {
        Objects.requireNonNull(object, "object");
        String key = object.key();
        if (key.startsWith(outputPrefix)) {
            return skipped(object, "the key is under the output prefix " + outputPrefix
                    + " (a thumbnail never makes thumbnails)");
        }
        if (sourcePrefix != null && !key.startsWith(sourcePrefix)) {
            return skipped(object, "the key is outside the source prefix " + sourcePrefix);
        }
        String extension = extension(key);
        if (extension != null && !IMAGE_EXTENSIONS.contains(extension)) {
            return skipped(object, "." + extension + " is not an image extension");
        }
        long start = System.nanoTime();
        String id = idOf(object);
        List<String> written = new ArrayList<>();
        try {
            if (table.getItem(r -> r.key(Key.builder().partitionValue(id).build()).consistentRead(true)) != null) {
                return new ThumbnailOutcome(object, ThumbnailOutcome.Status.ALREADY_DONE, List.of(),
                        "this version already has thumbnails (metadata item " + id + ")", null);
            }
            HeadObjectResponse head = s3.headObject(r -> r.bucket(object.bucket()).key(key)
                    .versionId(object.versionId()));
            String headETag = head.eTag() == null ? null : head.eTag().replace("\"", "");
            if (object.versionId() == null && object.eTag() != null && headETag != null
                    && !headETag.equals(object.eTag())) {
                return skipped(object, "the object was overwritten since this event (ETag " + headETag
                        + "); the newer version's event makes its thumbnails");
            }
            String contentType = head.contentType();
            if (extension == null && (contentType == null || !contentType.startsWith("image/"))) {
                return skipped(object, "no image extension and content type " + contentType);
            }
            long size = head.contentLength() == null ? -1 : head.contentLength();
            if (size > thumbnailer.maxInputBytes()) {
                throw new ImageTooLargeException(key, "the object is " + size + " bytes; the limit is "
                        + thumbnailer.maxInputBytes() + " bytes. Nothing was downloaded.");
            }
            ThumbnailSet set = download(object, size);
            List<String> entries = new ArrayList<>();
            for (Thumbnail thumbnail : set.thumbnails()) {
                String thumbKey = thumbnailKey(thumbnail.spec(), key);
                byte[] encoded = thumbnail.bytes();
                s3.putObject(r -> r.bucket(object.bucket()).key(thumbKey).contentType(thumbnail.contentType())
                        .contentLength((long) encoded.length).cacheControl(cacheControl),
                        RequestBody.fromBytes(encoded));
                written.add(thumbKey);
                entries.add(thumbKey + " " + thumbnail.width() + " " + thumbnail.height() + " "
                        + thumbnail.contentType() + " " + encoded.length);
            }
            Duration total = Duration.ofNanos(System.nanoTime() - start);
            events.publish(detail(object, set, written), List.of("arn:aws:s3:::" + object.bucket() + "/" + key));
            ThumbnailRecord record = record(id, object, set, entries, total);
            try {
                table.putItem(r -> r.item(record).conditionExpression(Expression.builder()
                        .expression("attribute_not_exists(id)").build()));
            } catch (ConditionalCheckFailedException concurrentDuplicate) {
                // Another invocation finished the same version first; its thumbnails are identical to ours.
            }
            return new ThumbnailOutcome(object, ThumbnailOutcome.Status.CREATED, written, "", null);
        } catch (ThumbnailException badImage) {
            return new ThumbnailOutcome(object, ThumbnailOutcome.Status.FAILED, List.of(), badImage.getMessage(),
                    badImage);
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 404) {
                deleteQuietly(object.bucket(), written);
                return skipped(object, "the object version is gone or was overwritten (HTTP " + e.statusCode()
                        + ")");
            }
            return failedRetryable(object, written, e);
        } catch (SdkException | IllegalStateException | UncheckedIOException e) {
            return failedRetryable(object, written, e);
        }
    }

    private ThumbnailOutcome failedRetryable(S3ObjectRef object, List<String> written, RuntimeException e) {
        deleteQuietly(object.bucket(), written);
        return new ThumbnailOutcome(object, ThumbnailOutcome.Status.FAILED, List.of(),
                object.uri() + ": " + e.getMessage(), e);
    }

    /** GetObject, decoding the body as it arrives (the thumbnailer enforces the byte limit on what it reads). */
    private ThumbnailSet download(S3ObjectRef object, long size) {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> {
            r.bucket(object.bucket()).key(object.key()).versionId(object.versionId());
            if (object.versionId() == null && object.eTag() != null) {
                r.ifMatch("\"" + object.eTag() + "\"");
            }
        })) {
            long length = in.response().contentLength() == null ? size : in.response().contentLength();
            if (length > thumbnailer.maxInputBytes()) {
                in.abort(); // do not drain a body we will not read
                throw new ImageTooLargeException(object.key(), "the object is " + length + " bytes; the limit is "
                        + thumbnailer.maxInputBytes() + " bytes");
            }
            ThumbnailSet set;
            try {
                set = thumbnailer.generate(in, object.key());
            } catch (RuntimeException e) {
                in.abort(); // closing would drain the rest of a body we gave up on
                throw e;
            }
            if (in.read() >= 0) {
                in.abort(); // bytes after the image (a decoder stops at its end): do not drain them either
            }
            return set;
        } catch (IOException e) {
            throw new UncheckedIOException(object.uri() + ": reading the object failed: " + e.getMessage(), e);
        }
    }

    private void deleteQuietly(String bucket, List<String> keys) {
        for (String key : keys) {
            try {
                s3.deleteObject(r -> r.bucket(bucket).key(key));
            } catch (SdkException ignored) {
                // Best effort: a retry overwrites it with the same content anyway.
            }
        }
    }

    private static ThumbnailOutcome skipped(S3ObjectRef object, String why) {
        return new ThumbnailOutcome(object, ThumbnailOutcome.Status.SKIPPED, List.of(), why, null);
    }

    private static String extension(String key) {
        int slash = key.lastIndexOf('/');
        int dot = key.lastIndexOf('.');
        if (dot <= slash + 1 || dot == key.length() - 1) {
            return null;
        }
        return key.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static String idOf(S3ObjectRef object) {
        return object.bucket() + "/" + object.key() + "#"
                + (object.versionId() != null ? "v:" + object.versionId() : "e:" + object.eTag());
    }

    private ThumbnailRecord record(String id, S3ObjectRef object, ThumbnailSet set, List<String> entries,
            Duration total) {
        ThumbnailRecord record = new ThumbnailRecord();
        record.setId(id);
        record.setBucket(object.bucket());
        record.setSourceKey(object.key());
        record.setVersionId(object.versionId());
        record.setETag(object.eTag());
        record.setFormat(set.source().format().name());
        record.setWidth(set.source().width());
        record.setHeight(set.source().height());
        record.setOrientation(set.source().orientation());
        record.setThumbnails(entries);
        record.setCreatedAt(clock.instant().toString());
        record.setDecodeMicros(set.decodeTime().toNanos() / 1000);
        record.setTotalMicros(total.toNanos() / 1000);
        return record;
    }

    private static String detail(S3ObjectRef object, ThumbnailSet set, List<String> keys) {
        StringBuilder b = new StringBuilder("{\"bucket\":").append(ThumbnailEventPublisher.json(object.bucket()))
                .append(",\"key\":").append(ThumbnailEventPublisher.json(object.key()))
                .append(",\"versionId\":").append(ThumbnailEventPublisher.json(object.versionId()))
                .append(",\"eTag\":").append(ThumbnailEventPublisher.json(object.eTag()))
                .append(",\"format\":").append(ThumbnailEventPublisher.json(set.source().format().name()))
                .append(",\"width\":").append(set.source().uprightWidth())
                .append(",\"height\":").append(set.source().uprightHeight())
                .append(",\"thumbnails\":[");
        for (int i = 0; i < keys.size(); i++) {
            Thumbnail t = set.thumbnails().get(i);
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"key\":").append(ThumbnailEventPublisher.json(keys.get(i)))
                    .append(",\"width\":").append(t.width()).append(",\"height\":").append(t.height())
                    .append(",\"contentType\":").append(ThumbnailEventPublisher.json(t.contentType()))
                    .append(",\"sizeBytes\":").append(t.sizeBytes()).append('}');
        }
        return b.append("]}").toString();
    }

    /** Reading the object's stream failed mid-way: retryable. */
    /** Builds an {@link S3ThumbnailProcessor}. Not thread-safe. */
    public static final class Builder {
        private S3Client s3;
        private DynamoDbClient dynamoDb;
        private EventBridgeClient eventBridge;
        private String tableName;
        private Thumbnailer thumbnailer;
        private String outputPrefix = "thumb/";
        private String sourcePrefix;
        private String eventBusName = "default";
        private String eventSource = "serverless4j.thumbnails";
        private String cacheControl = "public, max-age=31536000, immutable";
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        private Builder copy() {
            Builder b = new Builder();
            b.s3 = s3;
            b.dynamoDb = dynamoDb;
            b.eventBridge = eventBridge;
            b.tableName = tableName;
            b.thumbnailer = thumbnailer;
            b.outputPrefix = outputPrefix;
            b.sourcePrefix = sourcePrefix;
            b.eventBusName = eventBusName;
            b.eventSource = eventSource;
            b.cacheControl = cacheControl;
            b.clock = clock;
            return b;
        }

        /**
         * The S3 client (reads sources, writes thumbnails). Built by you, with the HTTP client you chose.
         *
         * @param s3 the client
         * @return this builder
         * @throws NullPointerException when null
         */
        public Builder s3(S3Client s3) {
            this.s3 = Objects.requireNonNull(s3, "s3");
            return this;
        }

        /**
         * The DynamoDB client for the metadata table (wrapped in an enhanced client).
         *
         * @param dynamoDb the client
         * @return this builder
         * @throws NullPointerException when null
         */
        public Builder dynamoDb(DynamoDbClient dynamoDb) {
            this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
            return this;
        }

        /**
         * The EventBridge client for {@code ThumbnailCreated} events.
         *
         * @param eventBridge the client
         * @return this builder
         * @throws NullPointerException when null
         */
        public Builder eventBridge(EventBridgeClient eventBridge) {
            this.eventBridge = Objects.requireNonNull(eventBridge, "eventBridge");
            return this;
        }

        /**
         * The metadata table: partition key {@code id} (string), nothing else required.
         *
         * @param tableName the table name
         * @return this builder
         * @throws NullPointerException when null
         * @throws IllegalArgumentException when empty
         */
        public Builder tableName(String tableName) {
            this.tableName = nonEmpty(tableName, "tableName");
            return this;
        }

        /**
         * What to make.
         *
         * @param thumbnailer the thumbnailer; its {@code maxInputBytes} is also the object size limit
         * @return this builder
         * @throws NullPointerException when null
         */
        public Builder thumbnailer(Thumbnailer thumbnailer) {
            this.thumbnailer = Objects.requireNonNull(thumbnailer, "thumbnailer");
            return this;
        }

        /**
         * Where thumbnails go; keys under it are never processed.
         *
         * @param outputPrefix default {@code thumb/}; must end with {@code /}
         * @return this builder
         * @throws NullPointerException when null
         * @throws IllegalArgumentException when empty or not ending with {@code /}
         */
        public Builder outputPrefix(String outputPrefix) {
            nonEmpty(outputPrefix, "outputPrefix");
            if (!outputPrefix.endsWith("/")) {
                throw new IllegalArgumentException("outputPrefix must end with '/', was '" + outputPrefix + "'");
            }
            this.outputPrefix = outputPrefix;
            return this;
        }

        /**
         * Only keys under this prefix are processed (the S3 notification should filter on it too).
         *
         * @param sourcePrefix e.g. {@code raw/}; default: any key outside the output prefix
         * @return this builder
         * @throws NullPointerException when null
         * @throws IllegalArgumentException when empty
         */
        public Builder sourcePrefix(String sourcePrefix) {
            this.sourcePrefix = nonEmpty(sourcePrefix, "sourcePrefix");
            return this;
        }

        /**
         * The event bus for {@code ThumbnailCreated}.
         *
         * @param eventBusName default {@code default}
         * @return this builder
         * @throws NullPointerException when null
         * @throws IllegalArgumentException when empty
         */
        public Builder eventBusName(String eventBusName) {
            this.eventBusName = nonEmpty(eventBusName, "eventBusName");
            return this;
        }

        /**
         * The events' {@code source}.
         *
         * @param eventSource default {@code serverless4j.thumbnails}
         * @return this builder
         * @throws NullPointerException when null
         * @throws IllegalArgumentException when empty
         */
        public Builder eventSource(String eventSource) {
            this.eventSource = nonEmpty(eventSource, "eventSource");
            return this;
        }

        /**
         * The {@code Cache-Control} header of every thumbnail.
         *
         * @param cacheControl default {@code public, max-age=31536000, immutable} (a version's thumbnail never
         *     changes)
         * @return this builder
         * @throws NullPointerException when null
         * @throws IllegalArgumentException when empty
         */
        public Builder cacheControl(String cacheControl) {
            this.cacheControl = nonEmpty(cacheControl, "cacheControl");
            return this;
        }

        /**
         * The clock for the metadata item's {@code createdAt}.
         *
         * @param clock default the system UTC clock
         * @return this builder
         * @throws NullPointerException when null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the processor.
         *
         * @return the immutable processor
         * @throws IllegalStateException when a required setting is missing, or the source prefix is inside the
         *     output prefix (or the other way round), which would let thumbnails trigger themselves
         */
        public S3ThumbnailProcessor build() {
            List<String> missing = new ArrayList<>();
            if (s3 == null) {
                missing.add("s3");
            }
            if (dynamoDb == null) {
                missing.add("dynamoDb");
            }
            if (eventBridge == null) {
                missing.add("eventBridge");
            }
            if (tableName == null) {
                missing.add("tableName");
            }
            if (thumbnailer == null) {
                missing.add("thumbnailer");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("required: " + String.join(", ", missing));
            }
            if (sourcePrefix != null && (sourcePrefix.startsWith(outputPrefix) || outputPrefix.startsWith(
                    sourcePrefix))) {
                throw new IllegalStateException("sourcePrefix '" + sourcePrefix + "' and outputPrefix '"
                        + outputPrefix + "' overlap: thumbnails would trigger the function again");
            }
            return new S3ThumbnailProcessor(this);
        }

        private static String nonEmpty(String value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isEmpty()) {
                throw new IllegalArgumentException(name + " must not be empty");
            }
            return value;
        }
    }
}
